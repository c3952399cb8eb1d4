import type { EsetCloud } from "../../../emulator/model/cloud";
import { deviceView } from "../../../emulator/model/state";
import { ALL_GROUP_UUID as ALL } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";
import { BERLIN, EMEA, KIOSKS, PC1, SALES, exampleTree, outcome } from "./fixtures";

describe("devices in several groups", () => {
  function withMember(): EsetCloud {
    const cloud = exampleTree();
    cloud.addDevice("demo", {
      uuid: uuidOf("multi"),
      displayName: "Multi",
      groupUuid: BERLIN,
      otherGroupUuids: [KIOSKS, SALES],
    });
    return cloud;
  }
  const MULTI = uuidOf("multi");
  const entries = (cloud: EsetCloud, group: string, recurse: boolean) =>
    cloud
      .tenant("demo")
      .devicesIn(group, recurse)
      .filter((d) => d.uuid === MULTI)
      .map((d) => d.groupUuid);

  test.each([
    ["its own group", BERLIN, false, [BERLIN]],
    ["another group it is a member of", KIOSKS, false, [KIOSKS]],
    ["a subtree holding two of its groups, recursively", SALES, true, [BERLIN, SALES]],
    ["a group it is not in", EMEA, false, []],
    ["All, recursively: once per membership", ALL, true, [BERLIN, KIOSKS, SALES]],
  ] as const)("is listed in %s", (_name, group, recurse, expected) => {
    expect(entries(withMember(), group, recurse)).toEqual(expected);
  });

  test("is listed once in the tenant's device list", () => {
    const list = withMember().listTenantDevices("demo", { pageSize: 0 });
    expect(list.items.filter((d) => d.uuid === MULTI)).toEqual([
      {
        uuid: MULTI,
        displayName: "Multi",
        parentGroupUuid: BERLIN,
        functionalityStatus: "DEVICE_FUNCTIONALITY_STATUS_OK",
        isMuted: false,
      },
    ]);
    expect(list.totalSize).toBe(4);
  });

  test("a group cannot list a device twice", () => {
    expect(
      outcome(() =>
        exampleTree().addDevice("demo", { displayName: "Twice", groupUuid: SALES, otherGroupUuids: [SALES] }),
      ),
    ).toMatch(new RegExp(`^invalid: device .* is listed twice as a member of group ${SALES}$`));
  });

  test("deleting a group it is only a member of keeps the device, without that membership", () => {
    const cloud = withMember();
    cloud.deleteGroup("demo", KIOSKS, false);
    expect(cloud.state().tenants[0].devices.find((d) => d.uuid === MULTI)).toEqual({
      uuid: MULTI,
      displayName: "Multi",
      groupUuid: BERLIN,
      groupUuids: [BERLIN, SALES],
    });
  });

  test("deleting the group that contains it deletes the device", () => {
    const cloud = withMember();
    expect(cloud.deleteGroup("demo", EMEA, false).deviceUuids).toEqual([PC1, MULTI]);
    expect(cloud.tenant("demo").devices.has(MULTI)).toBe(false);
  });

  test("a console move changes the containing group and keeps the other memberships", () => {
    const cloud = withMember();
    cloud.console.moveDevice("demo", MULTI, KIOSKS);
    expect(deviceView(cloud.tenant("demo").device(MULTI))).toEqual({
      uuid: MULTI,
      displayName: "Multi",
      groupUuid: KIOSKS,
      groupUuids: [KIOSKS, SALES],
    });
  });
});

// The member listing is "a replicated projection" of device data [spec: device-management]: with a
// lag, a membership shows `lagMs` after it began and goes `lagMs` after it ended.
describe("member listings under a membership lag", () => {
  const LAG = 5_000;
  const FRESH = uuidOf("fresh");
  const listed = (cloud: EsetCloud, group: string, now: number) =>
    cloud
      .tenant("demo")
      .devicesIn(group, false, { now, lagMs: LAG })
      .map((d) => d.uuid);

  test("a join shows after the lag; a seeded (unstamped) membership is settled", () => {
    const cloud = exampleTree();
    cloud
      .tenant("demo")
      .addDevice({ uuid: FRESH, displayName: "Fresh", groupUuid: EMEA, otherGroupUuids: [] }, 1_000);
    const settled = listed(cloud, EMEA, 1_000).filter((u) => u !== FRESH);
    expect(listed(cloud, EMEA, 5_999)).toEqual(settled);
    expect(listed(cloud, EMEA, 6_000)).toEqual([...settled, FRESH]);
    expect(
      cloud
        .tenant("demo")
        .devicesIn(EMEA, false)
        .map((d) => d.uuid),
    ).toContain(FRESH);
  });

  test("a device deleted with another group stays listed in its other groups for the lag", () => {
    const cloud = exampleTree();
    const tenant = cloud.tenant("demo");
    tenant.addDevice({ uuid: FRESH, displayName: "Fresh", groupUuid: BERLIN, otherGroupUuids: [KIOSKS] });
    tenant.deleteGroup(BERLIN, false, 10_000);
    expect(listed(cloud, KIOSKS, 14_999)).toContain(FRESH);
    expect(listed(cloud, KIOSKS, 15_000)).not.toContain(FRESH);
  });

  test("moving out and back within the lag never lists a device twice", () => {
    const cloud = exampleTree();
    const tenant = cloud.tenant("demo");
    tenant.addDevice({ uuid: FRESH, displayName: "Fresh", groupUuid: EMEA, otherGroupUuids: [] });
    tenant.moveDevice(FRESH, SALES, 1_000);
    tenant.moveDevice(FRESH, EMEA, 2_000);
    for (const now of [1_000, 3_000, 5_999, 6_000, 7_000, 9_000]) {
      const count = listed(cloud, EMEA, now).filter((u) => u === FRESH).length;
      expect([now, count]).toEqual([now, now < 6_000 || now >= 7_000 ? 1 : 0]);
    }
  });
});
