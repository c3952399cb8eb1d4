import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB_LOCKED,
  FIREWALL_BLOCK_ALL_POLICY_UUID as ISOLATED,
  BUILT_IN_POLICIES,
  type RunningEmulator,
} from "../../../../emulator";
import { describeEachUserErrorMode } from "../../../support/user-error-modes";
import { Api, grpcError, startForTest, type Answer } from "../api";
import {
  ACME_UUID,
  EMEA_UUID,
  FOREIGN_UUID,
  MISSING_UUID,
  SALES_UUID,
  TWO_TENANTS_SEED,
} from "./two-tenants";

// ESET's Policy Management v2 service [spec: policy-management.json, public copy in
// maciekaz/ESET-MCP eset_mcp/openapi/], served from the emulator's one origin.

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({ seed: TWO_TENANTS_SEED }));
  token = await api.signIn();
});
afterAll(() => emulator.close());

async function settings(patch: unknown): Promise<void> {
  const answer = await api.control("PUT", "settings", patch);
  if (answer.status !== 200) throw new Error(answer.text);
}

/** Back to the two tenants, the test file's settings and a fresh token. */
async function fresh(patch: Record<string, unknown> = {}): Promise<void> {
  await api.control("POST", "reset");
  await api.control("POST", "seed", TWO_TENANTS_SEED);
  await settings({ rateLimit: { perSecond: 0 }, jsonZeroValues: "emit", ...patch });
  token = await api.signIn();
}

const assign = (policyUuid: string, target: Record<string, string>, bearer = token) =>
  api.call("POST", "/v2/policy-assignments", { token: bearer, json: { assignment: { policyUuid, target } } });
const rank = (uuid: string, json: unknown) =>
  api.call("POST", `/v2/policy-assignments/${uuid}:updateRanking`, { token, json });
const ranks = async (groupUuid: string) =>
  (
    await api.call("GET", `/v2/policy-assignments?target.deviceGroupUuid=${groupUuid}`, { token })
  ).body.assignments.map((a: { policyUuid: string; rank: number }) => [a.policyUuid, a.rank]);
const uuidOfAnswer = (answer: Answer): string => answer.body.assignment.uuid;

describe("GET /v2/policies and /v2/policies/{policyUuid}", () => {
  beforeAll(() => fresh());

  // [spec] GET /v2/policies -> { policies, nextPageToken }; v2Policy fields.
  test("lists the built-in policies first, each with its features", async () => {
    const answer = await api.call("GET", "/v2/policies?pageSize=1000", { token });
    expect([answer.status, answer.body]).toEqual([200, { policies: BUILT_IN_POLICIES, nextPageToken: "" }]);
    const one = await api.call("GET", `/v2/policies/${BALANCED}`, { token });
    expect([one.status, one.body.policy.displayName, one.body.policy.builtIn]).toEqual([
      200,
      "Antivirus - Balanced",
      true,
    ]);
  });

  // [spec] pageSize: 0 or none means 50, above 1000 counts as 1000, schema maximum 99999; pageToken maxLength 128.
  test("pages by pageSize and pageToken, with the spec's bounds", async () => {
    const seen: string[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const page = await api.call("GET", `/v2/policies?pageSize=4&pageToken=${pageToken}`, { token });
      seen.push(...page.body.policies.map((p: { uuid: string }) => p.uuid));
      pageToken = page.body.nextPageToken;
      pages++;
    } while (pageToken !== "");
    expect([pages, seen]).toEqual([3, BUILT_IN_POLICIES.map((p) => p.uuid)]);
    expect((await api.call("GET", "/v2/policies?pageSize=99999", { token })).status).toBe(200);
    const tooBig = await api.call("GET", "/v2/policies?pageSize=100000", { token });
    expect([tooBig.status, tooBig.body.code]).toEqual([400, 3]);
    const longToken = await api.call("GET", `/v2/policies?pageToken=${"x".repeat(129)}`, { token });
    expect([longToken.status, longToken.body.message]).toEqual([
      400,
      "pageToken must be at most 128 characters (got 129)",
    ]);
  });

  // [assumed] zero values omitted as a gateway marshaller does (switch jsonZeroValues).
  test("omits zero values under jsonZeroValues omit: builtIn false, empty description, last page's token", async () => {
    const created = await api.call("POST", "/v2/policies", {
      token,
      json: { policy: { displayName: "Bare" } },
    });
    await settings({ jsonZeroValues: "omit" });
    try {
      const one = await api.call("GET", `/v2/policies/${created.body.policy.uuid}`, { token });
      expect(one.body).toEqual({ policy: { uuid: created.body.policy.uuid, displayName: "Bare" } });
      const all = await api.call("GET", "/v2/policies?pageSize=1000", { token });
      expect(Object.keys(all.body)).toEqual(["policies"]);
      const assignments = await api.call("GET", "/v2/policy-assignments", { token });
      expect(assignments.body).toEqual({});
    } finally {
      await settings({ jsonZeroValues: "emit" });
    }
  });
});

