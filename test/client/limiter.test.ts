import {
  ARRIVAL_BOUND_MS,
  CallRecord,
  nextStartTime,
  processRateLimiter,
  RATE_SAFETY_MARGIN_MS,
  SlidingWindowLimiter,
} from "../../provider/client/limiter";
import { SchedulerClock } from "./fake-clock";

const W = 1000 + RATE_SAFETY_MARGIN_MS;

/** The largest number of calls inside any half-open window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("nextStartTime", () => {
  const done = (start: number, end: number): CallRecord => ({ start, end });
  const cases: Array<[string, CallRecord[], number, number, number]> = [
    ["starts at once when the window has room", [done(0, 10), done(100, 110)], 300, 3, 300],
    [
      "waits until the oldest of the last `limit` answers is a window old",
      [done(0, 10), done(100, 110)],
      300,
      2,
      10 + W,
    ],
    ["counts a running call as possibly just arrived", [{ start: 0 }], 500, 1, ARRIVAL_BOUND_MS + W],
    ["lets the answered call leave before the running one", [{ start: 0 }, done(5, 20)], 500, 2, 20 + W],
    ["forgets calls that answered more than a window ago", [done(0, 10), done(0, 20)], 20 + W, 2, 20 + W],
    ["bounds how long a slow call holds its slot", [done(0, 30_000)], 1000, 1, ARRIVAL_BOUND_MS + W],
    ["starts when nothing happened yet", [], 42, 1, 42],
  ];
  it.each(cases)("%s", (_name, calls, now, limit, expected) => {
    expect(nextStartTime(calls, now, limit)).toBe(expected);
  });
});

describe("SlidingWindowLimiter", () => {
  /** Runs `n` concurrent calls of `latencyMs` each; returns when they started and when they answered. */
  async function run(n: number, limit: number, latencyMs: number) {
    const clock = new SchedulerClock();
    const limiter = new SlidingWindowLimiter(clock);
    const starts: number[] = [];
    const ends: number[] = [];
    const waits: number[] = [];
    await Promise.all(
      Array.from({ length: n }, async () => {
        const permit = await limiter.acquire(limit);
        waits.push(permit.waitedMs);
        starts.push(clock.now());
        await clock.sleep(latencyMs);
        ends.push(clock.now());
        permit.release();
      }),
    );
    return { starts, ends, waits };
  }

  it("never lets more than the limit into any server window under 100 concurrent callers", async () => {
    const { starts, ends } = await run(100, 10, 0);
    expect(starts).toHaveLength(100);
    // Whatever a call's arrival between its start and its answer, no window holds more than 10.
    expect(busiestWindow(starts, W)).toBe(10);
    expect(busiestWindow(ends, W)).toBe(10);
    // No burst-then-refill: 10 per window means the 100th call starts after 9 full windows.
    expect(Math.max(...starts)).toBe(9 * W);
  });

  it("keeps a window between an answer and the call that takes its slot, whatever the latency", async () => {
    const { starts, ends } = await run(30, 10, 300);
    const sortedStarts = [...starts].sort((a, b) => a - b);
    const sortedEnds = [...ends].sort((a, b) => a - b);
    for (let i = 10; i < 30; i++) expect(sortedStarts[i] - sortedEnds[i - 10]).toBeGreaterThanOrEqual(W);
  });

  it("reports how long each caller waited", async () => {
    const { waits } = await run(3, 2, 0);
    expect(waits).toEqual([0, 0, W]);
  });

  it("lets a caller with a lower limit wait longer than one with a higher limit", async () => {
    const clock = new SchedulerClock();
    const limiter = new SlidingWindowLimiter(clock);
    (await limiter.acquire(10)).release();
    (await limiter.acquire(10)).release();
    expect((await limiter.acquire(10)).waitedMs).toBe(0);
    expect((await limiter.acquire(2)).waitedMs).toBe(W);
  });
});

describe("processRateLimiter", () => {
  it("is one limiter per deployment for the whole process, even across copies of the module", () => {
    const mine = processRateLimiter("https://eu.business-account.iam.eset.systems");
    let theirs: unknown;
    jest.isolateModules(() => {
      // A second copy of the module, as a second provider text loaded by the Pulumi host would be.
      const copy = require("../../provider/client/limiter") as typeof import("../../provider/client/limiter");
      expect(copy.processRateLimiter).not.toBe(processRateLimiter);
      theirs = copy.processRateLimiter("https://eu.business-account.iam.eset.systems");
    });
    expect(theirs).toBe(mine);
    expect(processRateLimiter("https://us.business-account.iam.eset.systems")).not.toBe(mine);
  });
});
