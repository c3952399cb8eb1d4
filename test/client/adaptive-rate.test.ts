import {
  AdaptiveRate,
  afterThrottle,
  DECREASE_HOLD_MS,
  GROWTH_CUBIC,
  GROWTH_LINEAR,
  measuredRate,
  MIN_RATE_PER_SECOND,
  NOT_LEARNED,
  pacingSlots,
  rateAt,
} from "../../provider/client/adaptive-rate";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { SchedulerClock } from "./fake-clock";

const learned = (rateAfterDecrease: number, lastDecreaseAt = 0): AdaptiveRate => ({
  rateAfterDecrease,
  lastDecreaseAt,
});
const grownFor = (rate: number, seconds: number) =>
  rate + GROWTH_LINEAR * seconds + GROWTH_CUBIC * seconds ** 3;

describe("afterThrottle", () => {
  const base = { limit: 10, callStartedAt: 5000, now: 5100, sent: 10, accepted: 10, random: () => 0.5 };
  const cases: Array<[string, AdaptiveRate, Partial<typeof base>, AdaptiveRate]> = [
    [
      "a first 429 to a process sending the whole limit: 72.5 % (random 0.5), less 30 % for its share",
      NOT_LEARNED,
      {},
      learned(10 * 0.725 * 0.7, 5100),
    ],
    ["the random factor spans 65 %…", NOT_LEARNED, { random: () => 0 }, learned(10 * 0.65 * 0.7, 5100)],
    ["…to 80 %", NOT_LEARNED, { random: () => 1 }, learned(10 * 0.8 * 0.7, 5100)],
    [
      "a process that sent less than its allowance learns from what it sent, with a smaller share penalty",
      NOT_LEARNED,
      { sent: 4 },
      learned(4 * 0.725 * (1 - 0.3 * 0.4), 5100),
    ],
    [
      "near a fair share of eight, the share penalty is small",
      learned(1.25, -60_000),
      { sent: 1.25, accepted: 1.25 },
      learned(1.25 * 0.725 * (1 - 0.3 * 0.125), 5100),
    ],
    [
      "never above what the server accepted in the last second (eight processes starting at once)",
      NOT_LEARNED,
      { accepted: 1 },
      learned(1, 5100),
    ],
    [
      "a learned rate (grown since the decrease) is lowered again for a call sent after the hold",
      learned(5, 5000 - DECREASE_HOLD_MS),
      {},
      learned(grownFor(5, 0.6) * 0.725 * (1 - (0.3 * grownFor(5, 0.6)) / 10), 5100),
    ],
    [
      "429s within a server window of the last decrease are not counted again",
      learned(5, 5100 - DECREASE_HOLD_MS + 1),
      {},
      learned(5, 5100 - DECREASE_HOLD_MS + 1),
    ],
    ["never below the floor", learned(0.6, 0), { sent: 0, accepted: 0 }, learned(MIN_RATE_PER_SECOND, 5100)],
  ];
  it.each(cases)("%s", (_name, state, input, expected) => {
    const next = afterThrottle(state, { ...base, ...input });
    expect(next.lastDecreaseAt).toBe(expected.lastDecreaseAt);
    expect(next.rateAfterDecrease).toBeCloseTo(expected.rateAfterDecrease as number, 9);
  });
});

describe("rateAt: growth without 429s", () => {
  const cases: Array<[string, AdaptiveRate, number, number]> = [
    ["nothing learned: the configured limit", NOT_LEARNED, 0, 10],
    ["right after a decrease: the lowered rate", learned(1.25), 0, 1.25],
    ["slow growth near the old rate while processes compete (5 s)", learned(1.25), 5000, 1.25 + 0.05 + 0.25],
    ["faster once nobody throttles (12 s)", learned(1.25), 12_000, 1.25 + 0.12 + 3.456],
    ["back at the limit after about 16 s", learned(1.25), 16_500, 10],
  ];
  it.each(cases)("%s", (_name, state, now, expected) => {
    expect(rateAt(state, 10, now)).toBeCloseTo(expected, 9);
  });
});

