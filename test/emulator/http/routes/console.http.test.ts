import type { RunningEmulator } from "../../../../emulator";
import { emulatorControl, type EmulatorControl } from "../../../../emulator/control-client";
import { uuidOf } from "../../../support/uuids";
import { ALL, Api, LOST, startForTest } from "../api";

const ACME = uuidOf("acme");
const KIOSKS = uuidOf("kiosks");
const TILL = uuidOf("till");
const MISSING = uuidOf("missing");

let emulator: RunningEmulator;
let api: Api;
let control: EmulatorControl;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest());
  control = emulatorControl(emulator.url);
  token = await api.signIn();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
  await control.settings({ rateLimit: { perSecond: 0 }, jsonZeroValues: "emit" });
});

async function groupsByUuid(tenant = "demo") {
  const state = await control.state();
  const t = state.tenants.find((x) => x.id === tenant);
  return new Map((t?.groups ?? []).map((g) => [g.uuid, g]));
}

describe("console operations", () => {
  test("onboarding creates a linked group; the API reads it, anchors static groups below it, cannot change it", async () => {
    const acme = await control.console.createGroup({
      uuid: ACME,
      displayName: "Acme",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    expect(acme).toMatchObject({
      uuid: ACME,
      parentGroupUuid: ALL,
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    const listed = await api.call("GET", "/v1/device_groups", { token });
    expect(listed.body.deviceGroups).toContainEqual(
      expect.objectContaining({ uuid: ACME, linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY" }),
    );
    expect((await api.createGroup(token, { displayName: "Kiosks", parentGroupUuid: ACME })).status).toBe(200);
    expect(
      (await api.call("POST", `/v1/groups/${ACME}:rename`, { token, json: { displayName: "Other" } })).status,
    ).toBe(400);
  });

  test("rename, move and delete any group, linked ones and Lost & found's name included", async () => {
    await control.console.createGroup({
      uuid: ACME,
      displayName: "Acme",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    await control.console.createGroup({ uuid: KIOSKS, displayName: "Kiosks", parentGroupUuid: ACME });
    expect(await control.console.renameGroup(ACME, "Acme Inc")).toMatchObject({ displayName: "Acme Inc" });
    expect(await control.console.renameGroup(LOST, "Unassigned")).toMatchObject({
      displayName: "Unassigned",
    });
    expect(await control.console.moveGroup(ACME, LOST)).toMatchObject({ parentGroupUuid: LOST });
    await control.console.addDevice({ uuid: TILL, displayName: "Till", groupUuid: KIOSKS });
    expect(await control.console.deleteGroup(ACME, { releaseConsumedUnits: true })).toEqual({
      groupUuid: ACME,
      releaseConsumedUnits: true,
      groupUuids: [ACME, KIOSKS],
      deviceUuids: [TILL],
    });
    const groups = await groupsByUuid();
    expect([groups.has(ACME), groups.has(KIOSKS), groups.get(LOST)?.displayName]).toEqual([
      false,
      false,
      "Unassigned",
    ]);
  });

  test("add and move devices, in several groups, in another tenant", async () => {
    await control.seed({ tenants: [{ id: "acme", groups: [{ uuid: KIOSKS, displayName: "Kiosks" }] }] });
    const till = await control.console.addDevice(
      { uuid: TILL, displayName: "Till", groupUuids: [LOST, KIOSKS] },
      { tenant: "acme" },
    );
    expect(till).toEqual({ uuid: TILL, displayName: "Till", groupUuid: LOST, groupUuids: [LOST, KIOSKS] });
    expect(await control.console.moveDevice(TILL, KIOSKS, { tenant: "acme" })).toEqual({
      uuid: TILL,
      displayName: "Till",
      groupUuid: KIOSKS,
    });
  });

  test("are not API calls: no rate limit, not in the request log, free of faults", async () => {
    await control.settings({ rateLimit: { perSecond: 1 }, faults: { rate: 1, kinds: ["503"] } });
    await control.clearRequests();
    for (let i = 0; i < 5; i++) await control.console.createGroup({ displayName: `Console ${i}` });
    expect(await control.requests()).toEqual([]);
    expect(
      [...(await groupsByUuid()).values()].filter((g) => g.displayName.startsWith("Console ")),
    ).toHaveLength(5);
  });

  const refusals: Array<[string, () => Promise<unknown>, RegExp]> = [
    [
      "rename All",
      () => control.console.renameGroup(ALL, "X"),
      /answered 400: .*the All group cannot be renamed/,
    ],
    [
      "move Lost & found",
      () => control.console.moveGroup(LOST, ALL),
      /answered 400: .*the Lost & found group cannot be moved/,
    ],
    [
      "delete an unknown group",
      () => control.console.deleteGroup(MISSING),
      new RegExp(`answered 404: .*group ${MISSING} not found`),
    ],
    [
      "rename by a bad uuid",
      () => control.console.renameGroup("g-1", "X"),
      /answered 400: .*groupUuid must be a uuid/,
    ],
    [
      "act in an unknown tenant",
      () => control.console.createGroup({ displayName: "X" }, { tenant: "nobody" }),
      /answered 404: .*tenant nobody not found/,
    ],
    [
      "add a device without a group",
      () => control.console.addDevice({ displayName: "Lost" }),
      /answered 400: .*device.groupUuid \(or device.groupUuids\) is required/,
    ],
  ];
  test.each(refusals)("refuses to %s", async (_what, run, message) => {
    await expect(run()).rejects.toThrow(message);
  });

  test("an unknown console verb is a 404 naming the verbs", async () => {
    const answer = await api.call("POST", `/_emulator/console/groups/${ACME}:copy`, { json: {} });
    expect([answer.status, answer.body.message]).toEqual([
      404,
      `no such console operation on group ${ACME}:copy: use {uuid}:rename or {uuid}:move`,
    ]);
  });
});

describe("devices in several groups over HTTP", () => {
  const SALES = uuidOf("sales");
  const EMEA = uuidOf("emea");
  const [PC1, PC2, PC3] = ["pc-1", "pc-2", "pc-3"].map(uuidOf);

  beforeEach(() =>
    control.seed({
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: SALES, displayName: "Sales" },
            { uuid: EMEA, displayName: "EMEA", parentGroupUuid: SALES },
          ],
          devices: [
            { uuid: PC1, displayName: "PC 1", groupUuids: [SALES, EMEA] },
            { uuid: PC2, displayName: "PC 2", groupUuid: EMEA },
            { uuid: PC3, displayName: "PC 3", groupUuid: LOST, groupUuids: [EMEA] },
          ],
        },
      ],
    }),
  );

  test("a group's device list shows a device once per membership, with totalSize counting entries", async () => {
    const answer = await api.call("GET", `/v1/device_groups/${SALES}/devices?recurseSubgroups=true`, {
      token,
    });
    expect(answer.body).toEqual({
      devices: [
        { uuid: PC1, displayName: "PC 1", groupUuid: SALES },
        { uuid: PC1, displayName: "PC 1", groupUuid: EMEA },
        { uuid: PC2, displayName: "PC 2", groupUuid: EMEA },
        { uuid: PC3, displayName: "PC 3", groupUuid: EMEA },
      ],
      nextPageToken: "",
      totalSize: 4,
    });
  });

  test("GET /v1/devices lists every device of the tenant once, paged", async () => {
    const first = await api.call("GET", "/v1/devices?pageSize=2", { token });
    const status = { functionalityStatus: "DEVICE_FUNCTIONALITY_STATUS_OK", isMuted: false };
    expect(first.body.devices).toEqual([
      { uuid: PC1, displayName: "PC 1", parentGroupUuid: SALES, ...status },
      { uuid: PC2, displayName: "PC 2", parentGroupUuid: EMEA, ...status },
    ]);
    expect(first.body).not.toHaveProperty("totalSize");
    const rest = await api.call("GET", `/v1/devices?pageSize=2&pageToken=${first.body.nextPageToken}`, {
      token,
    });
    expect(rest.body).toEqual({
      devices: [{ uuid: PC3, displayName: "PC 3", parentGroupUuid: LOST, ...status }],
      nextPageToken: "",
    });
  });

  test("GET /v1/devices never shows another tenant's devices", async () => {
    await control.seed({
      tenants: [
        {
          id: "other",
          users: [{ username: "api@other.test", password: "pw" }],
          devices: [{ displayName: "Theirs", groupUuid: LOST }],
        },
      ],
    });
    const other = await api.signIn("api@other.test", "pw");
    const answer = await api.call("GET", "/v1/devices", { token: other });
    expect(answer.body.devices.map((d: { displayName: string }) => d.displayName)).toEqual(["Theirs"]);
  });

  test("GET /v1/devices is in the request log like every API call", async () => {
    await control.clearRequests();
    await api.call("GET", "/v1/devices", { token });
    expect((await control.requests()).map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", "/v1/devices", 200],
    ]);
  });
});