describe("POST and DELETE /v2/policies", () => {
  beforeAll(() => fresh());

  // [spec] POST /v2/policies { policy } -> { policy }: custom, uuid and builtIn read-only.
  test("creates a custom policy and deletes it", async () => {
    const created = await api.call("POST", "/v2/policies", {
      token,
      json: {
        policy: {
          displayName: "Servers - strict",
          description: "USB blocked",
          features: [{ featureId: 12, configuration: { "@type": "type.googleapis.com/x.Y", a: 1 } }],
        },
      },
    });
    expect([created.status, created.body]).toEqual([
      200,
      {
        policy: {
          uuid: expect.any(String),
          displayName: "Servers - strict",
          description: "USB blocked",
          builtIn: false,
          features: [
            { featureId: 12, configuration: { "@type": "type.googleapis.com/x.Y", a: 1 }, flags: {} },
          ],
        },
      },
    ]);
    const uuid = created.body.policy.uuid;
    const deleted = await api.call("DELETE", `/v2/policies/${uuid}`, { token });
    expect([deleted.status, deleted.body]).toEqual([200, {}]);
    expect((await api.call("GET", `/v2/policies/${uuid}`, { token })).status).toBe(404);
  });

  // [spec] requestBody required.
  test("refuses a create without a policy", async () => {
    const answer = await api.call("POST", "/v2/policies", { token, json: {} });
    expect([answer.status, answer.body.message]).toEqual([
      400,
      'policy is required: send { "policy": { "displayName", ... } }',
    ]);
  });
});

describe("policy assignments", () => {
  beforeEach(() => fresh());

  // [spec] POST /v2/policy-assignments, DELETE, :updateRanking: new ones at the end, renumbering, reorder.
  test("assigns at the end, renumbers on unassign and reorders on updateRanking", async () => {
    const one = await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    const two = await assign(USB_LOCKED, { deviceGroupUuid: SALES_UUID });
    const three = await assign(ISOLATED, { deviceGroupUuid: SALES_UUID });
    expect([one.status, one.body]).toEqual([
      200,
      {
        assignment: {
          uuid: expect.any(String),
          policyUuid: BALANCED,
          target: { deviceGroupUuid: SALES_UUID },
          rank: 1,
        },
      },
    ]);
    expect([two.body.assignment.rank, three.body.assignment.rank]).toEqual([2, 3]);
    const moved = await rank(uuidOfAnswer(three), { rank: 1 });
    expect([moved.status, moved.body]).toEqual([200, {}]);
    expect(await ranks(SALES_UUID)).toEqual([
      [ISOLATED, 1],
      [BALANCED, 2],
      [USB_LOCKED, 3],
    ]);
    const gone = await api.call("DELETE", `/v2/policy-assignments/${uuidOfAnswer(one)}`, { token });
    expect([gone.status, gone.body]).toEqual([200, {}]);
    expect(await ranks(SALES_UUID)).toEqual([
      [ISOLATED, 1],
      [USB_LOCKED, 2],
    ]);
    const read = await api.call("GET", `/v2/policy-assignments/${uuidOfAnswer(two)}`, { token });
    expect(read.body.assignment).toEqual({ ...two.body.assignment, rank: 2 });
  });

  // [spec] query policyUuid merged with repeated policyUuids; target.deviceGroupUuid.
  test("filters by policyUuid, repeated policyUuids and target", async () => {
    await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    await assign(USB_LOCKED, { deviceGroupUuid: EMEA_UUID });
    await assign(ISOLATED, { deviceGroupUuid: EMEA_UUID });
    const policies = async (query: string) =>
      (await api.call("GET", `/v2/policy-assignments?${query}`, { token })).body.assignments.map(
        (a: { policyUuid: string }) => a.policyUuid,
      );
    expect(await policies(`policyUuids=${BALANCED}&policyUuids=${ISOLATED}`)).toEqual([BALANCED, ISOLATED]);
    expect(await policies(`policyUuid=${USB_LOCKED}&policyUuids=${BALANCED}`)).toEqual([
      BALANCED,
      USB_LOCKED,
    ]);
    expect(await policies(`target.deviceGroupUuid=${EMEA_UUID}&policyUuid=${ISOLATED}`)).toEqual([ISOLATED]);
    expect(await policies("pageSize=1")).toEqual([BALANCED]);
  });

  test("another tenant sees none of them", async () => {
    await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    const theirs = await api.signIn("api@other.test", "pw");
    const listed = await api.call("GET", "/v2/policy-assignments", { token: theirs });
    expect(listed.body.assignments).toEqual([]);
  });
});