describe("pacingSlots and measuredRate", () => {
  const cases: Array<[string, AdaptiveRate, number, ReturnType<typeof pacingSlots>]> = [
    ["no pacing while nothing is learned", NOT_LEARNED, 10, undefined],
    ["2/s: two slots, each once per 1050 ms", learned(2), 10, { count: 2, cooldownMs: 1050 }],
    ["2.6/s: the nearest whole number of slots, three", learned(2.6), 10, { count: 3, cooldownMs: 1050 }],
    ["1.3/s: one slot", learned(1.3), 10, { count: 1, cooldownMs: 1050 }],
    ["below one call per period: one slot every 1/rate", learned(0.5), 10, { count: 1, cooldownMs: 2000 }],
    ["no pacing when the configured limit is below the learned rate", learned(5), 4, undefined],
  ];
  it.each(cases)("%s", (_name, state, limit, expected) => {
    expect(pacingSlots(state, limit, 0, 1050)).toEqual(expected);
  });
  it("measuredRate counts the times of the last second", () => {
    expect(measuredRate([0, 500, 1700, 1800, 2500], 2600)).toBe(3);
    expect(measuredRate([], 0)).toBe(0);
  });
});

describe("SlidingWindowLimiter learning from 429s", () => {
  /** Runs `n` calls through the limiter; `throttled(i)` says which answers are 429s. */
  async function run(n: number, throttled: (i: number) => boolean) {
    const clock = new SchedulerClock();
    const limiter = new SlidingWindowLimiter(clock, undefined, undefined, () => 0.5);
    const starts: number[] = [];
    for (let i = 0; i < n; i++) {
      const permit = await limiter.acquire(10);
      starts.push(clock.now());
      await clock.sleep(5);
      permit.release(throttled(i) ? "throttled" : "answered");
    }
    return { starts, limiter };
  }

  it("keeps the full window speed when no call is throttled", async () => {
    const { starts, limiter } = await run(30, () => false);
    // 10 calls per 1050 ms window (each counted until 1000 ms + margin after its answer).
    expect(starts.filter((t) => t < 1000).length).toBe(10);
    expect(limiter.rateUnder(10)).toBe(10);
  });

  it("at a learned rate of about one call per second, one slot: starts at least 1050 ms apart, never 1/rate", async () => {
    // Call 1 is throttled: 2 sent and 1 accepted in the last second, so the rate drops to the
    // 1/s accepted. One call every 1/rate would start them 1000 ms apart, two of them then able to
    // fall into one server window with a call of another process; one slot keeps each to 1050 ms.
    const { starts } = await run(8, (i) => i === 1);
    const gaps = starts.slice(2).map((t, i) => t - starts[i + 1]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1050);
  });

  it("after a 429 starts calls in slots at the learned rate, then speeds up again without 429s", async () => {
    // Call 5 is throttled: 6 sent and 5 accepted in the last second, so the rate drops to 3.57/s
    // (random 0.5: 72.5 % of 6, less 30 % × 6/10 for the share): four slots of 1050 ms.
    const { starts, limiter } = await run(60, (i) => i === 5);
    const after = starts.slice(6, 20);
    // The slots start one after the other (a quarter period apart), not in a burst…
    const gaps = after.slice(0, 4).map((t, i) => t - (i === 0 ? starts[5] : after[i - 1]));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
    // …and each is used at most once per 1050 ms: never more than four starts in one period.
    for (const t of after) expect(after.filter((u) => u >= t && u < t + 1050).length).toBeLessThanOrEqual(4);
    const late = starts.slice(-10);
    expect(late[9] - late[0]).toBeLessThan(after[9] - after[0]);
    expect(limiter.rateUnder(10)).toBeGreaterThan(3.57);
  });
});
