import { clientConfigFromEnv, parseClientConfig } from "../../provider/client/config";
import { ConfigError, isConfigError } from "../../provider/client/errors";

const valid = { region: "eu", username: "api@example.com", password: "s3cret-pass" };

function messageOf(input: unknown): string {
  try {
    parseClientConfig(input);
  } catch (e) {
    expect(isConfigError(e)).toBe(true);
    return (e as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseClientConfig", () => {
  it("applies the documented defaults", () => {
    expect(parseClientConfig(valid)).toEqual({
      region: "eu",
      username: "api@example.com",
      password: "s3cret-pass",
      rateLimitPerSecond: 10,
      requestTimeoutMs: 60_000,
      pendingDeadlineMs: 180_000,
      maxRetries: 8,
      rateLimitRetryBudgetMs: 180000,
      connectionRetryBudgetMs: 15000,
      adoptEmptyGroupsOnCreate: false,
    });
  });

  it("accepts an endpoint or four host overrides instead of a region", () => {
    expect(parseClientConfig({ ...valid, region: undefined, endpoint: "http://127.0.0.1:9" }).endpoint).toBe(
      "http://127.0.0.1:9",
    );
    const hosts = {
      auth: "https://a.example",
      assetManagement: "https://b.example",
      deviceManagement: "https://c.example",
      installerManagement: "https://d.example",
    };
    expect(parseClientConfig({ ...valid, region: undefined, hosts }).hosts).toEqual(hosts);
  });

  const cases: Array<[string, unknown, string]> = [
    [
      "a wrong region lists the valid ones",
      { ...valid, region: "eu-west" },
      'region: "eu-west" is not an ESET region; use one of eu, de, us, ca, jpn (stack config eset:region or env ESET_CONNECT_REGION)',
    ],
    [
      "a missing username names the config key and the env var",
      { region: "eu", password: "x" },
      "username: missing; set stack config eset:username or env ESET_CONNECT_USERNAME",
    ],
    [
      "a missing password names the config key and the env var",
      { region: "eu", username: "u" },
      "password: missing; set stack config eset:password (a secret) or env ESET_CONNECT_PASSWORD",
    ],
    [
      "an empty password is refused without echoing anything",
      { ...valid, password: "" },
      "password: must not be empty; set stack config eset:password (a secret) or env ESET_CONNECT_PASSWORD",
    ],
    [
      "no address at all names region and endpoint",
      { username: "u", password: "p" },
      "region: missing; set stack config eset:region or env ESET_CONNECT_REGION (one of eu, de, us, ca, jpn), or an endpoint (stack config eset:endpoint or env ESET_CONNECT_ENDPOINT)",
    ],
    [
      "a malformed endpoint",
      { ...valid, endpoint: "localhost:8080" },
      "endpoint: must be an http(s) URL such as https://eu.asset-management.eset.systems (stack config eset:endpoint or env ESET_CONNECT_ENDPOINT)",
    ],
    [
      "an unknown host override service",
      { ...valid, hosts: { assets: "https://x.example" } },
      "hosts.assets: unknown setting; known settings are auth, assetManagement, deviceManagement, installerManagement, policyManagement",
    ],
    ["a misspelt setting", { ...valid, pasword: "x" }, "pasword: unknown setting; known settings are region"],
    ["a rate limit of zero", { ...valid, rateLimitPerSecond: 0 }, "rateLimitPerSecond: must be at least 1"],
    [
      "a fractional retry count",
      { ...valid, maxRetries: 1.5 },
      "maxRetries: must be a whole number from 0 to 50",
    ],
    [
      "a timeout given as text",
      { ...valid, requestTimeoutMs: "5000" },
      "requestTimeoutMs: must be a whole number from 1000 to 600000",
    ],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(messageOf(input)).toContain(expected);
  });

  it("lists every problem at once and never shows the password", () => {
    const message = messageOf({ region: "mars", username: "", password: "hunter2-password", maxRetries: -1 });
    expect(message.split("\n")).toEqual([
      "Invalid ESET Connect configuration:",
      '  - region: "mars" is not an ESET region; use one of eu, de, us, ca, jpn (stack config eset:region or env ESET_CONNECT_REGION)',
      "  - username: must not be empty; set stack config eset:username or env ESET_CONNECT_USERNAME",
      "  - maxRetries: must be at least 0",
    ]);
    expect(message).not.toContain("hunter2");
  });

  it("refuses something that is not an object", () => {
    expect(messageOf("eu")).toBe(
      "Invalid ESET Connect configuration:\n  - (configuration): must be an object",
    );
  });
});

describe("clientConfigFromEnv", () => {
  it("reads the four variables and skips empty ones", () => {
    expect(
      clientConfigFromEnv({
        ESET_CONNECT_REGION: " de ",
        ESET_CONNECT_USERNAME: "api@example.com",
        ESET_CONNECT_PASSWORD: "pw",
        ESET_CONNECT_ENDPOINT: "",
        OTHER: "x",
      }),
    ).toEqual({ region: "de", username: "api@example.com", password: "pw" });
  });

  it("gives values that parseClientConfig validates", () => {
    const fromEnv = clientConfigFromEnv({
      ESET_CONNECT_REGION: "xx",
      ESET_CONNECT_USERNAME: "u",
      ESET_CONNECT_PASSWORD: "p",
    });
    expect(messageOf(fromEnv)).toContain('region: "xx" is not an ESET region');
  });
});

describe("issue 12 settings", () => {
  const base = { region: "eu" as const, username: "api@example.com", password: "pw-123456" };
  it("adoptEmptyGroupsOnCreate accepts true/false as the stack config's text holds it", () => {
    expect(parseClientConfig({ ...base, adoptEmptyGroupsOnCreate: "true" }).adoptEmptyGroupsOnCreate).toBe(
      true,
    );
    expect(parseClientConfig({ ...base, adoptEmptyGroupsOnCreate: false }).adoptEmptyGroupsOnCreate).toBe(
      false,
    );
    expect(() => parseClientConfig({ ...base, adoptEmptyGroupsOnCreate: "yes" })).toThrow(
      "adoptEmptyGroupsOnCreate: must be true or false (stack config eset:adoptEmptyGroupsOnCreate or env ESET_CONNECT_ADOPT_EMPTY_GROUPS_ON_CREATE)",
    );
  });
  it("reads the connection budget and the opt-in from the environment", () => {
    const env = {
      ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS: "5000",
      ESET_CONNECT_ADOPT_EMPTY_GROUPS_ON_CREATE: "true",
    };
    expect(parseClientConfig({ ...base, ...clientConfigFromEnv(env) })).toMatchObject({
      connectionRetryBudgetMs: 5000,
      adoptEmptyGroupsOnCreate: true,
    });
    expect(() =>
      parseClientConfig({
        ...base,
        ...clientConfigFromEnv({ ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS: "soon" }),
      }),
    ).toThrow(
      "connectionRetryBudgetMs: must be a whole number from 0 to 600000 (env ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS)",
    );
  });
});
