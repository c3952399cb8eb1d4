import type { RunningEmulator } from "../../../../emulator";
import { Api, grpcError, startForTest } from "../api";

// The body of ESET PROTECT On-Prem's POST /GetTokens, played by the switch onPremSignIn
// (emulator/http/routes/get-tokens-body.ts):
// - "eset-doc": { username, password, grant_type: 0 } [doc: help.eset.com
//   protect_admin/13.0/en-US/using_api.html, step 4];
// - "grant-type-text": { username, password, grant_type: "password" } [seen: maciekaz/ESET-MCP
//   eset_mcp/auth.py];
// - "grant-type-camel": { username, password, is_domain_user, grantType: "PASSWORD" } [seen:
//   Fenrindale/eset-protect-mcp src/eset-client.ts];
// - "any" (the default): every one of them.
// A strict server answers the other shapes 400 (code 3, naming the field) before it checks the
// password [assumed: gRPC-gateway's decoder], and a wrong password as before.

let emulator: RunningEmulator;
let api: Api;
beforeAll(async () => ({ emulator, api } = await startForTest()));
afterAll(() => emulator.close());

const credentials = { username: "demo@example.com", password: "demo-password" };
const shapes = {
  "eset-doc": { ...credentials, grant_type: 0 },
  "grant-type-text": { ...credentials, grant_type: "password" },
  "grant-type-camel": { ...credentials, is_domain_user: false, grantType: "PASSWORD" },
} as const;
type Shape = keyof typeof shapes;
const getTokens = (json: unknown) => api.call("POST", "/GetTokens", { json });
const play = (onPremSignIn: string) =>
  api.control("PUT", "settings", { deployment: "on-prem", onPremSignIn });

describe.each(Object.keys(shapes) as Shape[])("onPremSignIn %s", (mode) => {
  beforeAll(() => play(mode));

  test("takes its own body and answers a token", async () => {
    const answer = await getTokens(shapes[mode]);
    expect([answer.status, answer.body]).toEqual([200, { accessToken: expect.any(String), expiresIn: 3600 }]);
  });

  test.each((Object.keys(shapes) as Shape[]).filter((other) => other !== mode))(
    "answers the %s body 400 as not understood, naming the field, whatever the password",
    async (other) => {
      for (const password of [credentials.password, "wrong"]) {
        const answer = await getTokens({ ...shapes[other], password });
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual(
          grpcError(3, expect.stringMatching(/^(unknown field|invalid value for)/)),
        );
        expect(answer.body.message).toMatch(/grant_type|grantType/);
      }
    },
  );

  test("answers a wrong password in its own body as the bad credentials they are", async () => {
    const answer = await getTokens({ ...shapes[mode], password: "wrong" });
    expect([answer.status, answer.body]).toEqual([400, grpcError(3, "invalid username or password")]);
  });

  test("takes is_domain_user (Active Directory users) in its body", async () => {
    const answer = await getTokens({ ...shapes[mode], is_domain_user: true });
    expect(answer.status).toBe(200);
  });
});

describe("onPremSignIn any (the default)", () => {
  beforeAll(() => play("any"));

  test.each(Object.keys(shapes) as Shape[])("takes the %s body", async (shape) => {
    expect((await getTokens(shapes[shape])).status).toBe(200);
  });

  test("is refused as a setting outside its values", async () => {
    const answer = await api.control("PUT", "settings", { onPremSignIn: "form" });
    expect(answer.status).toBe(400);
  });
});
