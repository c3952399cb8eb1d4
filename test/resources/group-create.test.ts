import { ProviderHostError } from "../support/provider-host";
import { create, useWorld } from "./world";

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
    await seedGroups([{ uuid: "seeded-sales", displayName: "Sales" }]);
    const attempt = create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL });
    await expect(attempt).rejects.toThrow(
      'group "Sales": a group with this name already exists under "All" (00000000-0000-0000-7001-000000000001): ' +
        'seeded-sales. To manage that group with this resource, set existingUuid: "seeded-sales" on it; to create ' +
        "a separate group, choose another displayName.",
    );
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("refuses the duplicate even where ESET would accept two siblings with one name", async () => {
    await t.emulator().settings({ allowDuplicateSiblingNames: true });
    await seedGroups([{ uuid: "seeded-sales", displayName: "Sales" }]);
    await expect(create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL })).rejects.toThrow(
      'set existingUuid: "seeded-sales"',
    );
    expect((await liveGroups()).filter((g) => g.displayName === "Sales")).toHaveLength(1);
  });

  it("names the duplicate when it appeared after the tree was read", async () => {
    await create(t.world(), "group", { displayName: "First", parentGroupUuid: ALL }); // the snapshot is now fresh
    await seedGroups([{ uuid: "late-sales", displayName: "Sales" }]);
    await expect(create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL })).rejects.toThrow(
      'set existingUuid: "late-sales"',
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
      { uuid: "emea", displayName: "EMEA" },
      { uuid: "old", displayName: "Old name" },
    ]);
    const adopted = await create(t.world(), "group", {
      displayName: "Berlin",
      parentGroupUuid: "emea",
      existingUuid: "old",
    });
    expect(adopted.id).toBe("old");
    expect(adopted.outputs).toMatchObject({ uuid: "old", existingUuid: "old", displayName: "Berlin" });
    expect((await liveGroups()).find((g) => g.uuid === "old")).toMatchObject({
      displayName: "Berlin",
      parentGroupUuid: "emea",
    });
    expect(t.world().host.output().stdout).toContain(
      'eset-connect: group "Berlin" (old): adopting the existing group "Old name" (its description cannot be read back)',
    );
  });

  it("makes no call to change a group that is already as declared", async () => {
    await seedGroups([{ uuid: "same", displayName: "Same" }]);
    await t.emulator().clearRequests();
    await create(t.world(), "group", { displayName: "Same", parentGroupUuid: ALL, existingUuid: "same" });
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

  // Adopting a linked group, All or Lost & found is refused: see group-linked.test.ts.

  it("records the group when the move succeeded but the rename failed, so the next up finishes", async () => {
    await seedGroups([
      { uuid: "emea", displayName: "EMEA" },
      { uuid: "taken", displayName: "Berlin", parentGroupUuid: "emea" },
      { uuid: "old", displayName: "Old name" },
    ]);
    const error = await create(t.world(), "group", {
      displayName: "Berlin",
      parentGroupUuid: "emea",
      existingUuid: "old",
    }).catch((e: ProviderHostError) => e);
    expect(error).toBeInstanceOf(ProviderHostError);
    const failure = (error as ProviderHostError).initFailure;
    expect(failure?.id).toBe("old");
    expect(failure?.properties).toMatchObject({
      uuid: "old",
      displayName: "Old name",
      parentGroupUuid: "emea",
    });
    expect((error as Error).message).toMatch(
      /^group "Old name" \(old\) was moved under emea, but the rename to "Berlin" failed: 400 Bad request while renaming/,
    );
    expect((error as Error).message).toMatch(/The next pulumi up retries the rename\.$/);
  });
});
