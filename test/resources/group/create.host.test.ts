import { describeEachUserErrorMode } from "../../support/user-error-modes";
import { ProviderHostError } from "../../support/provider-host";
import { asGroupClassDeclares } from "../declared";
import { create, useWorld } from "../world";
import { uuidOf } from "../../support/uuids";
const EMEA_UUID = uuidOf("emea");
const LATE_SALES_UUID = uuidOf("late-sales");
const OLD_UUID = uuidOf("old");
const SAME_UUID = uuidOf("same");
const SEEDED_SALES_UUID = uuidOf("seeded-sales");
const TAKEN_UUID = uuidOf("taken");

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();
const liveGroups = t.liveGroups;
const seedGroups = (groups: Parameters<typeof t.seed>[0]) => t.seed(groups);

describe("Group create", () => {
  it("creates the group with its description, and echoes every input", async () => {
    const sales = await create(t.world(), "group", {
      displayName: "Sales",
      parentGroupUuid: ALL,
      description: "Sales team",
    });
    const live = (await liveGroups()).find((g) => g.uuid === sales.id);
    expect(live).toMatchObject({
      displayName: "Sales",
      parentGroupUuid: ALL,
      description: "Sales team",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
    });
    expect(sales.outputs).toEqual({
      __provider: t.world().providers.group,
      uuid: sales.id,
      ownerUuid: live?.ownerUuid,
      displayName: "Sales",
      parentGroupUuid: ALL,
      description: "Sales team",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
      releaseConsumedUnitsOnDelete: false,
      forceDestroy: false,
      allowReplace: false,
      // Computed by the Group class (idempotent creates), echoed like every input.
      clientUuid: sales.inputs.clientUuid,
      resourceUrn: sales.inputs.resourceUrn,
    });
  });

  it("builds a three-level tree from each group's uuid", async () => {
    const emea = await create(t.world(), "group", { displayName: "EMEA", parentGroupUuid: ALL });
    const germany = await create(t.world(), "group", { displayName: "Germany", parentGroupUuid: emea.id });
    const berlin = await create(t.world(), "group", { displayName: "Berlin", parentGroupUuid: germany.id });
    const live = await liveGroups();
    const parentOf = (uuid: string) => live.find((g) => g.uuid === uuid)?.parentGroupUuid;
    expect([parentOf(emea.id), parentOf(germany.id), parentOf(berlin.id)]).toEqual([
      ALL,
      emea.id,
      germany.id,
    ]);
  });

  /** Check of a new Group (one resource per call), through the host as preview and up call it: its failures. */
  let resources = 0;
  const checkFailures = async (news: Record<string, unknown>, name = `checked-${++resources}`) =>
    (
      await t
        .world()
        .host.check({}, { ...asGroupClassDeclares(news, name), __provider: t.world().providers.group })
    ).failures;
  /** What a user sees for a same-named group the resource cannot recognise as its own (orphans.ts). */
  const orphanReason = (uuid: string, name: string) => {
    const { clientUuid, resourceUrn } = asGroupClassDeclares({}, name);
    return (
      `a group with this name already exists under "All" (${ALL}): ${uuid}. An interrupted earlier run of this ` +
      "stack (a cancelled job, a runner timeout) may have created it: ESET did not keep the uuid this resource asks " +
      `for (${clientUuid}), so it cannot be recognised as this resource's. If it is, adopt it with: pulumi refresh ` +
      `--import-pending-creates '${resourceUrn}' --import-pending-creates ${uuid} (then pulumi up); if that command ` +
      `finds no pending create, set existingUuid: "${uuid}" on the resource instead. One with no device in it or ` +
      "below it can also be taken over by one pulumi up with eset:adoptEmptyGroupsOnCreate set to true. If it is " +
      "another group, choose another displayName."
    );
  };
  const writes = async () =>
    (await t.emulator().requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");

  it("refuses a sibling with the same name in check, naming it and how to adopt it", async () => {
    await seedGroups([{ uuid: SEEDED_SALES_UUID, displayName: "Sales" }]);
    expect(await checkFailures({ displayName: "Sales", parentGroupUuid: ALL }, "sales")).toEqual([
      { property: "displayName", reason: orphanReason(SEEDED_SALES_UUID, "sales") },
    ]);
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("refuses the duplicate before the call when create runs without check", async () => {
    await seedGroups([{ uuid: SEEDED_SALES_UUID, displayName: "Sales" }]);
    const declared = asGroupClassDeclares({ displayName: "Other", parentGroupUuid: ALL }, "sales");
    const checked = await t.world().host.check({}, { ...declared, __provider: t.world().providers.group });
    await expect(t.world().host.create({ ...checked.inputs, displayName: "Sales" })).rejects.toThrow(
      `group "Sales": ${orphanReason(SEEDED_SALES_UUID, "sales")}`,
    );
    expect(await writes()).toEqual([]);
  });

  it("refuses the duplicate even where ESET would accept two siblings with one name", async () => {
    await t.emulator().settings({ allowDuplicateSiblingNames: true });
    await seedGroups([{ uuid: SEEDED_SALES_UUID, displayName: "Sales" }]);
    const [failure] = await checkFailures({ displayName: "Sales", parentGroupUuid: ALL });
    expect(failure.reason).toContain('set existingUuid: "adf1a9d1-716b-4ce9-8e74-1af591eff8e6"');
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("refuses two new groups of one run with one name under one parent", async () => {
    expect(await checkFailures({ displayName: "Sales", parentGroupUuid: ALL })).toEqual([]);
    expect(await checkFailures({ displayName: "Sales", parentGroupUuid: ALL, description: "again" })).toEqual(
      [
        {
          property: "displayName",
          reason:
            'another resource of this stack (a new group) also puts a group named "Sales" under "All" ' +
            "(00000000-0000-0000-7001-000000000001) in this run, and ESET refuses two siblings with one name. " +
            "Give one of them another displayName or parent.",
        },
      ],
    );
    expect(await writes()).toEqual([]);
  });

  it("refuses a parent that does not exist in check, before any call", async () => {
    expect(await checkFailures({ displayName: "Orphan", parentGroupUuid: "no-such-group" })).toEqual([
      {
        property: "parentGroupUuid",
        reason:
          "no-such-group is not a group of this tenant, so ESET cannot create a group under it. Use another " +
          "Group's uuid output, the uuid ESET PROTECT shows in the group's details, or " +
          '00000000-0000-0000-7001-000000000001 for "All".',
      },
    ]);
    expect(await writes()).toEqual([]);
  });

  it("refuses, before any call, a create whose inputs name no resource (neither clientUuid nor resourceUrn)", async () => {
    await t.emulator().clearRequests();
    const news = { displayName: "Raw", parentGroupUuid: ALL, __provider: t.world().providers.group };
    const checked = await t.world().host.check({}, news);
    expect(checked.failures).toEqual([]);
    await expect(t.world().host.create(checked.inputs)).rejects.toThrow(
      'group "Raw": the inputs carry neither clientUuid nor resourceUrn, so the create cannot ask ESET for this ' +
        "resource's own uuid",
    );
    expect(await writes()).toEqual([]);
  });

  it("asks ESET for the uuid derived from resourceUrn when the inputs carry the URN alone", async () => {
    const { clientUuid, resourceUrn } = asGroupClassDeclares({}, "raw");
    const news = {
      displayName: "Raw",
      parentGroupUuid: ALL,
      resourceUrn,
      __provider: t.world().providers.group,
    };
    const checked = await t.world().host.check({}, news);
    const created = await t.world().host.create(checked.inputs);
    expect(created.properties).toMatchObject({ clientUuid, resourceUrn });
    expect(created.id).toBe(clientUuid);
  });

  it("leaves the tree rules to up when the parent is not known yet (preview)", async () => {
    await t.emulator().clearRequests();
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(await checkFailures({ displayName: "Berlin", parentGroupUuid: unknown })).toEqual([]);
    expect(await t.emulator().requests()).toEqual([]);
  });
});

describe("Group adoption with existingUuid", () => {
  it("keeps the uuid and converges the name and parent in place", async () => {
    await seedGroups([
      { uuid: EMEA_UUID, displayName: "EMEA" },
      { uuid: OLD_UUID, displayName: "Old name" },
    ]);
    const adopted = await create(t.world(), "group", {
      displayName: "Berlin",
      parentGroupUuid: EMEA_UUID,
      existingUuid: OLD_UUID,
    });
    expect(adopted.id).toBe(OLD_UUID);
    expect(adopted.outputs).toMatchObject({ uuid: OLD_UUID, existingUuid: OLD_UUID, displayName: "Berlin" });
    expect((await liveGroups()).find((g) => g.uuid === OLD_UUID)).toMatchObject({
      displayName: "Berlin",
      parentGroupUuid: EMEA_UUID,
    });
    expect(t.world().host.output().stdout).toContain(
      'eset-connect: group "Berlin" (2d3764d3-61c6-4016-8e3a-d931ebc371c2): adopting the existing group "Old name" (its description cannot be read back)',
    );
  });

  it("makes no call to change a group that is already as declared", async () => {
    await seedGroups([{ uuid: SAME_UUID, displayName: "Same" }]);
    await t.emulator().clearRequests();
    await create(t.world(), "group", { displayName: "Same", parentGroupUuid: ALL, existingUuid: SAME_UUID });
    const writes = (await t.emulator().requests()).filter(
      (r) => r.method !== "GET" && r.path !== "/oauth/token",
    );
    expect(writes).toEqual([]);
  });

  // Adopting a linked group, All or Lost & found is refused: see group-linked.test.ts.

  it("refuses, before any call, an adoption whose new name is taken under the new parent", async () => {
    await seedGroups([
      { uuid: EMEA_UUID, displayName: "EMEA" },
      { uuid: TAKEN_UUID, displayName: "Berlin", parentGroupUuid: EMEA_UUID },
      { uuid: OLD_UUID, displayName: "Old name" },
    ]);
    await t.emulator().clearRequests();
    const attempt = create(t.world(), "group", {
      displayName: "Berlin",
      parentGroupUuid: EMEA_UUID,
      existingUuid: OLD_UUID,
    });
    await expect(attempt).rejects.toThrow(
      'already holds another group named \\"Berlin\\" (f1604f0a-4b1f-4c10-8419-92461de0b783)',
    );
    expect(
      (await t.emulator().requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token"),
    ).toEqual([]);
  });
});

describeEachUserErrorMode("Group create, where ESET refuses", () => {
  it("names the duplicate when it appeared after the tree was read, from a fresh listing", async () => {
    await create(t.world(), "group", { displayName: "First", parentGroupUuid: ALL }); // the snapshot is now fresh
    await seedGroups([{ uuid: LATE_SALES_UUID, displayName: "Sales" }]);
    await expect(create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL })).rejects.toThrow(
      /^group "Sales": a group with this name already exists under "All" .*: 65a52e7b-36f9-4851-8c73-eefd30803f9c\. .*set existingUuid: "65a52e7b-36f9-4851-8c73-eefd30803f9c" on the resource instead/,
    );
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("refuses a uuid that is not a group of the tenant, in check and in create", async () => {
    const news = { displayName: "X", parentGroupUuid: ALL, existingUuid: "missing" };
    const checked = await t.world().host.check({}, { ...news, __provider: t.world().providers.group });
    expect(checked.failures).toEqual([
      {
        property: "existingUuid",
        reason:
          "missing is not a group of this tenant. Fix the uuid (ESET PROTECT shows it in the group's details), " +
          "or remove existingUuid to create a new group.",
      },
    ]);
    await expect(t.world().host.create(checked.inputs)).rejects.toThrow(
      'group "X" (missing): existingUuid missing is not a group of this tenant. Fix the uuid (ESET PROTECT shows ' +
        "it in the group's details), or remove existingUuid to create a new group.",
    );
  });

  it("records the group when the move succeeded but the rename failed, so the next up finishes", async () => {
    await seedGroups([
      { uuid: EMEA_UUID, displayName: "EMEA" },
      { uuid: OLD_UUID, displayName: "Old name" },
    ]);
    // ESET refuses the rename for a reason no listing shows (here a blank name, which check would refuse).
    const error = await t
      .world()
      .host.create({
        displayName: " ",
        parentGroupUuid: EMEA_UUID,
        existingUuid: OLD_UUID,
        __provider: t.world().providers.group,
      })
      .catch((e: ProviderHostError) => e);
    expect(error).toBeInstanceOf(ProviderHostError);
    const failure = (error as ProviderHostError).initFailure;
    expect(failure?.id).toBe(OLD_UUID);
    expect(failure?.properties).toMatchObject({
      uuid: OLD_UUID,
      displayName: "Old name",
      parentGroupUuid: EMEA_UUID,
    });
    expect((error as Error).message).toMatch(
      /^group "Old name" \(2d3764d3-61c6-4016-8e3a-d931ebc371c2\) was moved under 814932d7-2b57-456b-8d4a-162088b2335c, but the rename to " " failed: /,
    );
    expect((error as Error).message).toMatch(/The next pulumi up retries the rename\.$/);
  });
});