describeEachUserErrorMode("policy-management user errors", (mode) => {
  beforeAll(() => fresh({ userErrorStatus: mode.status }));
  const user = (status: number) => (mode.status === 403 ? 403 : status);

  const cases: Array<[string, () => Promise<Answer>, number, number, string]> = [
    // [spec] v2Policy.builtIn: built-ins cannot be deleted.
    [
      "deleting a built-in policy",
      () => api.call("DELETE", `/v2/policies/${BALANCED}`, { token }),
      400,
      3,
      `policy "Antivirus - Balanced" (${BALANCED}) is built in and cannot be deleted`,
    ],
    [
      "creating a built-in policy",
      () =>
        api.call("POST", "/v2/policies", { token, json: { policy: { displayName: "X", builtIn: true } } }),
      400,
      3,
      "a built-in policy cannot be created: leave builtIn out (it is read-only)",
    ],
    // [spec] path policyUuid format uuid.
    [
      "a policy path that is no uuid",
      () => api.call("GET", "/v2/policies/balanced", { token }),
      400,
      3,
      'policyUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "balanced")',
    ],
    [
      "an unknown policy",
      () => api.call("GET", `/v2/policies/${MISSING_UUID}`, { token }),
      404,
      5,
      `policy ${MISSING_UUID} not found`,
    ],
    [
      "an unknown group as target",
      () => assign(BALANCED, { deviceGroupUuid: MISSING_UUID }),
      404,
      5,
      `group ${MISSING_UUID} not found`,
    ],
    [
      "two target kinds",
      () => assign(BALANCED, { deviceGroupUuid: SALES_UUID, subscriptionUuid: MISSING_UUID }),
      400,
      3,
      "assignment.target must name exactly one of deviceGroupUuid, deviceUuid, subscriptionUuid (got deviceGroupUuid and subscriptionUuid)",
    ],
    [
      "an assign without an assignment",
      () => api.call("POST", "/v2/policy-assignments", { token, json: {} }),
      400,
      3,
      'assignment is required: send { "assignment": { "policyUuid", "target": { "deviceGroupUuid" } } }',
    ],
    [
      "an unknown assignment",
      () => api.call("DELETE", `/v2/policy-assignments/${MISSING_UUID}`, { token }),
      404,
      5,
      `policy assignment ${MISSING_UUID} not found`,
    ],
    // [spec] updateRanking: rank 0 -> 400; above the target's count -> 412 FAILED_PRECONDITION.
    [
      "rank 0",
      async () => rank(uuidOfAnswer(await assign(BALANCED, { deviceGroupUuid: EMEA_UUID })), { rank: 0 }),
      400,
      3,
      "rank is required and cannot be 0: rank 1 is the highest priority",
    ],
    [
      "a rank above the target's count",
      async () => rank(uuidOfAnswer(await assign(USB_LOCKED, { deviceGroupUuid: SALES_UUID })), { rank: 2 }),
      412,
      9,
      `rank 2 is above the number of assignments to group ${SALES_UUID} (1)`,
    ],
    [
      "a filter that is no uuid",
      () => api.call("GET", "/v2/policy-assignments?target.deviceGroupUuid=sales", { token }),
      400,
      3,
      'target.deviceGroupUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "sales")',
    ],
  ];
  test.each(cases)("refuses %s", async (_name, call, status, code, message) => {
    const answer = await call();
    expect([answer.status, answer.body]).toEqual([user(status), grpcError(code, message)]);
  });

  // Not switched: another tenant's object (403, code 7), an unknown verb (404), auth (400/401).
  test("another tenant's group is 403 PERMISSION_DENIED in both modes", async () => {
    const answer = await assign(BALANCED, { deviceGroupUuid: FOREIGN_UUID });
    expect([answer.status, answer.body]).toEqual([
      403,
      grpcError(7, `group ${FOREIGN_UUID} belongs to another tenant`),
    ]);
  });

  test("an unknown verb is 404, and calls without a valid token are 400/401", async () => {
    const verb = await api.call("POST", `/v2/policy-assignments/${MISSING_UUID}:promote`, {
      token,
      json: {},
    });
    expect([verb.status, verb.body.code]).toEqual([404, 5]);
    expect((await api.call("GET", "/v2/policies")).status).toBe(400);
    expect((await api.call("GET", "/v2/policies", { token: "nope" })).status).toBe(401);
  });
});

