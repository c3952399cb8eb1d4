/**
 * Rate limiting against the emulator, on an IdleClock (test/client/fake-clock.ts): the client's
 * clock and limiter and the emulator's clock read one time in which waiting costs nothing. One
 * test keeps real time (two or three seconds), the only proof of what a user runs: clients built
 * without options, from two copies of the module, sharing the process-wide limiter on real timers
 * (a timer may fire early; RATE_SAFETY_MARGIN_MS is there for it, and a skipped wait has none).
 */
import { EsetConnectClient } from "../../provider/client/client";
import { isRateLimitError } from "../../provider/client/errors";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { emulatorClock, harness } from "./harness";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

/** The largest number of accepted calls inside any 1000 ms window, by the emulator's arrival times. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("rate limit", () => {
  let users = 0;

  /**
   * Two clients, from two copies of the module, as two provider texts loaded by the Pulumi host,
   * for a user of their own (tokens are cached per process: each test's one sign-in is its own).
   */
  async function twoCopies(options: ConstructorParameters<typeof EsetConnectClient>[1] = {}) {
    const username = `rate-user-${++users}@example.com`;
    const password = `pw-${users}`;
    await emulator.seed({ tenants: [{ id: emulator.tenant, users: [{ username, password }] }] });
    const config = { endpoint: emulator.url, username, password };
    const first = new EsetConnectClient(config, options);
    let second: EsetConnectClient | undefined;
    jest.isolateModules(() => {
      const copy = require("../../provider/client/client") as typeof import("../../provider/client/client");
      expect(copy.EsetConnectClient).not.toBe(EsetConnectClient);
      second = new copy.EsetConnectClient(config, options);
    });
    return [first, second as EsetConnectClient];
  }

  async function expectUnderTheLimit(clients: EsetConnectClient[], calls: number): Promise<void> {
    const log = await emulator.requests();
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    expect(log.filter((r) => r.path === "/v1/device_groups")).toHaveLength(calls);
    const accepted = log.map((r) => Date.parse(r.time));
    expect(accepted).toHaveLength(calls + 1); // one sign-in, shared by both copies
    expect(busiestSecond(accepted)).toBeLessThanOrEqual(10);
    const waited = clients[0].metrics.limiterWaitMs + clients[1].metrics.limiterWaitMs;
    expect(waited).toBeGreaterThan(0);
  }

  it("keeps 100 concurrent calls from two copies of the module under 10 calls/s, with no 429", async () => {
    // The two copies share one limiter, as they share the process-wide one outside tests (that
    // they do: limiter.test.ts, "processRateLimiter"; on the real wire: the next test).
    const clock = emulatorClock(emulator);
    const clients = await twoCopies({
      limiter: new SlidingWindowLimiter(clock),
      now: clock.now,
      sleep: clock.sleep,
      wrapTransport: clock.tracked,
    });
    await Promise.all(Array.from({ length: 100 }, (_, i) => clients[i % 2].listDeviceGroups()));
    await expectUnderTheLimit(clients, 100);
  });

  it("keeps 30 concurrent calls from two copies under 10 calls/s in real time, through the process-wide limiter", async () => {
    // Each copy alone would send 10 in the first second: 20 arrivals unless they share one limiter.
    const clients = await twoCopies();
    await Promise.all(Array.from({ length: 30 }, (_, i) => clients[i % 2].listDeviceGroups()));
    await expectUnderTheLimit(clients, 30);
  }, 30_000);

  it("rides out a 429 storm, waiting at least each Retry-After", async () => {
    await emulator.settings({ rateLimit: { perSecond: 2, retryAfter: true } });
    // The client believes it may send 50/s: the server disagrees.
    const h = harness(emulator, { rateLimitPerSecond: 50, maxRetries: 30 });
    const results = await Promise.all(Array.from({ length: 20 }, () => h.client.listDeviceGroups()));
    expect(results.every((r) => r.length === 2)).toBe(true);
    const rejected = h.client.metrics.calls["429"];
    // How many: those sent before the first 429 was answered (18 at most); from then on the adaptive
    // limit paces the rest, so the count depends on the machine's speed (9 on a loaded CI run).
    expect(rejected).toBeGreaterThan(0);
    expect(h.client.metrics.retries).toBe(rejected);
    expect(h.sleeps).toHaveLength(rejected);
    expect(Math.min(...h.sleeps)).toBeGreaterThanOrEqual(1000);
  });

  it("backs off exponentially on 429s without Retry-After, at most 4 s (the limiter paces the rest)", async () => {
    await emulator.settings({ faults: { script: [{ kind: "429", count: 6, method: "GET" }] } });
    const h = harness(emulator, {}, { random: () => 0 });
    await h.client.listDeviceGroups();
    expect(h.sleeps).toEqual([125, 250, 500, 1000, 2000, 2000]);
  });

  it("retries 429s past maxRetries while the rate-limit budget lasts, one stderr line each", async () => {
    await emulator.settings({ faults: { script: [{ kind: "429", count: 12, method: "GET" }] } });
    const h = harness(emulator, { maxRetries: 3 });
    await h.client.listDeviceGroups();
    expect(h.client.metrics.calls["429"]).toBe(12);
    expect(h.notices).toHaveLength(12);
    expect(h.notices[11]).toMatch(
      /^\[eset-connect\] listing device groups: 429 Too many requests, request-id [0-9a-f-]{36}; attempt 12 failed \(retried for up to 180 s, \d+ s left\), next in \d\.\d s$/,
    );
  });

  it("gives up with a RateLimitError once the rate-limit budget is spent", async () => {
    await emulator.settings({ faults: { script: [{ kind: "429", count: 50, method: "GET" }] } });
    const h = harness(emulator, { rateLimitRetryBudgetMs: 10_000 });
    const error = await h.client.listDeviceGroups().catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, code: 8 });
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    expect((error as Error).message).toMatch(
      /^429 Too many requests while listing device groups: the rate limit was still exceeded after \d+ retries within the rate-limit budget \(rateLimitRetryBudgetMs\); other processes of this account may be using most of its calls: run fewer pipelines at once or raise the budget \(ESET: too many requests \(injected fault\)\) \(request-id [0-9a-f-]{36}\)$/,
    );
  });
});
