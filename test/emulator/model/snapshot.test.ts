import { EsetCloud } from "../../../emulator/model/cloud";
import { restoreSnapshot, snapshotOf } from "../../../emulator/model/snapshot";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";
import { MINE, outcome, twoTenants } from "./fixtures";

const D = uuidOf("d");
const G = uuidOf("g");
const GONE = uuidOf("gone");

describe("snapshot", () => {
  test("restores trees, devices, deletions and users (by hash) exactly", () => {
    const cloud = twoTenants();
    cloud.addDevice("demo", { uuid: D, displayName: "D", groupUuid: MINE, otherGroupUuids: [LOST] });
    cloud.createGroup("demo", { uuid: GONE, displayName: "Gone", parentGroupUuid: ALL });
    cloud.deleteGroup("demo", GONE, true);
    const copy = new EsetCloud();
    restoreSnapshot(copy, JSON.parse(JSON.stringify(snapshotOf(cloud))));
    expect(copy.state()).toEqual(cloud.state());
    expect(copy.authenticate("api@acme.test", "acme-pass").tenant).toBe("acme");
    expect(JSON.stringify(snapshotOf(cloud))).not.toContain("acme-pass");
  });

  test("etags keep changing after a restore", () => {
    const cloud = new EsetCloud();
    cloud.createGroup("demo", { uuid: G, displayName: "G", parentGroupUuid: ALL });
    const copy = new EsetCloud();
    restoreSnapshot(copy, snapshotOf(cloud));
    const etags = new Set(copy.listDeviceGroups("demo", 0, "").items.map((g) => g.etag));
    copy.renameGroup("demo", G, "H");
    expect(etags.has(copy.listDeviceGroups("demo", 0, "").items.find((g) => g.uuid === G)?.etag ?? "")).toBe(
      false,
    );
  });
});

describe("snapshot of an older state file", () => {
  test("devices without otherGroupUuids load as members of their group only", () => {
    const cloud = twoTenants();
    cloud.addDevice("demo", { uuid: D, displayName: "D", groupUuid: MINE });
    const saved = JSON.parse(JSON.stringify(snapshotOf(cloud)));
    for (const t of saved.tenants) for (const d of t.devices) delete d.otherGroupUuids;
    const copy = new EsetCloud();
    restoreSnapshot(copy, saved);
    expect(copy.state().tenants[0].devices).toEqual([{ uuid: D, displayName: "D", groupUuid: MINE }]);
  });

  test("a restored deletion still blocks reuse of its uuids", () => {
    const cloud = twoTenants();
    cloud.deleteGroup("demo", MINE, false);
    const copy = new EsetCloud();
    restoreSnapshot(copy, JSON.parse(JSON.stringify(snapshotOf(cloud))));
    expect(
      outcome(() => copy.createGroup("demo", { displayName: "Mine", parentGroupUuid: ALL, uuid: MINE })),
    ).toBe(
      `already-exists: group ${MINE} already exists: a deleted group had this uuid and it cannot be used again`,
    );
  });
});
