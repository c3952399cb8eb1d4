import { ProviderHostError } from "../support/provider-host";
import { Stored, create, previewDiff, update, useWorld } from "./world";

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
    { uuid: "emea", displayName: "EMEA" },
    { uuid: "apac", displayName: "APAC" },
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
    const after = await update(t.world(), sales, { ...declared, parentGroupUuid: "emea" });
    expect(await writes()).toEqual([`POST /v1/groups/${sales.id}:move`]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales", parentGroupUuid: "emea" });
    expect(after.outputs).toMatchObject({ uuid: sales.id, parentGroupUuid: "emea" });
  });

  it("renames and moves in one update", async () => {
    const after = await update(t.world(), sales, {
      ...declared,
      displayName: "Sales EU",
      parentGroupUuid: "emea",
    });
    expect(await writes()).toEqual([
      `POST /v1/groups/${sales.id}:move`,
      `POST /v1/groups/${sales.id}:rename`,
    ]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales EU", parentGroupUuid: "emea" });
    expect(after.outputs).toMatchObject({ displayName: "Sales EU", parentGroupUuid: "emea" });
  });

  it("renames first when the new parent already holds a group with the current name", async () => {
    await t.seed([{ uuid: "emea-sales", displayName: "Sales", parentGroupUuid: "emea" }]);
    await t.emulator().clearRequests();
    await update(t.world(), sales, { ...declared, displayName: "Sales EU", parentGroupUuid: "emea" });
    expect(await writes()).toEqual([
      `POST /v1/groups/${sales.id}:rename`,
      `POST /v1/groups/${sales.id}:move`,
    ]);
    expect(await live(sales.id)).toMatchObject({ displayName: "Sales EU", parentGroupUuid: "emea" });
  });

  it("records the move when the rename after it fails, and the next up only renames", async () => {
    await t.seed([{ uuid: "taken", displayName: "Sales EU", parentGroupUuid: "emea" }]);
    const news = { ...declared, displayName: "Sales EU", parentGroupUuid: "emea" };
    const error = (await update(t.world(), sales, news).catch((e) => e)) as ProviderHostError;
    expect(error.message).toMatch(
      new RegExp(
        `^group "Sales" \\(${sales.id}\\) was moved under emea, but the rename to "Sales EU" failed: ` +
          `400 Bad request while renaming group "Sales" \\(${sales.id}\\) to "Sales EU": .*already has a subgroup ` +
          `named "Sales EU" \\(taken\\).*The next pulumi up retries the rename\\.$`,
      ),
    );
    // The engine stores these properties ("updated with errors").
    const recorded: Stored = { ...sales, outputs: error.initFailure?.properties ?? {} };
    expect(recorded.outputs).toMatchObject({ uuid: sales.id, displayName: "Sales", parentGroupUuid: "emea" });
    await t.emulator().clearRequests();
    const finished = await update(t.world(), recorded, { ...news, displayName: "Sales Europe" });
    expect(await writes()).toEqual([`POST /v1/groups/${sales.id}:rename`]);
    expect(finished.outputs).toMatchObject({ displayName: "Sales Europe", parentGroupUuid: "emea" });
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

  it("says what to do when the group was deleted outside Pulumi", async () => {
    const world = t.world();
    await t.emulator().reset();
    await expect(update(world, sales, { ...declared, displayName: "Sales EU" })).rejects.toThrow(
      new RegExp(
        `^group "Sales" \\(${sales.id}\\) no longer exists in ESET \\(404 Not found while renaming .*\\)\\. ` +
          "Run pulumi refresh so the stack forgets it; the next pulumi up creates it again\\.$",
      ),
    );
  });

  it("names a new parent that does not exist", async () => {
    await expect(update(t.world(), sales, { ...declared, parentGroupUuid: "nowhere" })).rejects.toThrow(
      new RegExp(
        `^group "Sales" \\(${sales.id}\\) cannot move under nowhere: no such group in this tenant .*Fix parentGroupUuid\\.$`,
      ),
    );
    expect(await live(sales.id)).toMatchObject({ parentGroupUuid: ALL });
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

  it("are refused by diff too, with the group's uuid, when the stored inputs do not show them", async () => {
    const world = t.world();
    const checked = await world.host.check(
      {},
      { ...declared, description: "", __provider: world.providers.group },
    );
    await expect(world.host.diff(sales.id, sales.outputs, checked.inputs)).rejects.toThrow(
      `description cannot change in place: ESET Connect sets a group's description only when the group is ` +
        `created, so this change would replace group "Sales" (${sales.id})`,
    );
  });
});
