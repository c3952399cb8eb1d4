import { BUILT_IN_POLICIES, type RunningEmulator } from "../../../../emulator";
import { ALL, Api, LOST, startForTest } from "../api";
import { uuidOf } from "../../../support/uuids";

const S1_UUID = uuidOf("s1");
const S2_UUID = uuidOf("s2");

let emulator: RunningEmulator;
let api: Api;

beforeAll(async () => ({ emulator, api } = await startForTest()));
afterAll(() => emulator.close());

const DEFAULTS = {
  rateLimit: { perSecond: 10, retryAfter: false, algorithm: "sliding-window" },
  tokenLifetimeSeconds: 3600,
  latencyMs: 0,
  pending: { rate: 0, polls: 2, slowerThanMs: 30000 },
  faults: { rate: 0, kinds: ["500", "502", "503", "504", "drop", "drop-after"], script: [] },
  ignoreClientUuid: false,
  allowDuplicateSiblingNames: false,
  userErrorStatus: 400,
  deletedUuidReuse: "refuse",
  jsonZeroValues: "omit",
  linkedSecurityGroup: "true",
  membershipLagSeconds: 0,
  deployment: "cloud",
  onPremSignIn: "any",
  tokenExpiresIn: "emit",
  badTokenStatus: 401,
  policyAssignmentsOnGroupDelete: "drop",
  duplicatePolicyAssignment: "refuse",
  deleteAssignedPolicy: "refuse",
  policiesOnSpecialGroups: "allow",
};

test("reset brings back the demo tenant and user, an empty tree, default settings and an empty log", async () => {
  const token = await api.signIn();
  await api.createGroup(token, { displayName: "Temporary", parentGroupUuid: ALL });
  await api.control("POST", "seed", {
    tenants: [{ id: "gone", users: [{ username: "g@gone.test", password: "pw" }] }],
  });
  await api.control("PUT", "settings", { latencyMs: 5 });

  const reset = await api.control("POST", "reset");
  expect(reset.status).toBe(200);
  expect(reset.headers.get("request-id")).toBeTruthy();
  const state = (await api.control("GET", "state")).body;
  expect(state).toEqual({
    tenants: [
      {
        id: "demo",
        ownerUuid: expect.any(String),
        allGroupUuid: ALL,
        lostAndFoundUuid: LOST,
        groups: [
          {
            uuid: ALL,
            displayName: "All",
            description: "",
            parentGroupUuid: null,
            linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
            ownerUuid: expect.any(String),
          },
          {
            uuid: LOST,
            displayName: "Lost & found",
            description: "",
            parentGroupUuid: ALL,
            linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
            ownerUuid: expect.any(String),
          },
        ],
        devices: [],
        deletions: [],
        policies: BUILT_IN_POLICIES,
        policyAssignments: [],
      },
    ],
    users: [{ username: "demo@example.com", tenant: "demo" }],
  });
  expect((await api.control("GET", "settings")).body).toEqual(DEFAULTS);
  expect((await api.control("GET", "requests")).body.requests).toEqual([]);
  await api.control("PUT", "settings", { rateLimit: { perSecond: 0 }, jsonZeroValues: "emit" });
});

test("seed answers the new state; a bad seed is a 400 naming the field and changes nothing", async () => {
  const seeded = await api.control("POST", "seed", {
    tenants: [
      {
        id: "demo",
        groups: [{ uuid: S1_UUID, displayName: "Seeded" }],
        devices: [{ displayName: "Laptop", groupUuid: S1_UUID }],
      },
    ],
  });
  expect(seeded.status).toBe(200);
  const demo = seeded.body.tenants[0];
  expect(demo.groups.map((g: { uuid: string }) => g.uuid)).toContain(S1_UUID);
  expect(demo.devices).toEqual([{ uuid: expect.any(String), displayName: "Laptop", groupUuid: S1_UUID }]);

  const bad = await api.control("POST", "seed", { tenants: [{ id: "demo", groups: [{ displayName: 5 }] }] });
  expect(bad.status).toBe(400);
  expect(bad.body.code).toBe(3);
  expect(bad.body.message).toMatch(/^seed: .*tenants\[0\]\.groups\[0\]\.displayName/s);
  const clash = await api.control("POST", "seed", {
    tenants: [{ id: "demo", groups: [{ uuid: S2_UUID, displayName: "Fine" }, { displayName: "Seeded" }] }],
  });
  expect(clash.body.message).toBe(
    `seed: tenants[0].groups[1]: group "All" (00000000-0000-0000-7001-000000000001) already has a subgroup named "Seeded" (${S1_UUID})`,
  );
  expect(
    (await api.control("GET", "state")).body.tenants[0].groups.map((g: { uuid: string }) => g.uuid),
  ).not.toContain(S2_UUID);
});

