import { ProviderHostError } from "../support/provider-host";
import { create, useWorld } from "./world";

import { uuidOf } from "../support/uuids";
const ACME_UUID = uuidOf("acme");
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
  it("creates the group with its description and linked entity type, and echoes every input", async () => {
    const sales = await create(t.world(), "group", {
      displayName: "Sales",
      parentGroupUuid: ALL,
      description: "Sales team",
      linkedEntityType: "CUSTOMER",
    });
    const live = (await liveGroups()).find((g) => g.uuid === sales.id);
    expect(live).toMatchObject({
      displayName: "Sales",
      parentGroupUuid: ALL,
      description: "Sales team",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    expect(sales.outputs).toEqual({
      __provider: t.world().providers.group,
      uuid: sales.id,
      ownerUuid: live?.ownerUuid,
      displayName: "Sales",
      parentGroupUuid: ALL,
      description: "Sales team",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
      releaseConsumedUnitsOnDelete: false,
      forceDestroy: false,
      allowReplace: false,
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

  it("refuses a sibling with the same name, naming it and how to adopt it", async () => {
    await seedGroups([{ uuid: SEEDED_SALES_UUID, displayName: "Sales" }]);
    const attempt = create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL });
    await expect(attempt).rejects.toThrow(
      'group "Sales": a group with this name already exists under "All" (00000000-0000-0000-7001-000000000001): ' +
        `${SEEDED_SALES_UUID}. To manage that group with this resource, set existingUuid: "${SEEDED_SALES_UUID}" on it; to create ` +
        "a separate group, choose another displayName.",
    );
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("refuses the duplicate even where ESET would accept two siblings with one name", async () => {
    await t.emulator().settings({ allowDuplicateSiblingNames: true });
    await seedGroups([{ uuid: SEEDED_SALES_UUID, displayName: "Sales" }]);
    await expect(create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL })).rejects.toThrow(
      `set existingUuid: "${SEEDED_SALES_UUID}"`,
    );
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("names the duplicate when it appeared after the tree was read", async () => {
    await create(t.world(), "group", { displayName: "First", parentGroupUuid: ALL }); // the snapshot is now fresh
    await seedGroups([{ uuid: LATE_SALES_UUID, displayName: "Sales" }]);
    await expect(create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL })).rejects.toThrow(
      `set existingUuid: "${LATE_SALES_UUID}"`,
    );
  });

  it("reports a missing parent with ESET's answer", async () => {
    const attempt = create(t.world(), "group", { displayName: "Orphan", parentGroupUuid: "no-such-group" });
    await expect(attempt).rejects.toThrow(
      /^404 Not found while creating group "Orphan" under .*no-such-group.*\(request-id [-0-9a-f]+\)$/,
    );
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
      `eset-connect: group "Berlin" (${OLD_UUID}): adopting the existing group "Old name" (its description cannot be read back)`,
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

  it("refuses a uuid that is not a group of the tenant", async () => {
    const attempt = create(t.world(), "group", {
      displayName: "X",
      parentGroupUuid: ALL,
      existingUuid: "missing",
    });
    await expect(attempt).rejects.toThrow(
      'group "X" (missing): existingUuid missing is not a group of this tenant. Fix the uuid (ESET PROTECT shows ' +
        "it in the group's details), or remove existingUuid to create a new group.",
    );
  });

  it("refuses a group linked to another entity type than declared", async () => {
    await seedGroups([
      { uuid: ACME_UUID, displayName: "ACME", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
    ]);
    const attempt = create(t.world(), "group", {
      displayName: "ACME",
      parentGroupUuid: ALL,
      existingUuid: ACME_UUID,
    });
    await expect(attempt).rejects.toThrow(
      `group "ACME" (${ACME_UUID}): the group is linked as GROUP_ENTITY_TYPE_CUSTOMER but linkedEntityType says ` +
        'GROUP_ENTITY_TYPE_UNSPECIFIED, and ESET cannot change it. Set linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" to adopt it.',
    );
  });

  it("records the group when the move succeeded but the rename failed, so the next up finishes", async () => {
    await seedGroups([
      { uuid: EMEA_UUID, displayName: "EMEA" },
      { uuid: TAKEN_UUID, displayName: "Berlin", parentGroupUuid: EMEA_UUID },
      { uuid: OLD_UUID, displayName: "Old name" },
    ]);
    const error = await create(t.world(), "group", {
      displayName: "Berlin",
      parentGroupUuid: EMEA_UUID,
      existingUuid: OLD_UUID,
    }).catch((e: ProviderHostError) => e);
    expect(error).toBeInstanceOf(ProviderHostError);
    const failure = (error as ProviderHostError).initFailure;
    expect(failure?.id).toBe(OLD_UUID);
    expect(failure?.properties).toMatchObject({
      uuid: OLD_UUID,
      displayName: "Old name",
      parentGroupUuid: EMEA_UUID,
    });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^group "Old name" \\(${OLD_UUID}\\) was moved under ${EMEA_UUID}, but the rename to "Berlin" failed: 400 Bad request while renaming`,
      ),
    );
    expect((error as Error).message).toMatch(/The next pulumi up retries the rename\.$/);
  });
});
