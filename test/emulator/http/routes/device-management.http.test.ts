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
      'pageSize must be a whole number from 0 to 1000 (got "-5")',
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
