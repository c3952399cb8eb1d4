import type { RunningEmulator } from "../../../../emulator";
import { ALL, LOST, Api, grpcError, startForTest } from "../api";
import {
  ACME_UUID,
  EMEA_UUID,
  FOREIGN_UUID,
  MISSING_UUID,
  PC_1_UUID,
  PC_2_UUID,
  SALES_UUID,
  TWO_TENANTS_SEED,
} from "./two-tenants";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({ seed: TWO_TENANTS_SEED }));
  token = await api.signIn();
});
afterAll(() => emulator.close());

describe("device management", () => {
  test("lists the tenant's groups with etags, never another tenant's", async () => {
    const answer = await api.call("GET", "/v1/device_groups?pageSize=1000", { token });
    expect(answer.status).toBe(200);
    const uuids = answer.body.deviceGroups.map((g: { uuid: string }) => g.uuid);
    expect(uuids).toEqual(expect.arrayContaining([ALL, LOST, SALES_UUID, EMEA_UUID, ACME_UUID]));
    expect(uuids).not.toContain(FOREIGN_UUID);
    expect(answer.body.nextPageToken).toBe("");
    expect(answer.body.deviceGroups.find((g: { uuid: string }) => g.uuid === ACME_UUID)).toEqual({
      uuid: ACME_UUID,
      displayName: "Acme",
      parentGroupUuid: ALL,
      isSecurityGroup: true,
      linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
      etag: expect.any(String),
    });
  });

  test("lists devices of a group, recursively on request, with totalSize", async () => {
    const direct = await api.call("GET", `/v1/device_groups/${SALES_UUID}/devices`, { token });
    expect([direct.status, direct.body]).toEqual([
      200,
      {
        devices: [{ uuid: PC_1_UUID, displayName: "PC 1", groupUuid: SALES_UUID }],
        nextPageToken: "",
        totalSize: 1,
      },
    ]);
    const all = await api.call(
      "GET",
      `/v1/device_groups/${SALES_UUID}/devices?recurseSubgroups=true&pageSize=1`,
      {
        token,
      },
    );
    expect([all.body.devices.length, all.body.totalSize]).toEqual([1, 2]);
    const rest = await api.call(
      "GET",
      `/v1/device_groups/${SALES_UUID}/devices?recurseSubgroups=true&pageSize=1&pageToken=${all.body.nextPageToken}`,
      { token },
    );
    expect(rest.body.devices).toEqual([{ uuid: PC_2_UUID, displayName: "PC 2", groupUuid: EMEA_UUID }]);
    expect(rest.body.nextPageToken).toBe("");
  });

  const failures: Array<[string, string, number, number, string]> = [
    [
      "a bad pageSize",
      "/v1/device_groups?pageSize=-5",
      400,
      3,
      'pageSize must be a whole number from 0 to 99999 (above 1000 counts as 1000) (got "-5")',
    ],
    [
      "a made-up pageToken",
      "/v1/device_groups?pageToken=xyz",
      400,
      3,
      "pageToken is not a token this server issued: pass the nextPageToken of the previous page",
    ],
    [
      "devices of an unknown group",
      `/v1/device_groups/${MISSING_UUID}/devices`,
      404,
      5,
      `group ${MISSING_UUID} not found`,
    ],
    [
      "devices of another tenant's group",
      `/v1/device_groups/${FOREIGN_UUID}/devices`,
      403,
      7,
      `group ${FOREIGN_UUID} belongs to another tenant`,
    ],
    [
      "a bad recurseSubgroups",
      `/v1/device_groups/${SALES_UUID}/devices?recurseSubgroups=1`,
      400,
      3,
      'recurseSubgroups must be true or false (got "1")',
    ],
  ];
  test.each(failures)("refuses %s", async (_name, path, status, code, message) => {
    const answer = await api.call("GET", path, { token });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });
});