describe("the four switches, flipped at run time through settings", () => {
  // [assumed] duplicatePolicyAssignment refuse|allow.
  test.each(["refuse", "allow"])("duplicatePolicyAssignment %s", async (rule) => {
    await fresh({ duplicatePolicyAssignment: rule });
    await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    const again = await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    if (rule === "refuse") expect([again.status, again.body.code]).toEqual([400, 6]);
    else expect([again.status, again.body.assignment.rank]).toEqual([200, 2]);
  });

  // [assumed] deleteAssignedPolicy refuse|cascade.
  test.each(["refuse", "cascade"])("deleteAssignedPolicy %s", async (rule) => {
    await fresh({ deleteAssignedPolicy: rule });
    const made = await api.call("POST", "/v2/policies", { token, json: { policy: { displayName: "Mine" } } });
    await assign(made.body.policy.uuid, { deviceGroupUuid: SALES_UUID });
    await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    const deleted = await api.call("DELETE", `/v2/policies/${made.body.policy.uuid}`, { token });
    if (rule === "refuse") {
      expect([deleted.status, deleted.body.code]).toEqual([412, 9]);
      expect((await ranks(SALES_UUID)).length).toBe(2);
    } else {
      expect(deleted.status).toBe(200);
      expect(await ranks(SALES_UUID)).toEqual([[BALANCED, 1]]);
    }
  });

  // [assumed] policiesOnSpecialGroups allow|refuse: All and linked groups.
  test.each(["allow", "refuse"])("policiesOnSpecialGroups %s", async (rule) => {
    await fresh({ policiesOnSpecialGroups: rule });
    const onAcme = await assign(BALANCED, { deviceGroupUuid: ACME_UUID });
    const onAll = await assign(BALANCED, { deviceGroupUuid: emulator.defaults.allGroupUuid });
    expect([onAcme.status, onAll.status]).toEqual(rule === "allow" ? [200, 200] : [400, 400]);
  });

  // [assumed] policyAssignmentsOnGroupDelete drop|keep; [doc] a group delete takes its subtree.
  test.each(["drop", "keep"])("policyAssignmentsOnGroupDelete %s", async (rule) => {
    await fresh({ policyAssignmentsOnGroupDelete: rule });
    await assign(BALANCED, { deviceGroupUuid: EMEA_UUID });
    expect((await api.call("DELETE", `/v1/groups/${SALES_UUID}`, { token })).status).toBe(200);
    expect(await ranks(EMEA_UUID)).toEqual(rule === "drop" ? [] : [[BALANCED, 1]]);
  });
});

