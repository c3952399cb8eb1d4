import type { RunningEmulator } from "../../../emulator";
import { uuidOf } from "../../support/uuids";
import { ALL, Api, type Answer, LOST, startForTest } from "./api";

// ESET's endpoint pages list 400 for validation errors and 404 for unknown resources; its
// error_codes page says "HTTP 403: All user errors". Each row runs in both modes of
// `userErrorStatus` and must keep the gRPC code and the message.

const SALES = uuidOf("sales");
const FOREIGN = uuidOf("foreign");
const MISSING = uuidOf("missing");
const ACME = uuidOf("acme"); // linked CUSTOMER, as onboarding creates it
const AZURE = uuidOf("azure"); // linked EXTERNAL_CONTAINER
const DELETED = uuidOf("deleted");
const BAD_UUID = 'must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "g-1")';
const linked = (name: string, uuid: string, verb: string, type: string) =>
  `group "${name}" (${uuid}) cannot be ${verb}: it is linked to an entity (${type}); its life cycle follows that entity's`;

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
            { uuid: SALES, displayName: "Sales" },
            { uuid: ACME, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
            { uuid: AZURE, displayName: "Azure", linkedEntityType: "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER" },
            { uuid: DELETED, displayName: "Deleted" },
          ],
        },
        {
          id: "other",
          users: [{ username: "api@other.test", password: "pw" }],
          groups: [{ uuid: FOREIGN, displayName: "Foreign" }],
        },
      ],
    },
  }));
  token = await api.signIn();
  expect((await api.call("DELETE", `/v1/groups/${DELETED}`, { token })).status).toBe(200);
});
afterAll(() => emulator.close());

type Call = () => Promise<Answer>;
const post =
  (path: string, json: unknown): Call =>
  () =>
    api.call("POST", path, { token, json });
const get =
  (path: string): Call =>
  () =>
    api.call("GET", path, { token });
const del =
  (path: string): Call =>
  () =>
    api.call("DELETE", path, { token });
const create = (group: Record<string, unknown>) => post("/v1/groups", { group });

