import { inspect } from "node:util";
import { EsetConnectClient } from "../../provider/client/client";
import { isConfigError } from "../../provider/client/errors";
import { sharedClient } from "../../provider/client/shared-client";

const config = { region: "eu" as const, username: "api@example.com", password: "shared-secret-1" };

describe("sharedClient", () => {
  it("gives one client per distinct configuration", () => {
    const a = sharedClient(config);
    expect(a).toBeInstanceOf(EsetConnectClient);
    expect(sharedClient({ ...config })).toBe(a);
    expect(sharedClient({ ...config, rateLimitPerSecond: 10 })).toBe(a); // the default, spelt out
    expect(sharedClient({ ...config, password: "other" })).not.toBe(a);
    expect(sharedClient({ ...config, region: "de" })).not.toBe(a);
  });

  it("validates the configuration first", () => {
    let error: unknown;
    try {
      sharedClient({ ...config, region: "xx" as never });
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
  });

  it("keeps the password out of the client's visible state", () => {
    const client = sharedClient(config);
    expect(client.config).toEqual({
      region: "eu",
      username: "api@example.com",
      rateLimitPerSecond: 10,
      requestTimeoutMs: 60_000,
      pendingDeadlineMs: 180_000,
      maxRetries: 8,
      rateLimitRetryBudgetMs: 180000,
      connectionRetryBudgetMs: 15000,
      adoptEmptyGroupsOnCreate: false,
    });
    expect(JSON.stringify(client)).not.toContain("shared-secret-1");
    expect(inspect(client, { showHidden: true, depth: Infinity })).not.toContain("shared-secret-1");
  });
});
