import type { RunningEmulator } from "../../../../emulator";
import { ALL, Api, LOST, grpcError, startForTest } from "../api";
import { uuidOf } from "../../../support/uuids";
import {
  ACME_UUID,
  EMEA_UUID,
  FOREIGN_UUID,
  MISSING_UUID,
  SALES_UUID,
  TWO_TENANTS_SEED,
} from "./two-tenants";

const APAC_UUID = uuidOf("apac");
const DOOMED_UUID = uuidOf("doomed");
const DOOMED_KID_UUID = uuidOf("doomed-kid");
const MOVER_UUID = uuidOf("mover");
const MOVER_KID_UUID = uuidOf("mover-kid");
const PC_DOOMED_UUID = uuidOf("pc-doomed");
const RENAMED_UUID = uuidOf("renamed");
const WANTED_UUID = uuidOf("wanted");

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({ seed: TWO_TENANTS_SEED }));
  token = await api.signIn();
});
afterAll(() => emulator.close());

async function groupInState(uuid: string): Promise<Record<string, unknown> | undefined> {
  const state = (await api.control("GET", "state")).body;
  for (const tenant of state.tenants) {
    const group = tenant.groups.find((g: { uuid: string }) => g.uuid === uuid);
    if (group) return { tenant: tenant.id, ...group };
  }
  return undefined;
}

