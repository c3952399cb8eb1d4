import { create, update, useWorld } from "./world";

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();

const deleteVia = (id: string, outputs: Record<string, unknown>) => t.world().host.delete(id, outputs);

describe("Group delete", () => {
  it("deletes an empty group, keeping the seats by default", async () => {
    const sales = await create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL });
    await deleteVia(sales.id, sales.outputs);
    expect((await t.liveGroups()).map((g) => g.uuid)).not.toContain(sales.id);
    expect(await t.deletions()).toEqual([
      { groupUuid: sales.id, releaseConsumedUnits: false, groupUuids: [sales.id], deviceUuids: [] },
    ]);
  });

  it("frees the seats when releaseConsumedUnitsOnDelete is true", async () => {
    const sales = await create(t.world(), "group", {
      displayName: "Sales",
      parentGroupUuid: ALL,
      releaseConsumedUnitsOnDelete: true,
    });
    await deleteVia(sales.id, sales.outputs);
    expect((await t.deletions())[0]?.releaseConsumedUnits).toBe(true);
  });

  it("succeeds when the group is already gone", async () => {
    const sales = await create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL });
    await t.emulator().reset();
    await deleteVia(sales.id, sales.outputs);
    expect(t.world().host.output().stdout).toContain(
      `eset-connect: group "Sales" (${sales.id}): already gone`,
    );
  });

  it("refuses while unmanaged groups and devices are inside, listing counts and first names", async () => {
    const emea = await create(t.world(), "group", { displayName: "EMEA", parentGroupUuid: ALL });
    await t.seed(
      [
        { uuid: "berlin", displayName: "Berlin", parentGroupUuid: emea.id },
        { uuid: "mitte", displayName: "Mitte", parentGroupUuid: "berlin" },
      ],
      [
        { uuid: "d1", displayName: "pc-1", groupUuid: emea.id },
        { uuid: "d2", displayName: "pc-2", groupUuid: "mitte" },
      ],
    );
    await expect(deleteVia(emea.id, emea.outputs)).rejects.toThrow(
      `group "EMEA" (${emea.id}) still contains 2 groups ("Berlin", "Mitte") and 2 devices ("pc-1", "pc-2") that ` +
        "this stack does not manage; deleting the group would delete them too. Move them out of the group in " +
        "ESET PROTECT, or set forceDestroy: true on this group and run pulumi up before deleting it.",
    );
    expect((await t.liveGroups()).map((g) => g.uuid)).toEqual(
      expect.arrayContaining([emea.id, "berlin", "mitte"]),
    );
    expect(await t.liveDevices()).toHaveLength(2);
  });

  it("shortens a long list of names", async () => {
    const emea = await create(t.world(), "group", { displayName: "EMEA", parentGroupUuid: ALL });
    const devices = Array.from({ length: 7 }, (_, i) => ({ displayName: `pc-${i + 1}`, groupUuid: emea.id }));
    await t.seed([], devices);
    await expect(deleteVia(emea.id, emea.outputs)).rejects.toThrow(
      'still contains 7 devices ("pc-1", "pc-2", "pc-3", "pc-4", "pc-5" and 2 more)',
    );
  });

  it("deletes everything inside with forceDestroy, saying what it deletes", async () => {
    const emea = await create(t.world(), "group", { displayName: "EMEA", parentGroupUuid: ALL });
    await t.seed(
      [{ uuid: "berlin", displayName: "Berlin", parentGroupUuid: emea.id }],
      [{ uuid: "d1", displayName: "pc-1", groupUuid: "berlin" }],
    );
    const forced = await update(t.world(), emea, {
      displayName: "EMEA",
      parentGroupUuid: ALL,
      forceDestroy: true,
    });
    await deleteVia(forced.id, forced.outputs);
    expect(await t.deletions()).toEqual([
      {
        groupUuid: emea.id,
        releaseConsumedUnits: false,
        groupUuids: [emea.id, "berlin"],
        deviceUuids: ["d1"],
      },
    ]);
    expect(t.world().host.output().stdout).toContain(
      `eset-connect: group "EMEA" (${emea.id}): forceDestroy is true: deleting it with 1 group ("Berlin") and 1 device ("pc-1")`,
    );
  });

  // A Group recorded for a linked group is dropped without a DELETE: see group-linked.test.ts.

  it("names the linked group inside when that is what ESET refuses", async () => {
    const emea = await create(t.world(), "group", {
      displayName: "EMEA",
      parentGroupUuid: ALL,
      forceDestroy: true,
    });
    await t.seed([
      {
        uuid: "acme",
        displayName: "ACME",
        parentGroupUuid: emea.id,
        linkedEntityType: "GROUP_ENTITY_TYPE_MSP",
      },
    ]);
    await expect(deleteVia(emea.id, emea.outputs)).rejects.toThrow(
      `group "EMEA" (${emea.id}) cannot be deleted: group "ACME" (acme) inside it is linked to an ESET entity ` +
        "(GROUP_ENTITY_TYPE_MSP)",
    );
  });
});
