import type { RunningEmulator } from "../../../emulator";
import { ALL, Api, LOST, grpcError, startForTest } from "./api";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({
    seed: {
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: "sales", displayName: "Sales" },
            { uuid: "emea", displayName: "EMEA", parentGroupUuid: "sales" },
            { uuid: "acme", displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
          ],
          devices: [
            { uuid: "pc-1", displayName: "PC 1", groupUuid: "sales" },
            { uuid: "pc-2", displayName: "PC 2", groupUuid: "emea" },
          ],
        },
        {
          id: "other",
          users: [{ username: "api@other.test", password: "pw" }],
          groups: [{ uuid: "foreign", displayName: "Foreign" }],
        },
      ],
    },
  }));
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
      uuid: "apac",
      displayName: "APAC",
      parentGroupUuid: "sales",
      description: "Asia",
      linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.group).toEqual({
      uuid: "apac",
      displayName: "APAC",
      description: "Asia",
      parentGroupUuid: "sales",
      ownerUuid: expect.any(String),
      linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
    });
    expect(await groupInState("apac")).toMatchObject({
      tenant: "demo",
      parentGroupUuid: "sales",
      displayName: "APAC",
    });
  });

  test("assigns its own uuid when ignoreClientUuid is on", async () => {
    await api.control("PUT", "settings", { ignoreClientUuid: true });
    const answer = await api.createGroup(token, {
      uuid: "wanted",
      displayName: "Assigned",
      parentGroupUuid: ALL,
    });
    await api.control("PUT", "settings", { ignoreClientUuid: false });
    expect(answer.status).toBe(200);
    expect(answer.body.group.uuid).not.toBe("wanted");
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
      { group: { displayName: "EMEA", parentGroupUuid: "sales" } },
      400,
      3,
      'group "Sales" (sales) already has a subgroup named "EMEA" (emea)',
    ],
    [
      "an unknown parent",
      { group: { displayName: "X", parentGroupUuid: "missing" } },
      404,
      5,
      "parent group missing not found",
    ],
    [
      "another tenant's parent",
      { group: { displayName: "X", parentGroupUuid: "foreign" } },
      403,
      7,
      "parent group foreign belongs to another tenant",
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
    await api.createGroup(token, { uuid: "mover", displayName: "Mover", parentGroupUuid: ALL });
    await api.createGroup(token, { uuid: "mover-kid", displayName: "Kid", parentGroupUuid: "mover" });
    const answer = await api.call("POST", "/v1/groups/mover:move", { token, json: { newParentUuid: LOST } });
    expect(answer.status).toBe(200);
    expect(answer.body.group).toMatchObject({ uuid: "mover", parentGroupUuid: LOST });
    expect(await groupInState("mover-kid")).toMatchObject({ parentGroupUuid: "mover" });
  });

  test("renames a group, and repeating the rename succeeds", async () => {
    await api.createGroup(token, { uuid: "renamed", displayName: "Before", parentGroupUuid: ALL });
    for (let i = 0; i < 2; i++) {
      const answer = await api.call("POST", "/v1/groups/renamed:rename", {
        token,
        json: { displayName: "After" },
      });
      expect([answer.status, answer.body.group.displayName]).toEqual([200, "After"]);
    }
    expect(await groupInState("renamed")).toMatchObject({ displayName: "After" });
  });

  const failures: Array<[string, string, unknown, number, number, string]> = [
    ["move All", `${ALL}:move`, { newParentUuid: "sales" }, 400, 3, "the All group cannot be moved"],
    [
      "move under a descendant",
      "sales:move",
      { newParentUuid: "emea" },
      400,
      3,
      'group "Sales" (sales) cannot be moved under its own subgroup group "EMEA" (emea)',
    ],
    [
      "move without a parent",
      "sales:move",
      {},
      400,
      3,
      "newParentUuid is required and must be a non-empty string",
    ],
    ["move an unknown group", "missing:move", { newParentUuid: ALL }, 404, 5, "group missing not found"],
    [
      "move another tenant's group",
      "foreign:move",
      { newParentUuid: ALL },
      403,
      7,
      "group foreign belongs to another tenant",
    ],
    [
      "move under another tenant's group",
      "sales:move",
      { newParentUuid: "foreign" },
      403,
      7,
      "new parent group foreign belongs to another tenant",
    ],
    ["rename All", `${ALL}:rename`, { displayName: "X" }, 400, 3, "the All group cannot be renamed"],
    [
      "rename to nothing",
      "sales:rename",
      { displayName: "" },
      400,
      3,
      "displayName is required and must be a non-empty string",
    ],
    ["rename an unknown group", "missing:rename", { displayName: "X" }, 404, 5, "group missing not found"],
    [
      "rename another tenant's group",
      "foreign:rename",
      { displayName: "X" },
      403,
      7,
      "group foreign belongs to another tenant",
    ],
    [
      "an unknown verb",
      "sales:copy",
      {},
      404,
      5,
      "no such operation POST /v1/groups/sales:copy: use {groupUuid}:move or {groupUuid}:rename",
    ],
  ];
  test.each(failures)("refuses to %s", async (_name, target, json, status, code, message) => {
    const answer = await api.call("POST", `/v1/groups/${target}`, { token, json });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });

  test("leaves the tree untouched after refusals", async () => {
    expect(await groupInState("sales")).toMatchObject({ displayName: "Sales", parentGroupUuid: ALL });
    expect(await groupInState("foreign")).toMatchObject({
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
            { uuid: "doomed", displayName: "Doomed" },
            { uuid: "doomed-kid", displayName: "Kid", parentGroupUuid: "doomed" },
          ],
          devices: [{ uuid: "pc-doomed", displayName: "PC", groupUuid: "doomed-kid" }],
        },
      ],
    });
    const answer = await api.call("DELETE", "/v1/groups/doomed?releaseConsumedUnits=true", { token });
    expect([answer.status, answer.body]).toEqual([200, {}]);
    const demo = (await api.control("GET", "state")).body.tenants[0];
    expect(demo.groups.map((g: { uuid: string }) => g.uuid)).not.toEqual(expect.arrayContaining(["doomed"]));
    expect(demo.deletions).toContainEqual({
      groupUuid: "doomed",
      releaseConsumedUnits: true,
      groupUuids: ["doomed", "doomed-kid"],
      deviceUuids: ["pc-doomed"],
    });
    expect((await api.call("DELETE", "/v1/groups/doomed", { token })).status).toBe(404);
  });

  const failures: Array<[string, string, number, number, string]> = [
    ["All", ALL, 400, 3, "the All group cannot be deleted"],
    ["Lost & found", LOST, 400, 3, "the Lost & found group cannot be deleted"],
    [
      "a linked group",
      "acme",
      400,
      3,
      'group "Acme" (acme) cannot be deleted: it is linked to an entity (GROUP_ENTITY_TYPE_CUSTOMER)',
    ],
    [
      "with a bad flag",
      "emea?releaseConsumedUnits=maybe",
      400,
      3,
      'releaseConsumedUnits must be true or false (got "maybe")',
    ],
    ["an unknown group", "missing", 404, 5, "group missing not found"],
    ["another tenant's group", "foreign", 403, 7, "group foreign belongs to another tenant"],
  ];
  test.each(failures)("refuses %s", async (_name, target, status, code, message) => {
    const answer = await api.call("DELETE", `/v1/groups/${target}`, { token });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });
});