describe("jsonZeroValues omit: answers as gRPC-gateway's default marshaller writes them [assumed]", () => {
  beforeAll(() => api.control("PUT", "settings", { jsonZeroValues: "omit" }));
  afterAll(() => api.control("PUT", "settings", { jsonZeroValues: "emit" }));

  test("a static group has no linkedEntityType; the last page has no nextPageToken", async () => {
    const answer = await api.call("GET", "/v1/device_groups?pageSize=1000", { token });
    expect(answer.body.nextPageToken).toBeUndefined();
    expect(answer.body.deviceGroups.find((g: { uuid: string }) => g.uuid === SALES_UUID)).toEqual({
      uuid: SALES_UUID,
      displayName: "Sales",
      parentGroupUuid: ALL,
      isSecurityGroup: true,
      etag: expect.any(String),
    });
    expect(answer.body.deviceGroups.find((g: { uuid: string }) => g.uuid === ALL)).not.toHaveProperty(
      "parentGroupUuid",
    );
  });

  test("an empty member listing is {}; an error body has no details", async () => {
    const empty = await api.call("GET", `/v1/device_groups/${ACME_UUID}/devices`, { token });
    expect([empty.status, empty.body]).toEqual([200, {}]);
    const missing = await api.call("GET", `/v1/device_groups/${MISSING_UUID}/devices`, { token });
    expect([missing.status, missing.body]).toEqual([
      404,
      { code: 5, message: `group ${MISSING_UUID} not found` },
    ]);
  });

  test("a created group leaves out its empty description and enum zeros", async () => {
    const created = await api.createGroup(token, { displayName: "Zero values", parentGroupUuid: ALL });
    expect(created.body).toEqual({
      group: {
        uuid: expect.any(String),
        displayName: "Zero values",
        parentGroupUuid: ALL,
        ownerUuid: expect.any(String),
      },
    });
  });

  test("sign-in answers keep every field (the OAuth service is no gateway service [assumed])", async () => {
    const answer = await api.call("POST", "/oauth/token", {
      form: { grant_type: "password", username: "demo@example.com", password: "demo-password" },
    });
    expect(Object.keys(answer.body).sort()).toEqual([
      "access_token",
      "expires_in",
      "refresh_token",
      "token_type",
    ]);
  });
});

describe("linkedSecurityGroup: what linked groups carry in isSecurityGroup [assumed: nothing public says]", () => {
  afterAll(() => api.control("PUT", "settings", { linkedSecurityGroup: "true" }));

  test.each([
    ["true", { isSecurityGroup: true }],
    ["false", { isSecurityGroup: false }],
    ["absent", {}],
  ])(
    "%s: the linked group Acme carries %p; the static Sales stays a security group",
    async (value, field) => {
      await api.control("PUT", "settings", { linkedSecurityGroup: value });
      const groups = (await api.call("GET", "/v1/device_groups?pageSize=1000", { token })).body.deviceGroups;
      const acme = groups.find((g: { uuid: string }) => g.uuid === ACME_UUID);
      expect(acme).toEqual({
        uuid: ACME_UUID,
        displayName: "Acme",
        parentGroupUuid: ALL,
        ...field,
        linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
        etag: expect.any(String),
      });
      expect(groups.find((g: { uuid: string }) => g.uuid === SALES_UUID).isSecurityGroup).toBe(true);
    },
  );
});