describe("the pipeline every service shares", () => {
  beforeEach(() => fresh());

  test("the account's shared rate limit counts policy calls with group calls", async () => {
    await settings({ rateLimit: { perSecond: 2 } });
    const statuses: number[] = [];
    statuses.push((await api.call("GET", "/v1/device_groups", { token })).status);
    statuses.push((await api.call("GET", "/v2/policies", { token })).status);
    statuses.push((await api.call("GET", "/v2/policy-assignments", { token })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  test("a fault before the work leaves nothing assigned; a fault after it has assigned", async () => {
    await settings({ faults: { script: [{ kind: "503", path: "/v2/policy-assignments" }] } });
    expect((await assign(BALANCED, { deviceGroupUuid: SALES_UUID })).status).toBe(503);
    expect(await ranks(SALES_UUID)).toEqual([]);
    await settings({
      faults: { script: [{ kind: "500-after", method: "POST", path: "/v2/policy-assignments" }] },
    });
    expect((await assign(BALANCED, { deviceGroupUuid: SALES_UUID })).status).toBe(500);
    expect(await ranks(SALES_UUID)).toEqual([[BALANCED, 1]]);
  });

  test("a pending assign answers 202, then the assignment to the resend carrying response-id", async () => {
    await settings({
      faults: { script: [{ kind: "pending", method: "POST", path: "/v2/policy-assignments", polls: 0 }] },
    });
    const first = await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
    expect(first.status).toBe(202);
    const id = first.headers.get("response-id") as string;
    const result = await api.call("POST", "/v2/policy-assignments", {
      token,
      json: { assignment: { policyUuid: BALANCED, target: { deviceGroupUuid: SALES_UUID } } },
      headers: { "response-id": id },
    });
    expect([result.status, result.body.assignment.rank]).toEqual([200, 1]);
    expect(await ranks(SALES_UUID)).toEqual([[BALANCED, 1]]);
  });

  test("the request log names every policy endpoint", async () => {
    await api.call("DELETE", "/_emulator/requests");
    const made = await api.call("POST", "/v2/policies", {
      token,
      json: { policy: { displayName: "Logged" } },
    });
    const policyUuid = made.body.policy.uuid;
    await api.call("GET", "/v2/policies", { token });
    await api.call("GET", `/v2/policies/${policyUuid}`, { token });
    const assigned = await assign(policyUuid, { deviceGroupUuid: SALES_UUID });
    await api.call("GET", "/v2/policy-assignments", { token });
    await api.call("GET", `/v2/policy-assignments/${uuidOfAnswer(assigned)}`, { token });
    await rank(uuidOfAnswer(assigned), { rank: 1 });
    await api.call("DELETE", `/v2/policy-assignments/${uuidOfAnswer(assigned)}`, { token });
    await api.call("DELETE", `/v2/policies/${policyUuid}`, { token });
    const log = (await api.control("GET", "requests")).body.requests;
    expect(log.map((e: { endpoint: string; status: number }) => [e.endpoint, e.status])).toEqual([
      ["create policy", 200],
      ["list policies", 200],
      ["get policy", 200],
      ["assign policy", 200],
      ["list policy assignments", 200],
      ["get policy assignment", 200],
      ["rank policy assignment", 200],
      ["unassign policy", 200],
      ["delete policy", 200],
    ]);
  });

  // [seen] On-Prem serves "the same REST paths as the cloud for ... policies" (shared/eset-connect-api.md).
  test("ESET PROTECT On-Prem serves the same paths", async () => {
    await settings({ deployment: "on-prem" });
    try {
      const signIn = await api.call("POST", "/GetTokens", {
        json: { username: "demo@example.com", password: "demo-password", grant_type: "password" },
      });
      const onPrem = signIn.body.accessToken as string;
      expect((await api.call("GET", "/v2/policies", { token: onPrem })).status).toBe(200);
      expect((await assign(BALANCED, { deviceGroupUuid: SALES_UUID }, onPrem)).status).toBe(200);
    } finally {
      await settings({ deployment: "cloud" });
    }
  });
});
