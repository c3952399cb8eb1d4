import {
  nextStartTime,
  processRateLimiter,
  RATE_SAFETY_MARGIN_MS,
  SlidingWindowLimiter,
} from "../../provider/client/limiter";
import { SchedulerClock } from "./fake-clock";

/** The largest number of starts inside any half-open window of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("nextStartTime", () => {
  const W = 1000;
  const cases: Array<[string, number[], number, number, number]> = [
    ["starts at once when the window has room", [0, 100, 200], 300, 10, 300],
    ["waits for the oldest of the last `limit` starts to leave", [0, 100, 200], 300, 3, 1000],
    ["counts reserved future starts", [0, 1000, 1000], 10, 2, 2000],
    ["keeps arrival order behind a reservation", [5000], 10, 10, 5000],
    ["starts when nothing happened yet", [], 42, 1, 42],
  ];
  it.each(cases)("%s", (_name, starts, now, limit, expected) => {
    expect(nextStartTime(starts, now, limit, W)).toBe(expected);
  });
});

describe("SlidingWindowLimiter", () => {
  it("never lets more than the limit start in any window, even under 100 concurrent callers", async () => {
    const clock = new SchedulerClock();
    const limiter = new SlidingWindowLimiter(clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        await limiter.acquire(10);
        starts.push(clock.now());
      }),
    );
    expect(starts).toHaveLength(100);
    expect(busiestWindow(starts, 1000 + RATE_SAFETY_MARGIN_MS)).toBe(10);
    // No burst-then-refill: 10 per window means the 100th call starts after 9 full windows.
    expect(Math.max(...starts)).toBe(9 * (1000 + RATE_SAFETY_MARGIN_MS));
  });

  it("reports how long each caller waited", async () => {
    const clock = new SchedulerClock();
    const limiter = new SlidingWindowLimiter(clock);
    const waits = await Promise.all([1, 2, 3].map(() => limiter.acquire(2)));
    expect(waits).toEqual([0, 0, 1000 + RATE_SAFETY_MARGIN_MS]);
  });

  it("lets a caller with a lower limit wait longer than one with a higher limit", async () => {
    const clock = new SchedulerClock();
    const limiter = new SlidingWindowLimiter(clock);
    await limiter.acquire(10);
    await limiter.acquire(10);
    expect(await limiter.acquire(2)).toBe(1000 + RATE_SAFETY_MARGIN_MS);
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
