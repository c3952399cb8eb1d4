import { EsetConnectClient } from "../../provider/client/client";
import { isNetworkError } from "../../provider/client/errors";
import { TransportFailure } from "../../provider/client/http";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { formatRetryNotice, RetryNotice } from "../../provider/client/retry-notice";
import { FakeClock } from "./fake-clock";

describe("formatRetryNotice", () => {
  const refused = new TransportFailure(
    "ECONNREFUSED",
    "connect ECONNREFUSED",
    false,
    "http://127.0.0.1:9/v1/device_groups?pageSize=1000",
  );
  const cases: Array<[string, RetryNotice, string]> = [
    [
      "a refused connection: what, attempt k of n, budget left, next wait",
      {
        description: "listing device groups",
        result: refused,
        attempt: 2,
        maxAttempts: 9,
        budgetMs: 15_000,
        budgetLeftMs: 14_200,
        delayMs: 480,
      },
      "[eset-connect] listing device groups: the connection was refused (ECONNREFUSED, http://127.0.0.1:9); attempt 2 of 9 failed (retried for up to 15 s, 14 s left), next in 0.5 s",
    ],
    [
      "a 429: no count, the rate-limit budget instead, and the request-id",
      {
        description: 'creating group "Berlin" under "EMEA" (77a)',
        result: { status: 429, headers: {}, body: undefined, requestId: "9c2d" },
        attempt: 12,
        maxAttempts: 9,
        budgetMs: 180_000,
        budgetLeftMs: 171_000,
        delayMs: 2000,
      },
      '[eset-connect] creating group "Berlin" under "EMEA" (77a): 429 Too many requests, request-id 9c2d; attempt 12 failed (retried for up to 180 s, 171 s left), next in 2.0 s',
    ],
    [
      "a 503: attempt k of n, no time budget",
      {
        description: "deleting group 4f1",
        result: { status: 503, headers: {}, body: undefined },
        attempt: 1,
        maxAttempts: 9,
        delayMs: 250,
      },
      "[eset-connect] deleting group 4f1: 503 Service unavailable; attempt 1 of 9 failed, next in 0.3 s",
    ],
  ];
  it.each(cases)("%s", (_name, notice, line) => {
    expect(formatRetryNotice(notice)).toBe(line);
  });
});

describe("an API that is down", () => {
  /** A client whose transport always fails with `code`, on a fake clock; returns what it wrote. */
  async function against(code: string, config: Record<string, unknown> = {}) {
    const clock = new FakeClock();
    const notices: string[] = [];
    const client = new EsetConnectClient(
      { endpoint: "http://eset.invalid", username: "u@example.com", password: "down-pw-1", ...config },
      {
        now: clock.now,
        sleep: clock.sleep,
        limiter: new SlidingWindowLimiter(clock),
        notice: (line) => notices.push(line),
        wrapTransport: () => async (request) => {
          throw new TransportFailure(code, `${code} down-pw-1`, false, `http://eset.invalid${request.path}`);
        },
      },
    );
    const started = clock.now();
    const error = await client.listDeviceGroups().catch((e: unknown) => e);
    return { error, notices, elapsed: clock.now() - started };
  }

  it("a refused connection fails within the 15 s connection budget, one stderr line per retry", async () => {
    const { error, notices, elapsed } = await against("ECONNREFUSED");
    expect(isNetworkError(error)).toBe(true);
    expect(elapsed).toBeLessThanOrEqual(15_000);
    expect(notices.length).toBeGreaterThanOrEqual(4);
    notices.forEach((line, i) =>
      expect(line).toMatch(
        new RegExp(
          `^\\[eset-connect\\] signing in to ESET Connect as u@example.com: the connection was refused \\(ECONNREFUSED, http://eset.invalid\\); attempt ${i + 1} of 9 failed \\(retried for up to 15 s, \\d+(\\.\\d)? s left\\), next in \\d+\\.\\d s$`,
        ),
      ),
    );
    expect([...notices, String(error)].join("\n")).not.toContain("down-pw-1");
  });

  it("the connection budget is configurable", async () => {
    const { elapsed, notices } = await against("ECONNREFUSED", { connectionRetryBudgetMs: 2000 });
    expect(elapsed).toBeLessThanOrEqual(2000);
    expect(notices.length).toBeGreaterThan(0);
  });

  it("a host name that does not resolve fails at sign-in at once, without retries", async () => {
    const { error, notices, elapsed } = await against("ENOTFOUND");
    expect(isNetworkError(error)).toBe(true);
    expect(notices).toEqual([]);
    expect(elapsed).toBe(0);
    expect((error as Error).message).toMatch(
      /the host name does not resolve \(ENOTFOUND, http:\/\/eset.invalid\/oauth\/token\) after 0 retries; check the region, endpoint or host settings/,
    );
  });
});