describe("POST /v1/groups", () => {
  test("creates the group with the client's uuid and answers it in asset-management vocabulary", async () => {
    const answer = await api.createGroup(token, {
      uuid: APAC_UUID,
      displayName: "APAC",
      parentGroupUuid: SALES_UUID,
      description: "Asia",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.group).toEqual({
      uuid: APAC_UUID,
      displayName: "APAC",
      description: "Asia",
      parentGroupUuid: SALES_UUID,
      ownerUuid: expect.any(String),
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
      externalReference: "",
      externalType: "EXTERNAL_ASSET_TYPE_UNSPECIFIED",
    });
    expect(await groupInState(APAC_UUID)).toMatchObject({
      tenant: "demo",
      parentGroupUuid: SALES_UUID,
      displayName: "APAC",
    });
  });

  test("assigns its own uuid when ignoreClientUuid is on", async () => {
    await api.control("PUT", "settings", { ignoreClientUuid: true });
    const answer = await api.createGroup(token, {
      uuid: WANTED_UUID,
      displayName: "Assigned",
      parentGroupUuid: ALL,
    });
    await api.control("PUT", "settings", { ignoreClientUuid: false });
    expect(answer.status).toBe(200);
    expect(answer.body.group.uuid).not.toBe(WANTED_UUID);
    expect(await groupInState(answer.body.group.uuid)).toMatchObject({ displayName: "Assigned" });
  });

  const failures: Array<[string, unknown, number, number, string]> = [
    [
      "no group",
      {},
      400,
      3,
      'group is required: send { "group": { "displayName", "parentGroupUuid", ... } }',
    ],
    [
      "an empty name",
      { group: { displayName: "", parentGroupUuid: ALL } },
      400,
      3,
      "group.displayName is required and must be a non-empty string",
    ],
    [
      "a duplicate sibling name",
      { group: { displayName: "EMEA", parentGroupUuid: SALES_UUID } },
      400,
      3,
      `group "Sales" (${SALES_UUID}) already has a subgroup named "EMEA" (${EMEA_UUID})`,
    ],
    [
      "an unknown parent",
      { group: { displayName: "X", parentGroupUuid: MISSING_UUID } },
      404,
      5,
      `parent group ${MISSING_UUID} not found`,
    ],
    [
      "another tenant's parent",
      { group: { displayName: "X", parentGroupUuid: FOREIGN_UUID } },
      403,
      7,
      `parent group ${FOREIGN_UUID} belongs to another tenant`,
    ],
  ];
  test.each(failures)("refuses %s", async (_name, json, status, code, message) => {
    const answer = await api.call("POST", "/v1/groups", { token, json });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });

  test.each([
    [
      "malformed JSON",
      { "content-type": "application/json" },
      "{nope",
      /^the request body is not valid JSON: /,
    ],
    [
      "a text body",
      { "content-type": "text/plain" },
      "hello",
      /^the request body must be a JSON object sent as application\/json$/,
    ],
  ])("refuses %s with 400", async (_name, headers, body, message) => {
    const response = await fetch(`${api.url}/v1/groups`, {
      method: "POST",
      headers: { ...headers, authorization: `Bearer ${token}` },
      body,
    });
    const answer = (await response.json()) as { code: number; message: string };
    expect([response.status, answer.code]).toEqual([400, 3]);
    expect(answer.message).toMatch(message);
  });
});

describe("POST /v1/groups/{uuid}:move and :rename", () => {
  test("moves a group with its subtree and devices", async () => {
    await api.createGroup(token, { uuid: MOVER_UUID, displayName: "Mover", parentGroupUuid: ALL });
    await api.createGroup(token, { uuid: MOVER_KID_UUID, displayName: "Kid", parentGroupUuid: MOVER_UUID });
    const answer = await api.call("POST", `/v1/groups/${MOVER_UUID}:move`, {
      token,
      json: { newParentUuid: LOST },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.group).toMatchObject({ uuid: MOVER_UUID, parentGroupUuid: LOST });
    expect(await groupInState(MOVER_KID_UUID)).toMatchObject({ parentGroupUuid: MOVER_UUID });
  });

  test("renames a group, and repeating the rename succeeds", async () => {
    await api.createGroup(token, { uuid: RENAMED_UUID, displayName: "Before", parentGroupUuid: ALL });
    for (let i = 0; i < 2; i++) {
      const answer = await api.call("POST", `/v1/groups/${RENAMED_UUID}:rename`, {
        token,
        json: { displayName: "After" },
      });
      expect([answer.status, answer.body.group.displayName]).toEqual([200, "After"]);
    }
    expect(await groupInState(RENAMED_UUID)).toMatchObject({ displayName: "After" });
  });

  const failures: Array<[string, string, unknown, number, number, string]> = [
    ["move All", `${ALL}:move`, { newParentUuid: SALES_UUID }, 400, 3, "the All group cannot be moved"],
    [
      "move under a descendant",
      `${SALES_UUID}:move`,
      { newParentUuid: EMEA_UUID },
      400,
      3,
      `group "Sales" (${SALES_UUID}) cannot be moved under its own subgroup group "EMEA" (${EMEA_UUID})`,
    ],
    [
      "move without a parent",
      `${SALES_UUID}:move`,
      {},
      400,
      3,
      "newParentUuid is required and must be a non-empty string",
    ],
    [
      "move an unknown group",
      `${MISSING_UUID}:move`,
      { newParentUuid: ALL },
      404,
      5,
      `group ${MISSING_UUID} not found`,
    ],
    [
      "move another tenant's group",
      `${FOREIGN_UUID}:move`,
      { newParentUuid: ALL },
      403,
      7,
      `group ${FOREIGN_UUID} belongs to another tenant`,
    ],
    [
      "move under another tenant's group",
      `${SALES_UUID}:move`,
      { newParentUuid: FOREIGN_UUID },
      403,
      7,
      `new parent group ${FOREIGN_UUID} belongs to another tenant`,
    ],
    ["rename All", `${ALL}:rename`, { displayName: "X" }, 400, 3, "the All group cannot be renamed"],
    [
      "rename to nothing",
      `${SALES_UUID}:rename`,
      { displayName: "" },
      400,
      3,
      "displayName is required and must be a non-empty string",
    ],
    [
      "rename an unknown group",
      `${MISSING_UUID}:rename`,
      { displayName: "X" },
      404,
      5,
      `group ${MISSING_UUID} not found`,
    ],
    [
      "rename another tenant's group",
      `${FOREIGN_UUID}:rename`,
      { displayName: "X" },
      403,
      7,
      `group ${FOREIGN_UUID} belongs to another tenant`,
    ],
    [
      "an unknown verb",
      `${SALES_UUID}:copy`,
      {},
      404,
      5,
      `no such operation POST /v1/groups/${SALES_UUID}:copy: use {groupUuid}:move or {groupUuid}:rename`,
    ],
  ];
  test.each(failures)("refuses to %s", async (_name, target, json, status, code, message) => {
    const answer = await api.call("POST", `/v1/groups/${target}`, { token, json });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });

  test("leaves the tree untouched after refusals", async () => {
    expect(await groupInState(SALES_UUID)).toMatchObject({ displayName: "Sales", parentGroupUuid: ALL });
    expect(await groupInState(FOREIGN_UUID)).toMatchObject({
      tenant: "other",
      displayName: "Foreign",
      parentGroupUuid: ALL,
    });
  });
});

describe("DELETE /v1/groups/{uuid}", () => {
  test("deletes the subtree and its devices, recording releaseConsumedUnits", async () => {
    await api.control("POST", "seed", {
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: DOOMED_UUID, displayName: "Doomed" },
            { uuid: DOOMED_KID_UUID, displayName: "Kid", parentGroupUuid: DOOMED_UUID },
          ],
          devices: [{ uuid: PC_DOOMED_UUID, displayName: "PC", groupUuid: DOOMED_KID_UUID }],
        },
      ],
    });
    const answer = await api.call("DELETE", `/v1/groups/${DOOMED_UUID}?releaseConsumedUnits=true`, { token });
    expect([answer.status, answer.body]).toEqual([200, {}]);
    const demo = (await api.control("GET", "state")).body.tenants[0];
    expect(demo.groups.map((g: { uuid: string }) => g.uuid)).not.toEqual(
      expect.arrayContaining([DOOMED_UUID]),
    );
    expect(demo.deletions).toContainEqual({
      groupUuid: DOOMED_UUID,
      releaseConsumedUnits: true,
      groupUuids: [DOOMED_UUID, DOOMED_KID_UUID],
      deviceUuids: [PC_DOOMED_UUID],
    });
    expect((await api.call("DELETE", `/v1/groups/${DOOMED_UUID}`, { token })).status).toBe(404);
  });

  const failures: Array<[string, string, number, number, string]> = [
    ["All", ALL, 400, 3, "the All group cannot be deleted"],
    ["Lost & found", LOST, 400, 3, "the Lost & found group cannot be deleted"],
    [
      "a linked group",
      ACME_UUID,
      400,
      3,
      `group "Acme" (${ACME_UUID}) cannot be deleted: it is linked to an entity (GROUP_ENTITY_TYPE_CUSTOMER); its life cycle follows that entity's`,
    ],
    [
      "with a bad flag",
      `${EMEA_UUID}?releaseConsumedUnits=maybe`,
      400,
      3,
      'releaseConsumedUnits must be true or false (got "maybe")',
    ],
    ["an unknown group", MISSING_UUID, 404, 5, `group ${MISSING_UUID} not found`],
    ["another tenant's group", FOREIGN_UUID, 403, 7, `group ${FOREIGN_UUID} belongs to another tenant`],
  ];
  test.each(failures)("refuses %s", async (_name, target, status, code, message) => {
    const answer = await api.call("DELETE", `/v1/groups/${target}`, { token });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });
});

