import { describeEachUserErrorMode } from "../../support/user-error-modes";
import { create, update, useWorld } from "../world";

import { uuidOf } from "../../support/uuids";
const LATE_DEVICE_UUID = uuidOf("d-late");
const ACME_UUID = uuidOf("acme");
const BERLIN_UUID = uuidOf("berlin");
const D1_UUID = uuidOf("d1");
const D2_UUID = uuidOf("d2");
const MITTE_UUID = uuidOf("mitte");

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

  it("refuses while unmanaged groups and devices are inside, listing counts and first names", async () => {
    const emea = await create(t.world(), "group", { displayName: "EMEA", parentGroupUuid: ALL });
    await t.seed(
      [
        { uuid: BERLIN_UUID, displayName: "Berlin", parentGroupUuid: emea.id },
        { uuid: MITTE_UUID, displayName: "Mitte", parentGroupUuid: BERLIN_UUID },
      ],
      [
        { uuid: D1_UUID, displayName: "pc-1", groupUuid: emea.id },
        { uuid: D2_UUID, displayName: "pc-2", groupUuid: MITTE_UUID },
      ],
    );
    await expect(deleteVia(emea.id, emea.outputs)).rejects.toThrow(
      `group "EMEA" (${emea.id}) still contains 2 groups ("Berlin", "Mitte") and 2 devices ("pc-1", "pc-2") that ` +
        "this stack does not manage; deleting the group would delete them too. Move them out of the group in " +
        "ESET PROTECT, or set forceDestroy: true on this group and run pulumi up before deleting it.",
    );
    expect((await t.liveGroups()).map((g) => g.uuid)).toEqual(
      expect.arrayContaining([emea.id, BERLIN_UUID, MITTE_UUID]),
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
      [{ uuid: BERLIN_UUID, displayName: "Berlin", parentGroupUuid: emea.id }],
      [{ uuid: D1_UUID, displayName: "pc-1", groupUuid: BERLIN_UUID }],
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
        groupUuids: [emea.id, BERLIN_UUID],
        deviceUuids: [D1_UUID],
      },
    ]);
    expect(t.world().host.output().stdout).toContain(
      `eset-connect: group "EMEA" (${emea.id}): forceDestroy is true: deleting it with 1 group ("Berlin") and 1 device ("pc-1")`,
    );
  });

  // A Group recorded for a linked group is dropped without a DELETE: see group-linked.test.ts.

  it("checks deletes that run at once against one shared listing of groups and devices", async () => {
    const groups = [];
    for (const name of ["A", "B", "C", "D", "E", "F"]) {
      groups.push(await create(t.world(), "group", { displayName: name, parentGroupUuid: ALL }));
    }
    await t.emulator().clearRequests();
    await Promise.all(groups.map((g) => deleteVia(g.id, g.outputs)));
    const calls = await t.emulator().requests();
    const count = (test: (path: string, method: string) => boolean) =>
      calls.filter((c) => test(c.path, c.method)).length;
    expect(count((p, m) => m === "DELETE" && p.startsWith("/v1/groups/"))).toBe(6);
    // One wave when the six arrive together; a loaded machine may split them, never one per delete.
    const groupListings = count((p) => p === "/v1/device_groups");
    // Each wave lists devices twice: the member listing and GET /v1/devices (current groups).
    const memberListings = count((p) => p.startsWith("/v1/device_groups/") && p.endsWith("/devices"));
    const tenantDeviceListings = count((p) => p === "/v1/devices");
    expect(groupListings).toBeLessThanOrEqual(2);
    expect(memberListings).toBe(groupListings);
    expect(tenantDeviceListings).toBe(groupListings);
    const live = (await t.liveGroups()).map((g) => g.uuid);
    for (const group of groups) expect(live).not.toContain(group.id);
  });

  it("never deletes unseen a device added by hand after an earlier delete's listing was taken", async () => {
    const first = await create(t.world(), "group", { displayName: "First", parentGroupUuid: ALL });
    const second = await create(t.world(), "group", { displayName: "Second", parentGroupUuid: ALL });
    // The first delete takes its listing, then its DELETE stays pending for a while (ESET's 202).
    await t
      .emulator()
      .settings({ faults: { script: [{ kind: "pending", method: "DELETE", path: first.id, polls: 3 }] } });
    await t.emulator().clearRequests();
    const firstDelete = deleteVia(first.id, first.outputs);
    while (!(await t.emulator().requests()).some((r) => r.method === "DELETE")) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Now, with that listing seconds old at most, a device is added to the second group by hand…
    await t.seed([], [{ uuid: LATE_DEVICE_UUID, displayName: "pc-late", groupUuid: second.id }]);
    // …and the second delete begins: it must see the device.
    await expect(deleteVia(second.id, second.outputs)).rejects.toThrow(
      `group "Second" (${second.id}) still contains 1 device ("pc-late")`,
    );
    await firstDelete;
    expect((await t.liveDevices()).map((d) => d.uuid)).toEqual([LATE_DEVICE_UUID]);
    expect((await t.liveGroups()).map((g) => g.uuid)).toContain(second.id);
    expect((await t.liveGroups()).map((g) => g.uuid)).not.toContain(first.id);
  });
});

describeEachUserErrorMode("Group delete, where ESET refuses", () => {
  it("succeeds when the group is already gone", async () => {
    const sales = await create(t.world(), "group", { displayName: "Sales", parentGroupUuid: ALL });
    await t.resetEmulator();
    await deleteVia(sales.id, sales.outputs);
    expect(t.world().host.output().stdout).toContain(
      `eset-connect: group "Sales" (${sales.id}): already gone`,
    );
  });

  it("names the linked group inside when that is what ESET refuses", async () => {
    const emea = await create(t.world(), "group", {
      displayName: "EMEA",
      parentGroupUuid: ALL,
      forceDestroy: true,
    });
    await t.seed([
      {
        uuid: ACME_UUID,
        displayName: "ACME",
        parentGroupUuid: emea.id,
        linkedEntityType: "GROUP_ENTITY_TYPE_MSP",
      },
    ]);
    await expect(deleteVia(emea.id, emea.outputs)).rejects.toThrow(
      `group "EMEA" (${emea.id}) cannot be deleted: group "ACME" (${ACME_UUID}) inside it is linked to an ESET entity ` +
        "(GROUP_ENTITY_TYPE_MSP)",
    );
  });
});
