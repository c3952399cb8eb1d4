import { describeEachUserErrorMode } from "../../support/user-error-modes";
import { ProviderHostError } from "../../support/provider-host";
import { Stored, create, previewDiff, update, useWorld } from "../world";
import { uuidOf } from "../../support/uuids";
const APAC_UUID = uuidOf("apac");
const EMEA_SALES_UUID = uuidOf("emea-sales");
const EMEA_UUID = uuidOf("emea");
const TAKEN_UUID = uuidOf("taken");

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();

/** API writes the emulator saw (token requests and reads left out), as `METHOD path`. */
async function writes() {
  return (await t.emulator().requests())
    .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
    .map((r) => `${r.method} ${r.path}`);
}

async function live(uuid: string) {
  return (await t.liveGroups()).find((g) => g.uuid === uuid);
}

let sales: Stored;
const declared = { displayName: "Sales", parentGroupUuid: ALL, description: "Sales team" };

beforeEach(async () => {
  await t.seed([
    { uuid: EMEA_UUID, displayName: "EMEA" },
    { uuid: APAC_UUID, displayName: "APAC" },
  ]);
  sales = await create(t.world(), "group", declared);
  await t.emulator().clearRequests();
});

describe("Group update", () => {
  it("renames in place, keeping the uuid", async () => {
    const after = await update(t.world(), sales, { ...declared, displayName: "Sales EU" });
    expect(await writes()).toEqual([`POST /v1/groups/${sales.id}:rename`]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales EU", parentGroupUuid: ALL });
    expect(after.outputs).toMatchObject({ uuid: sales.id, displayName: "Sales EU" });
  });

  it("moves in place", async () => {
    const after = await update(t.world(), sales, { ...declared, parentGroupUuid: EMEA_UUID });
    expect(await writes()).toEqual([`POST /v1/groups/${sales.id}:move`]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales", parentGroupUuid: EMEA_UUID });
    expect(after.outputs).toMatchObject({ uuid: sales.id, parentGroupUuid: EMEA_UUID });
  });

  it("renames and moves in one update", async () => {
    const after = await update(t.world(), sales, {
      ...declared,
      displayName: "Sales EU",
      parentGroupUuid: EMEA_UUID,
    });
    expect(await writes()).toEqual([
      `POST /v1/groups/${sales.id}:move`,
      `POST /v1/groups/${sales.id}:rename`,
    ]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales EU", parentGroupUuid: EMEA_UUID });
    expect(after.outputs).toMatchObject({ displayName: "Sales EU", parentGroupUuid: EMEA_UUID });
  });

  it("renames first when the new parent already holds a group with the current name", async () => {
    await t.seed([{ uuid: EMEA_SALES_UUID, displayName: "Sales", parentGroupUuid: EMEA_UUID }]);
    await t.emulator().clearRequests();
    await update(t.world(), sales, { ...declared, displayName: "Sales EU", parentGroupUuid: EMEA_UUID });
    expect(await writes()).toEqual([
      `POST /v1/groups/${sales.id}:rename`,
      `POST /v1/groups/${sales.id}:move`,
    ]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales EU", parentGroupUuid: EMEA_UUID });
  });

  it("refuses in diff, before any call, a rename into a name the new parent already holds", async () => {
    await t.seed([{ uuid: TAKEN_UUID, displayName: "Sales EU", parentGroupUuid: EMEA_UUID }]);
    const news = { ...declared, displayName: "Sales EU", parentGroupUuid: EMEA_UUID };
    await expect(update(t.world(), sales, news)).rejects.toThrow(
      `group "Sales" (${sales.id}): displayName: "All / EMEA" (814932d7-2b57-456b-8d4a-162088b2335c) already holds another group named "Sales EU" ` +
        "(f1604f0a-4b1f-4c10-8419-92461de0b783), and ESET refuses two siblings with one name.",
    );
    expect(await writes()).toEqual([]);
  });

  it("confirms a clash seen in an older listing on a fresh one: a name freed by hand meanwhile is taken", async () => {
    await t.seed([{ uuid: TAKEN_UUID, displayName: "Sales EU", parentGroupUuid: ALL }]);
    // A rename and a move in one update list afresh: the host's listing now shows "Sales EU" under All.
    const other = await create(t.world(), "group", { displayName: "Other", parentGroupUuid: EMEA_UUID });
    await update(t.world(), other, { displayName: "Other 2", parentGroupUuid: APAC_UUID });
    // Someone renames the clashing group in the console; the listing the host holds does not know.
    await t.emulator().console.renameGroup(TAKEN_UUID, "Sales EU (old)");
    // Older than TREE_FRESHNESS.confirm (tree/guard.ts), the host's listing no longer confirms a break.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await t.emulator().clearRequests();
    await update(t.world(), sales, { ...declared, displayName: "Sales EU" });
    const calls = (await t.emulator().requests()).map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c.startsWith("GET /v1/device_groups"))).toHaveLength(1);
    expect(await writes()).toEqual([`POST /v1/groups/${sales.id}:rename`]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales EU", parentGroupUuid: ALL });
  });

  it("refuses a move under its own subgroup in diff", async () => {
    const child = await create(t.world(), "group", { displayName: "Team", parentGroupUuid: sales.id });
    await t.emulator().clearRequests();
    await expect(update(t.world(), sales, { ...declared, parentGroupUuid: child.id })).rejects.toThrow(
      `group "Sales" (${sales.id}): parentGroupUuid: ${child.id} is its own subgroup "All / Sales / Team" (${child.id}): ` +
        "a group cannot move below itself.",
    );
    expect(await writes()).toEqual([]);
  });

  it("refuses two groups of one run renamed to one name under one parent", async () => {
    const other = await create(t.world(), "group", { displayName: "Other", parentGroupUuid: ALL });
    const world = t.world();
    const claim = async (stored: Stored) => {
      const news = { ...stored.inputs, displayName: "Shared" };
      const checked = await world.host.check(stored.inputs, news);
      return world.host.diff(stored.id, stored.outputs, checked.inputs);
    };
    await expect(claim(sales)).resolves.toMatchObject({ changes: "some" });
    await expect(claim(other)).rejects.toThrow(
      `group "Other" (${other.id}): displayName: another resource of this stack (group "Sales" (${sales.id}), renamed ` +
        'or moved there) also puts a group named "Shared" under "All"',
    );
  });

  it("records options that only matter for delete without calling ESET", async () => {
    const after = await update(t.world(), sales, {
      ...declared,
      forceDestroy: true,
      releaseConsumedUnitsOnDelete: true,
    });
    expect(await writes()).toEqual([]);
    expect(after.outputs).toMatchObject({ forceDestroy: true, releaseConsumedUnitsOnDelete: true });
  });

  it("refuses a new parent that does not exist in diff, before any call", async () => {
    await expect(update(t.world(), sales, { ...declared, parentGroupUuid: "nowhere" })).rejects.toThrow(
      `group "Sales" (${sales.id}): parentGroupUuid: nowhere is not a group of this tenant, so ESET cannot move a ` +
        "group under it.",
    );
    expect(await writes()).toEqual([]);
    expect(await live(sales.id)).toMatchObject({ parentGroupUuid: ALL });
  });

  it("makes no call for a preview without renames or moves", async () => {
    await expect(previewDiff(t.world(), sales, { ...declared, forceDestroy: true })).resolves.toMatchObject({
      changes: "some",
    });
    expect(await t.emulator().requests()).toEqual([]);
  });
});

describe("Group changes ESET cannot make in place", () => {
  it("are refused by check before anything runs, naming the fix", async () => {
    const result = await previewDiff(t.world(), sales, { ...declared, description: "Sales and marketing" });
    expect(result).toEqual({
      failures: [
        {
          property: "description",
          reason:
            "cannot change in place: ESET Connect sets a group's description only when the group is created, so " +
            'this change would replace group "Sales": it would be deleted together with every group and device ' +
            'below it, and created again empty. To keep the group, set description back to "Sales team". ' +
            "To replace it anyway, set allowReplace: true on this resource.",
        },
      ],
    });
    expect(await writes()).toEqual([]);
  });

  it("become a delete-before-replace with allowReplace", async () => {
    const result = await previewDiff(t.world(), sales, {
      ...declared,
      description: "Sales and marketing",
      allowReplace: true,
    });
    expect(result).toEqual({ changes: "some", replaces: ["description"], deleteBeforeReplace: true });
  });

  // diff must not throw (the engine calls it after every refresh too, pkg/resource/deploy/step.go
  // RefreshStep.Apply): it answers an in-place change, and update refuses it before any call.
  it("are refused by update, before any call to ESET, when the stored inputs do not show them", async () => {
    const world = t.world();
    const checked = await world.host.check(
      {},
      { ...declared, description: "", __provider: world.providers.group },
    );
    expect(await world.host.diff(sales.id, sales.outputs, checked.inputs)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    await t.emulator().clearRequests();
    await expect(world.host.update(sales.id, sales.outputs, checked.inputs)).rejects.toThrow(
      `description cannot change in place: ESET Connect sets a group's description only when the group is ` +
        `created, so this change would replace group "Sales" (${sales.id})`,
    );
    expect(await writes()).toEqual([]);
  });
});

describeEachUserErrorMode("Group update, where ESET refuses", () => {
  it("records the move when the rename after it fails, and the next up only renames", async () => {
    // ESET refuses the rename for a reason no listing shows (a blank name, which check would refuse).
    const news = { ...sales.inputs, displayName: " ", parentGroupUuid: EMEA_UUID };
    const error = (await t
      .world()
      .host.update(sales.id, sales.outputs, news)
      .catch((e) => e)) as ProviderHostError;
    expect(error.message).toMatch(
      new RegExp(
        `^group "Sales" \\(${sales.id}\\) was moved under 814932d7-2b57-456b-8d4a-162088b2335c, but the rename to " " failed: .*The next pulumi up retries the rename\\.$`,
      ),
    );
    // The engine stores these properties ("updated with errors").
    const recorded: Stored = { ...sales, outputs: error.initFailure?.properties ?? {} };
    expect(recorded.outputs).toMatchObject({
      uuid: sales.id,
      displayName: "Sales",
      parentGroupUuid: EMEA_UUID,
    });
    // The host finds the provider of the next read and delete in them.
    expect(recorded.outputs.__provider).toBe(sales.inputs.__provider);
    await t.emulator().clearRequests();
    const finished = await update(t.world(), recorded, {
      ...declared,
      parentGroupUuid: EMEA_UUID,
      displayName: "Sales Europe",
    });
    expect(await writes()).toEqual([`POST /v1/groups/${sales.id}:rename`]);
    expect(finished.outputs).toMatchObject({ displayName: "Sales Europe", parentGroupUuid: EMEA_UUID });
  });

  it("says what to do when the group was deleted outside Pulumi, from a fresh listing", async () => {
    const world = t.world();
    await t.resetEmulator();
    await expect(update(world, sales, { ...declared, displayName: "Sales EU" })).rejects.toThrow(
      new RegExp(
        `^group "Sales" \\(${sales.id}\\): displayName: the group ${sales.id} no longer exists in ESET\\. ` +
          // ESET's answer is quoted when the snapshot still showed the group and the call was made.
          "Run pulumi refresh so the stack forgets it; the next pulumi up creates it again\\." +
          "( \\(ESET answered: 40[34] .* while renaming .*\\))?$",
      ),
    );
  });
});
