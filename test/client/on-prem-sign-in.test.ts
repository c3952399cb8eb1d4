/** The rules of On-Prem's sign-in body (provider/client/on-prem-sign-in.ts), without a server. */
import { TokenManager } from "../../provider/client/auth";
import { isAuthError } from "../../provider/client/errors";
import { ApiRequest, ApiResponse } from "../../provider/client/http";
import { newMetrics } from "../../provider/client/observe";
import { isBodyNotUnderstood } from "../../provider/client/on-prem-sign-in";

const answer = (status: number, message?: string): ApiResponse => ({
  status,
  headers: {},
  body: message === undefined ? undefined : { code: 3, message, details: [] },
});

describe("isBodyNotUnderstood: the only answer that moves to the next body", () => {
  test.each([
    [answer(400, 'unknown field "grantType" in the GetTokens body'), true],
    [answer(400, 'proto: (line 1:52): invalid value for enum field grant_type: "password"'), true],
    [answer(400, 'invalid value for grant_type: 0 (a text, "password")'), true],
    [answer(400, "json: cannot unmarshal number into Go struct field .grant_type of type string"), true],
    [answer(403, 'unknown field "grant_type"'), true],
    [answer(400, "invalid username or password"), false],
    [answer(400, "Login failed: the account is locked"), false],
    [answer(400, "grant_type accepted, but the credentials are wrong"), false],
    [answer(400, 'POST /GetTokens needs { "username", "password" }'), false],
    [answer(401, 'unknown field "grantType"'), false],
    [answer(429, 'unknown field "grantType"'), false],
    [answer(503, 'unknown field "grantType"'), false],
    [answer(400), false],
  ])("%j: %s", (response, expected) => {
    expect(isBodyNotUnderstood(response)).toBe(expected);
  });
});

describe("the sign-in loop", () => {
  let server = 0;
  function tokens(
    answers: ApiResponse[],
    origin = `https://protect-${++server}.example.com:9443`,
    password = "s3cret-pw",
  ) {
    const sent: ApiRequest[] = [];
    const metrics = newMetrics();
    const manager = new TokenManager({
      authBaseUrl: origin,
      onPrem: { domainUser: false },
      username: "api",
      password,
      now: () => 0,
      requestToken: async (request) => {
        sent.push(request);
        return { response: answers.shift() ?? answer(500, "no more answers"), retries: 0 };
      },
      metrics,
      secrets: () => ["s3cret-pw"],
    });
    return { manager, sent, metrics };
  }
  const grantsOf = (sent: ApiRequest[]) =>
    sent.map(
      (r) => (r.json as Record<string, unknown>).grant_type ?? (r.json as Record<string, unknown>).grantType,
    );

  test("when no body is understood, says so (not a password problem) after one try of each", async () => {
    const t = tokens([1, 2, 3].map(() => answer(400, 'unknown field "grant_type"')));
    const error = await t.manager.accessToken().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect((error as Error).message).toBe(
      '400 Bad request while signing in to ESET Connect as api: the server understood none of the sign-in bodies this client knows (grant_type 0, grantType "PASSWORD", grant_type "password"); check that eset:serverUrl is an ESET PROTECT On-Prem server with its REST API enabled, and report the server\'s version and this message (ESET: unknown field "grant_type")',
    );
    expect(grantsOf(t.sent)).toEqual([0, "PASSWORD", "password"]);
    expect(t.metrics.tokenRequests).toBe(3);
  });

  test.each([
    ["bad credentials", answer(400, "invalid username or password")],
    ["an answer the retry loop gave up on", answer(503, "unavailable")],
    ["a refusal of the account", answer(403, "the user has no API permission")],
  ])("stops at %s: one call, no other body tried", async (_name, response) => {
    const t = tokens([response]);
    await expect(t.manager.accessToken()).rejects.toMatchObject({ status: response.status });
    expect(t.sent).toHaveLength(1);
  });

  test("remembers the body per server; one no longer understood gives way to the others", async () => {
    const origin = "https://protect-remembered.example.com:9443";
    const signedIn = answer(200);
    signedIn.body = { accessToken: "token-1", expiresIn: 3600 };
    const first = tokens([answer(400, 'unknown field "grant_type"'), signedIn], origin);
    expect(await first.manager.accessToken()).toBe("token-1");
    expect(grantsOf(first.sent)).toEqual([0, "PASSWORD"]);

    const second = tokens([{ ...signedIn, body: { accessToken: "token-2" } }], origin, "other-pw");
    expect(await second.manager.accessToken()).toBe("token-2");
    expect(grantsOf(second.sent)).toEqual(["PASSWORD"]);

    const upgraded = tokens(
      [answer(400, 'unknown field "grantType"'), { ...signedIn, body: { accessToken: "token-3" } }],
      origin,
      "third-pw",
    );
    expect(await upgraded.manager.accessToken()).toBe("token-3");
    expect(grantsOf(upgraded.sent)).toEqual(["PASSWORD", 0]);
  });
});