/** [what, call, status with userErrorStatus 400, status with 403, gRPC code, message] */
const userErrors: Array<[string, Call, number, number, number, string | RegExp]> = [
  [
    "a validation error",
    post("/v1/groups", { group: { displayName: "", parentGroupUuid: ALL } }),
    400,
    403,
    3,
    "group.displayName is required and must be a non-empty string",
  ],
  [
    "a rule break (duplicate sibling name)",
    post("/v1/groups", { group: { displayName: "Sales", parentGroupUuid: ALL } }),
    400,
    403,
    3,
    `group "All" (${ALL}) already has a subgroup named "Sales" (${SALES})`,
  ],
  [
    "an unknown group",
    post(`/v1/groups/${MISSING}:rename`, { displayName: "X" }),
    404,
    403,
    5,
    `group ${MISSING} not found`,
  ],
  [
    "an unknown parent",
    post("/v1/groups", { group: { displayName: "X", parentGroupUuid: MISSING } }),
    404,
    403,
    5,
    `parent group ${MISSING} not found`,
  ],
  [
    "a made-up page token",
    get("/v1/device_groups?pageToken=xyz"),
    400,
    403,
    3,
    "pageToken is not a token this server issued: pass the nextPageToken of the previous page",
  ],
  [
    "a body that is not a JSON object",
    post(`/v1/groups/${SALES}:rename`, ["X"]),
    400,
    403,
    3,
    "the request body must be a JSON object sent as application/json",
  ],
  // Path uuids: "format: uuid", "maxLength: 100" [spec]
  [
    "a path uuid that is not a uuid (rename)",
    post("/v1/groups/g-1:rename", { displayName: "X" }),
    400,
    403,
    3,
    `groupUuid ${BAD_UUID}`,
  ],
  [
    "a path uuid that is not a uuid (move)",
    post("/v1/groups/g-1:move", { newParentUuid: ALL }),
    400,
    403,
    3,
    `groupUuid ${BAD_UUID}`,
  ],
  ["a path uuid that is not a uuid (delete)", del("/v1/groups/g-1"), 400, 403, 3, `groupUuid ${BAD_UUID}`],
  [
    "a path uuid that is not a uuid (devices)",
    get("/v1/device_groups/g-1/devices"),
    400,
    403,
    3,
    `groupUuid ${BAD_UUID}`,
  ],
  [
    "a path uuid over 100 characters",
    del(`/v1/groups/${"a".repeat(101)}`),
    400,
    403,
    3,
    "groupUuid must be at most 100 characters (got 101)",
  ],
  [
    "a client uuid that is not a uuid",
    create({ displayName: "X", parentGroupUuid: ALL, uuid: "g-1" }),
    400,
    403,
    3,
    `group.uuid ${BAD_UUID}`,
  ],
  // Special groups "are not governed by this API" [spec: v1Group]
  [
    "renaming All",
    post(`/v1/groups/${ALL}:rename`, { displayName: "X" }),
    400,
    403,
    3,
    "the All group cannot be renamed",
  ],
  [
    "moving All",
    post(`/v1/groups/${ALL}:move`, { newParentUuid: SALES }),
    400,
    403,
    3,
    "the All group cannot be moved",
  ],
  ["deleting All", del(`/v1/groups/${ALL}`), 400, 403, 3, "the All group cannot be deleted"],
  [
    "renaming Lost & found",
    post(`/v1/groups/${LOST}:rename`, { displayName: "X" }),
    400,
    403,
    3,
    "the Lost & found group cannot be renamed through the API (ESET's console can)",
  ],
  [
    "moving Lost & found",
    post(`/v1/groups/${LOST}:move`, { newParentUuid: SALES }),
    400,
    403,
    3,
    "the Lost & found group cannot be moved",
  ],
  [
    "deleting Lost & found",
    del(`/v1/groups/${LOST}`),
    400,
    403,
    3,
    "the Lost & found group cannot be deleted",
  ],
  // Linked groups "cannot be created, deleted, renamed, or moved" [spec: v1Group]
  [
    "creating a linked group",
    create({ displayName: "Globex", parentGroupUuid: ALL, linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" }),
    400,
    403,
    3,
    "a group linked to an entity (GROUP_ENTITY_TYPE_CUSTOMER) cannot be created through the API: ESET creates it with the entity; create a static group (GROUP_ENTITY_TYPE_UNSPECIFIED) instead, under it if you like",
  ],
  [
    "creating an external container",
    create({
      displayName: "AWS",
      parentGroupUuid: ALL,
      linkedEntityType: "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER",
    }),
    400,
    403,
    3,
    /^a group linked to an entity \(GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER\) cannot be created through the API/,
  ],
  [
    "renaming a linked group",
    post(`/v1/groups/${ACME}:rename`, { displayName: "X" }),
    400,
    403,
    3,
    linked("Acme", ACME, "renamed", "GROUP_ENTITY_TYPE_CUSTOMER"),
  ],
  [
    "moving a linked group",
    post(`/v1/groups/${ACME}:move`, { newParentUuid: SALES }),
    400,
    403,
    3,
    linked("Acme", ACME, "moved", "GROUP_ENTITY_TYPE_CUSTOMER"),
  ],
  [
    "deleting a linked group",
    del(`/v1/groups/${ACME}`),
    400,
    403,
    3,
    linked("Acme", ACME, "deleted", "GROUP_ENTITY_TYPE_CUSTOMER"),
  ],
  [
    "renaming an external container",
    post(`/v1/groups/${AZURE}:rename`, { displayName: "X" }),
    400,
    403,
    3,
    linked("Azure", AZURE, "renamed", "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER"),
  ],
  [
    "deleting an external container",
    del(`/v1/groups/${AZURE}`),
    400,
    403,
    3,
    linked("Azure", AZURE, "deleted", "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER"),
  ],
  // A client uuid "must be collision-free" [spec: v1Group.uuid]
  [
    "creating with an existing group's uuid",
    create({ displayName: "X", parentGroupUuid: ALL, uuid: SALES }),
    400,
    403,
    6,
    `group ${SALES} already exists`,
  ],
  [
    "creating with a deleted group's uuid (deletedUuidReuse refuse)",
    create({ displayName: "X", parentGroupUuid: ALL, uuid: DELETED }),
    400,
    403,
    6,
    `group ${DELETED} already exists: a deleted group had this uuid and it cannot be used again`,
  ],
  [
    "an unknown security group for the GPO/SCCM file",
    post("/v1/gpo-sccm-files:generate", { deviceEnrollmentSettings: { securityGroupUuid: MISSING } }),
    404,
    403,
    5,
    `security group ${MISSING} not found`,
  ],
];

/** Answers that are not user errors of a domain service: the same in both modes. */
const otherErrors: Array<[string, Call, number, number, string | RegExp]> = [
  [
    "another tenant's group (a missing permission)",
    post(`/v1/groups/${FOREIGN}:rename`, { displayName: "X" }),
    403,
    7,
    `group ${FOREIGN} belongs to another tenant`,
  ],
  [
    "bad credentials on /oauth/token (OAuth answers 4xx)",
    () =>
      api.call("POST", "/oauth/token", {
        form: { grant_type: "password", username: "demo@example.com", password: "wrong" },
      }),
    400,
    3,
    "invalid username or password",
  ],
  // "400: ... Bad or missing authorization" [spec: every domain endpoint], in either mode.
  ["no bearer token", () => api.call("GET", "/v1/device_groups"), 400, 16, /authorization/i],
  ["an unknown endpoint", get("/v2/nothing"), 404, 5, "no such endpoint: GET /v2/nothing"],
];

describe.each([400, 403] as const)("with userErrorStatus %d", (mode) => {
  beforeAll(async () => {
    const answer = await api.control("PUT", "settings", { userErrorStatus: mode });
    expect(answer.body.userErrorStatus).toBe(mode);
  });

  test.each(userErrors)(
    "%s answers its status, code and message",
    async (_what, call, s400, s403, code, message) => {
      const answer = await call();
      expect([answer.status, answer.body.code, answer.body.details]).toEqual([
        mode === 400 ? s400 : s403,
        code,
        [],
      ]);
      expect(answer.body.message).toEqual(
        typeof message === "string" ? message : expect.stringMatching(message),
      );
    },
  );

  test.each(otherErrors)("%s is not switched", async (_what, call, status, code, message) => {
    const answer = await call();
    expect([answer.status, answer.body.code]).toEqual([status, code]);
    expect(answer.body.message).toEqual(
      typeof message === "string" ? message : expect.stringMatching(message),
    );
  });

  test("static groups may still be created and moved under a linked group", async () => {
    const laptops = uuidOf(`laptops-${mode}`);
    expect(
      (await create({ displayName: `Laptops ${mode}`, parentGroupUuid: ACME, uuid: laptops })()).status,
    ).toBe(200);
    const moved = await post(`/v1/groups/${laptops}:move`, { newParentUuid: AZURE })();
    expect([moved.status, moved.body.group.parentGroupUuid]).toEqual([200, AZURE]);
    const under = await create({ displayName: `Tills ${mode}`, parentGroupUuid: AZURE })();
    expect(under.status).toBe(200);
  });

  test("the refusals left the tree as it was", async () => {
    const state = (await api.control("GET", "state")).body.tenants[0];
    const byUuid = new Map(state.groups.map((g: { uuid: string }) => [g.uuid, g]));
    expect(byUuid.get(ACME)).toMatchObject({ displayName: "Acme", parentGroupUuid: ALL });
    expect(byUuid.get(LOST)).toMatchObject({ displayName: "Lost & found", parentGroupUuid: ALL });
    expect(byUuid.has(DELETED)).toBe(false);
    expect(
      state.groups.filter((g: { displayName: string }) => ["X", "Globex", "AWS"].includes(g.displayName)),
    ).toEqual([]);
  });
});

test("with deletedUuidReuse allow, a deleted group's uuid can be used again", async () => {
  await api.control("PUT", "settings", { deletedUuidReuse: "allow" });
  const answer = await create({ displayName: "Deleted again", parentGroupUuid: ALL, uuid: DELETED })();
  await api.control("PUT", "settings", { deletedUuidReuse: "refuse" });
  expect([answer.status, answer.body.group.uuid]).toEqual([200, DELETED]);
});

test("userErrorStatus accepts only 400 and 403", async () => {
  const answer = await api.control("PUT", "settings", { userErrorStatus: 404 });
  expect([answer.status, answer.body.code]).toEqual([400, 3]);
  expect(answer.body.message).toMatch(/^invalid settings: .*userErrorStatus/s);
});
