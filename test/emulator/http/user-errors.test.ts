import type { RunningEmulator } from "../../../emulator";
import { ALL, Api, type Answer, startForTest } from "./api";

// ESET's endpoint pages list 400 for validation errors and 404 for unknown resources; its
// error_codes page says "HTTP 403: All user errors". Each row runs in both modes of
// `userErrorStatus` and must keep the gRPC code and the message.

const SALES = "5a1e5000-0000-4000-8000-000000000001";
const FOREIGN = "f0e19000-0000-4000-8000-000000000001";
const MISSING = "0155ed00-0000-4000-8000-000000000001";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({
    seed: {
      tenants: [
        { id: "demo", groups: [{ uuid: SALES, displayName: "Sales" }] },
        {
          id: "other",
          users: [{ username: "api@other.test", password: "pw" }],
          groups: [{ uuid: FOREIGN, displayName: "Foreign" }],
        },
      ],
    },
  }));
  token = await api.signIn();
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
  ["no bearer token", () => api.call("GET", "/v1/device_groups"), 401, 16, /authorization/i],
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
});

test("userErrorStatus accepts only 400 and 403", async () => {
  const answer = await api.control("PUT", "settings", { userErrorStatus: 404 });
  expect([answer.status, answer.body.code]).toEqual([400, 3]);
  expect(answer.body.message).toMatch(/^invalid settings: .*userErrorStatus/s);
});
