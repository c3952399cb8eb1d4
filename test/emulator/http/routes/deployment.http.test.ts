import type { RunningEmulator } from "../../../../emulator";
import { ALL, Api, grpcError, startForTest } from "../api";

// ESET PROTECT On-Prem (13.1 and later) as the emulator plays it with deployment "on-prem":
// - sign-in is POST /GetTokens with a JSON body, answering { accessToken, expiresIn } and no refresh
//   token [seen: maciekaz/ESET-MCP eset_mcp/auth.py; Fenrindale/eset-protect-mcp src/eset-client.ts;
//   doc: help.eset.com protect_admin/13.0 using_api];
// - group delete and the installer calls are cloud-only [seen: Fenrindale/eset-protect-mcp
//   requireCloud], and a path On-Prem lacks answers "a plain 404" [seen: maciekaz/ESET-MCP README].

let emulator: RunningEmulator;
let api: Api;
beforeAll(async () => ({ emulator, api } = await startForTest()));
afterAll(() => emulator.close());

const credentials = { username: "demo@example.com", password: "demo-password" };
const getTokens = (json: unknown) => api.call("POST", "/GetTokens", { json });

describe("deployment cloud (the default)", () => {
  test("has no POST /GetTokens", async () => {
    const answer = await getTokens({ ...credentials, grant_type: "password" });
    expect([answer.status, answer.body]).toEqual([404, grpcError(5, "no such endpoint: POST /GetTokens")]);
  });
});

describe("deployment on-prem", () => {
  beforeAll(() => api.control("PUT", "settings", { deployment: "on-prem" }));
  afterAll(() => api.control("PUT", "settings", { deployment: "cloud" }));

  test.each([
    ["maciekaz/ESET-MCP's body", { ...credentials, grant_type: "password" }],
    ["Fenrindale/eset-protect-mcp's body", { ...credentials, is_domain_user: false, grantType: "PASSWORD" }],
    ["ESET's 13.0 help page's body", { ...credentials, grant_type: 0 }],
  ])("POST /GetTokens takes %s and answers camelCase without a refresh token", async (_name, body) => {
    const answer = await getTokens(body);
    expect([answer.status, answer.body]).toEqual([200, { accessToken: expect.any(String), expiresIn: 3600 }]);
    const listing = await api.call("GET", "/v1/device_groups", { token: answer.body.accessToken });
    expect(listing.status).toBe(200);
  });

  test("tokenExpiresIn omit leaves expiresIn out", async () => {
    await api.control("PUT", "settings", { tokenExpiresIn: "omit" });
    const answer = await getTokens({ ...credentials, grant_type: "password" });
    await api.control("PUT", "settings", { tokenExpiresIn: "emit" });
    expect(answer.body).toEqual({ accessToken: expect.any(String) });
  });

  test.each([
    [
      "a wrong password",
      { ...credentials, password: "nope", grant_type: "password" },
      "invalid username or password",
    ],
    ["no password", { username: credentials.username }, 'POST /GetTokens needs { "username", "password" }'],
    [
      "another grant",
      { ...credentials, grant_type: "refresh_token" },
      'grant_type must be "password" (or grantType "PASSWORD", or 0) (got "refresh_token")',
    ],
    [
      "a non-boolean is_domain_user",
      { ...credentials, is_domain_user: "yes" },
      "invalid value for is_domain_user: must be true or false",
    ],
  ])(
    "POST /GetTokens refuses %s with 400 [assumed: as the cloud's sign-in]",
    async (_name, body, message) => {
      const answer = await getTokens(body);
      expect([answer.status, answer.body]).toEqual([400, grpcError(3, message)]);
    },
  );

  test("the cloud's /oauth/token is not there", async () => {
    const answer = await api.call("POST", "/oauth/token", {
      form: { grant_type: "password", ...credentials },
    });
    expect([answer.status, answer.body]).toEqual([404, grpcError(5, "no such endpoint: POST /oauth/token")]);
  });

  test("groups are created, renamed and moved on the same paths from the one origin", async () => {
    const token = (await getTokens({ ...credentials, grant_type: "password" })).body.accessToken;
    const a = await api.createGroup(token, { displayName: "On-Prem A", parentGroupUuid: ALL });
    const b = await api.createGroup(token, { displayName: "On-Prem B", parentGroupUuid: ALL });
    expect([a.status, b.status]).toEqual([200, 200]);
    const renamed = await api.call("POST", `/v1/groups/${a.body.group.uuid}:rename`, {
      token,
      json: { displayName: "On-Prem A2" },
    });
    const moved = await api.call("POST", `/v1/groups/${a.body.group.uuid}:move`, {
      token,
      json: { newParentUuid: b.body.group.uuid },
    });
    expect([renamed.status, moved.status, moved.body.group.parentGroupUuid]).toEqual([
      200,
      200,
      b.body.group.uuid,
    ]);
  });

  test.each([
    ["group delete", "DELETE", `/v1/groups/${ALL}`, undefined],
    ["the GPO/SCCM file", "POST", "/v1/gpo-sccm-files:generate", { sendAnonymousDiagnosticData: false }],
  ])("refuses %s as a path it lacks: 404 before authentication", async (_name, method, path, json) => {
    const answer = await api.call(method, path, json === undefined ? {} : { json });
    expect([answer.status, answer.body]).toEqual([404, grpcError(5, `no such endpoint: ${method} ${path}`)]);
  });

  test("a missing Authorization header points to POST /GetTokens", async () => {
    const answer = await api.call("GET", "/v1/device_groups");
    expect(answer.body.message).toContain("from POST /GetTokens");
  });
});