describe("device management", () => {
  test("lists the tenant's groups with etags, never another tenant's", async () => {
    const answer = await api.call("GET", "/v1/device_groups?pageSize=1000", { token });
    expect(answer.status).toBe(200);
    const uuids = answer.body.deviceGroups.map((g: { uuid: string }) => g.uuid);
    expect(uuids).toEqual(expect.arrayContaining([ALL, LOST, "sales", "emea", "acme"]));
    expect(uuids).not.toContain("foreign");
    expect(answer.body.nextPageToken).toBe("");
    expect(answer.body.deviceGroups.find((g: { uuid: string }) => g.uuid === "acme")).toEqual({
      uuid: "acme",
      displayName: "Acme",
      parentGroupUuid: ALL,
      isSecurityGroup: true,
      linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
      etag: expect.any(String),
    });
  });

  test("lists devices of a group, recursively on request, with totalSize", async () => {
    const direct = await api.call("GET", "/v1/device_groups/sales/devices", { token });
    expect([direct.status, direct.body]).toEqual([
      200,
      {
        devices: [{ uuid: "pc-1", displayName: "PC 1", groupUuid: "sales" }],
        nextPageToken: "",
        totalSize: 1,
      },
    ]);
    const all = await api.call("GET", "/v1/device_groups/sales/devices?recurseSubgroups=true&pageSize=1", {
      token,
    });
    expect([all.body.devices.length, all.body.totalSize]).toEqual([1, 2]);
    const rest = await api.call(
      "GET",
      `/v1/device_groups/sales/devices?recurseSubgroups=true&pageSize=1&pageToken=${all.body.nextPageToken}`,
      { token },
    );
    expect(rest.body.devices).toEqual([{ uuid: "pc-2", displayName: "PC 2", groupUuid: "emea" }]);
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
    ["devices of an unknown group", "/v1/device_groups/missing/devices", 404, 5, "group missing not found"],
    [
      "devices of another tenant's group",
      "/v1/device_groups/foreign/devices",
      403,
      7,
      "group foreign belongs to another tenant",
    ],
    [
      "a bad recurseSubgroups",
      "/v1/device_groups/sales/devices?recurseSubgroups=1",
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

describe("POST /v1/gpo-sccm-files:generate", () => {
  test("returns a base64 configuration naming the group; two calls differ", async () => {
    const json = {
      sendAnonymousDiagnosticData: true,
      deviceEnrollmentSettings: { securityGroupUuid: "sales" },
    };
    const one = await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json });
    const two = await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json });
    expect(one.status).toBe(200);
    const text = Buffer.from(one.body.gpoSccmFile, "base64").toString("utf8");
    expect(text).toContain(
      "securityGroupUuid=sales\nsecurityGroupName=Sales\nsendAnonymousDiagnosticData=true\n",
    );
    expect(two.body.gpoSccmFile).not.toBe(one.body.gpoSccmFile);
  });

  const failures: Array<[string, unknown, number, number, string]> = [
    [
      "an unknown group",
      { deviceEnrollmentSettings: { securityGroupUuid: "missing" } },
      404,
      5,
      "security group missing not found",
    ],
    [
      "another tenant's group",
      { deviceEnrollmentSettings: { securityGroupUuid: "foreign" } },
      403,
      7,
      "security group foreign belongs to another tenant",
    ],
    [
      "a non-boolean diagnostics flag",
      { sendAnonymousDiagnosticData: "sure" },
      400,
      3,
      'sendAnonymousDiagnosticData must be true or false (got "sure")',
    ],
    [
      "settings that are not an object",
      { deviceEnrollmentSettings: "sales" },
      400,
      3,
      "deviceEnrollmentSettings must be a JSON object",
    ],
  ];
  test.each(failures)("refuses %s", async (_name, json, status, code, message) => {
    const answer = await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });
});

test("an unknown endpoint is a 404 in the API's error shape", async () => {
  const answer = await api.call("GET", "/v2/nothing?x=1", { token });
  expect([answer.status, answer.body]).toEqual([404, grpcError(5, "no such endpoint: GET /v2/nothing")]);
  expect(answer.headers.get("request-id")).toBeTruthy();
});

test("the other tenant's user sees only its own tree", async () => {
  const other = await api.signIn("api@other.test", "pw");
  const answer = await api.call("GET", "/v1/device_groups", { token: other });
  expect(answer.body.deviceGroups.map((g: { uuid: string }) => g.uuid)).toEqual([ALL, LOST, "foreign"]);
  expect(
    (await api.call("POST", "/v1/groups/sales:rename", { token: other, json: { displayName: "Mine" } }))
      .status,
  ).toBe(403);
});