test("settings merge nested objects, and bad values are refused naming the field", async () => {
  const merged = await api.control("PUT", "settings", {
    pending: { polls: 5 },
    allowDuplicateSiblingNames: true,
  });
  expect(merged.body.pending).toEqual({ rate: 0, polls: 5, slowerThanMs: 30000 });
  expect(merged.body.allowDuplicateSiblingNames).toBe(true);
  await api.control("PUT", "settings", { pending: { polls: 2 }, allowDuplicateSiblingNames: false });

  for (const [patch, field] of [
    [{ rateLimit: { perSecond: -1 } }, "rateLimit.perSecond"],
    [{ faults: { rate: 2 } }, "faults.rate"],
    [{ faults: { kinds: ["teapot"] } }, "faults.kinds[0]"],
    [{ faults: { script: [{ kind: "500", times: 2 }] } }, "faults.script[0]"],
    [{ tokenLifetime: 5 }, "tokenLifetime"],
  ] as const) {
    const answer = await api.control("PUT", "settings", patch);
    expect([answer.status, answer.body.code]).toEqual([400, 3]);
    expect(answer.body.message).toMatch(/^invalid settings: /);
    expect(answer.body.message).toContain(field.replace(/\[0\]/, ""));
  }
  expect((await api.control("GET", "settings")).body.faults.rate).toBe(0);
});

test("the request log records API calls (not control-plane calls) and can be cleared", async () => {
  await api.control("DELETE", "requests");
  const token = await api.signIn();
  const listed = await api.call("GET", "/v1/device_groups?pageSize=3", { token });
  await api.call("GET", "/v1/device_groups", { headers: { authorization: "Bearer nope" } });
  const log = (await api.control("GET", "requests")).body.requests;
  expect(log).toEqual([
    {
      time: expect.any(String),
      method: "POST",
      path: "/oauth/token",
      query: {},
      endpoint: "token",
      status: 200,
      user: "demo@example.com",
      requestId: expect.any(String),
    },
    {
      time: expect.any(String),
      method: "GET",
      path: "/v1/device_groups",
      query: { pageSize: "3" },
      endpoint: "list groups",
      status: 200,
      user: "demo@example.com",
      requestId: listed.headers.get("request-id"),
    },
    {
      time: expect.any(String),
      method: "GET",
      path: "/v1/device_groups",
      query: {},
      endpoint: "list groups",
      status: 401,
      user: null,
      requestId: expect.any(String),
    },
  ]);
  expect(JSON.stringify(log)).not.toContain("demo-password");
  await api.control("DELETE", "requests");
  expect((await api.control("GET", "requests")).body.requests).toEqual([]);
});

test("the clock only moves forward, by advanceMs", async () => {
  const before = (await api.control("GET", "clock")).body;
  const after = await api.control("POST", "clock", { advanceMs: 5000 });
  expect(after.body.offsetMs).toBe(before.offsetMs + 5000);
  for (const body of [{}, { advanceMs: -1 }, { advanceMs: "10" }]) {
    const refused = await api.control("POST", "clock", body);
    expect([refused.status, refused.body.message]).toEqual([
      400,
      'advanceMs must be a number of milliseconds >= 0, e.g. { "advanceMs": 121000 }',
    ]);
  }
});

test("lists 2,500 groups completely over pages of 50 and of 1000", async () => {
  const groups = Array.from({ length: 2500 }, (_, i) => ({
    uuid: uuidOf(`bulk-${i}`),
    displayName: `Bulk ${i}`,
  }));
  expect(
    (
      await api.control("POST", "seed", {
        tenants: [{ id: "bulk", users: [{ username: "bulk@x.test", password: "pw" }], groups }],
      })
    ).status,
  ).toBe(200);
  const token = await api.signIn("bulk@x.test", "pw");
  for (const [pageSize, expectedPages] of [
    ["", 51],
    ["1000", 3],
    ["5000", 3],
  ] as const) {
    const seen: string[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const answer = await api.call("GET", `/v1/device_groups?pageSize=${pageSize}&pageToken=${pageToken}`, {
        token,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.deviceGroups.length).toBeLessThanOrEqual(pageSize === "" ? 50 : 1000);
      seen.push(...answer.body.deviceGroups.map((g: { uuid: string }) => g.uuid));
      pageToken = answer.body.nextPageToken;
      pages++;
    } while (pageToken !== "");
    expect(pages).toBe(expectedPages);
    expect(seen).toHaveLength(2502);
    expect(new Set(seen)).toEqual(new Set([ALL, LOST, ...groups.map((g) => g.uuid)]));
  }
});