// The member-device listing is "a replicated projection" of device data; device and membership
// lifecycles are "uncorrelated" and "CAP theorem applies here" [spec: device-management,
// v1MemberDevice and the device-groups service].
describe("membershipLagSeconds: member listings lag behind membership changes; GET /v1/devices does not", () => {
  beforeAll(() => api.control("PUT", "settings", { membershipLagSeconds: 5 }));
  afterAll(() => api.control("PUT", "settings", { membershipLagSeconds: 0 }));

  const members = async (group: string) =>
    (await api.call("GET", `/v1/device_groups/${group}/devices`, { token })).body.devices.map(
      (d: { uuid: string }) => d.uuid,
    );
  const parentOf = async (device: string) =>
    (await api.call("GET", "/v1/devices?pageSize=1000", { token })).body.devices.find(
      (d: { uuid: string }) => d.uuid === device,
    )?.parentGroupUuid;

  test("a device that just enrolled shows after the lag; seeded devices are settled", async () => {
    const added = await api.control("POST", "console/devices", {
      device: { displayName: "Fresh PC", groupUuid: EMEA_UUID },
    });
    const fresh = added.body.device.uuid as string;
    expect(await members(EMEA_UUID)).toEqual([PC_2_UUID]);
    expect(await parentOf(fresh)).toBe(EMEA_UUID);
    // The virtual clock also moves in real time, so the steps keep clear of the 5 s edge.
    await api.control("POST", "clock", { advanceMs: 4_000 });
    expect(await members(EMEA_UUID)).toEqual([PC_2_UUID]);
    await api.control("POST", "clock", { advanceMs: 1_000 });
    expect(await members(EMEA_UUID)).toEqual([PC_2_UUID, fresh]);
  });

  test("a device that moved away stays listed in its old group for the lag", async () => {
    await api.control("POST", `console/devices/${PC_1_UUID}:move`, { groupUuid: LOST });
    expect(await parentOf(PC_1_UUID)).toBe(LOST);
    expect(await members(SALES_UUID)).toEqual([PC_1_UUID]);
    expect(await members(LOST)).not.toContain(PC_1_UUID);
    await api.control("POST", "clock", { advanceMs: 5_000 });
    expect(await members(SALES_UUID)).toEqual([]);
    expect(await members(LOST)).toContain(PC_1_UUID);
    await api.control("POST", `console/devices/${PC_1_UUID}:move`, { groupUuid: SALES_UUID });
    await api.control("POST", "clock", { advanceMs: 5_000 });
  });
});

// GET /v1/devices: displayNames ("exactly matching one of the strings"), functionalityStatus (an
// enum), isMuted (a boolean) [spec: device-management]; every emulated device is OK and not muted
// [assumed].
describe("GET /v1/devices filters, applied and validated as the spec types them", () => {
  const uuids = async (query: string) => {
    const answer = await api.call("GET", `/v1/devices?pageSize=1000&${query}`, { token });
    expect(answer.status).toBe(200);
    return answer.body.devices.map((d: { uuid: string }) => d.uuid);
  };

  test.each([
    ["displayNames=PC%201", [PC_1_UUID]],
    ["displayNames=PC%201&displayNames=PC%202", [PC_1_UUID, PC_2_UUID]],
    ["displayNames=pc%201", []],
    ["functionalityStatus=DEVICE_FUNCTIONALITY_STATUS_OK", [PC_1_UUID, PC_2_UUID]],
    ["functionalityStatus=DEVICE_FUNCTIONALITY_STATUS_ATTENTION_REQUIRED", []],
    ["functionalityStatus=DEVICE_FUNCTIONALITY_STATUS_UNSPECIFIED", [PC_1_UUID, PC_2_UUID]],
    ["isMuted=true", []],
    ["isMuted=false", [PC_1_UUID, PC_2_UUID]],
  ])("%s lists %p", async (query, expected) => {
    expect((await uuids(query)).filter((u: string) => [PC_1_UUID, PC_2_UUID].includes(u))).toEqual(expected);
  });

  test.each([
    [
      "functionalityStatus=BROKEN",
      'functionalityStatus must be one of DEVICE_FUNCTIONALITY_STATUS_UNSPECIFIED, DEVICE_FUNCTIONALITY_STATUS_OK, DEVICE_FUNCTIONALITY_STATUS_ATTENTION_RECOMMENDED, DEVICE_FUNCTIONALITY_STATUS_ATTENTION_REQUIRED (got "BROKEN")',
    ],
    ["isMuted=yes", 'isMuted must be true or false (got "yes")'],
    [
      "pageSize=100000",
      'pageSize must be a whole number from 0 to 99999 (above 1000 counts as 1000) (got "100000")',
    ],
  ])("%s is refused with 400", async (query, message) => {
    const answer = await api.call("GET", `/v1/devices?${query}`, { token });
    expect([answer.status, answer.body]).toEqual([400, grpcError(3, message)]);
  });
});