test("the other tenant's user sees only its own tree", async () => {
  const other = await api.signIn("api@other.test", "pw");
  const answer = await api.call("GET", "/v1/device_groups", { token: other });
  expect(answer.body.deviceGroups.map((g: { uuid: string }) => g.uuid)).toEqual([ALL, LOST, FOREIGN_UUID]);
  expect(
    (
      await api.call("POST", `/v1/groups/${SALES_UUID}:rename`, {
        token: other,
        json: { displayName: "Mine" },
      })
    ).status,
  ).toBe(403);
});

// v1Group carries externalReference ("A unique reference from an external system") and externalType
// (v1ExternalAssetType, an enum) [spec: asset-management v1Group]: kept and echoed back; a value
// outside the enum is a validation error.
describe("externalReference and externalType on create", () => {
  test("are echoed back in the answer, and by a later rename", async () => {
    const created = await api.createGroup(token, {
      displayName: "Azure RG",
      parentGroupUuid: ALL,
      externalReference: "/subscriptions/1/resourceGroups/rg",
      externalType: "EXTERNAL_ASSET_TYPE_AZURE_RESOURCE_GROUP",
    });
    expect(created.status).toBe(200);
    expect(created.body.group).toMatchObject({
      externalReference: "/subscriptions/1/resourceGroups/rg",
      externalType: "EXTERNAL_ASSET_TYPE_AZURE_RESOURCE_GROUP",
    });
    const renamed = await api.call("POST", `/v1/groups/${created.body.group.uuid}:rename`, {
      token,
      json: { displayName: "Azure RG 2" },
    });
    expect(renamed.body.group.externalReference).toBe("/subscriptions/1/resourceGroups/rg");
  });

  test("default to empty and UNSPECIFIED", async () => {
    const created = await api.createGroup(token, { displayName: "Plain", parentGroupUuid: ALL });
    expect(created.body.group).toMatchObject({
      externalReference: "",
      externalType: "EXTERNAL_ASSET_TYPE_UNSPECIFIED",
    });
  });

  test.each([
    [
      "an externalType outside the enum",
      { externalType: "EXTERNAL_ASSET_TYPE_MAINFRAME" },
      /^group\.externalType must be one of EXTERNAL_ASSET_TYPE_UNSPECIFIED, /,
    ],
    ["a non-text externalReference", { externalReference: 7 }, /^group\.externalReference must be a string$/],
  ])("refuses %s with 400", async (_name, fields, message) => {
    const answer = await api.createGroup(token, {
      displayName: "Bad external",
      parentGroupUuid: ALL,
      ...fields,
    });
    expect([answer.status, answer.body.code, answer.body.message]).toEqual([
      400,
      3,
      expect.stringMatching(message),
    ]);
  });
});

// "An entity-tag consists of an opaque quoted string ... must follow RFC7232, Section 2.3" [spec:
// v1DeviceGroup.etag].
test("device-group etags are quoted RFC 7232 entity-tags", async () => {
  const groups = (await api.call("GET", "/v1/device_groups?pageSize=1000", { token })).body.deviceGroups;
  for (const g of groups) expect(g.etag).toMatch(/^(W\/)?"[\x21\x23-\x7e]*"$/);
});
