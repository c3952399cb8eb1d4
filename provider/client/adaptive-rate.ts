/**
 * Pure rules of the adaptive rate: what this process learns about the rate the account gives it.
 * ESET counts calls per account, and other processes (CI jobs on other runners) spend the same
 * 10 calls/s without this process seeing them: their calls show up only as 429s. So:
 *
 * - the rate starts at the configured limit: one stack alone never sees a 429 and keeps its speed;
 * - a 429 lowers it to a random 65–80 % of what this process actually sent lately (the random
 *   factor keeps processes throttled together apart), less again the larger the share of the
 *   limit it sent (`SHARE_PENALTY`: a 429 proves that others spend the same budget, so a process
 *   sending most of it is far above its fair share and falls further), and never above what the
 *   server accepted from it in the last second (after eight processes start at once, that is
 *   near a fair share at once, instead of after six halvings);
 * - after a decrease, 429s are ignored for half a server window (`DECREASE_HOLD_MS`): they answer
 *   calls sent at the old rate;
 * - every second without a 429 raises it, slowly at first and then faster (CUBIC's shape, as
 *   AWS's `@smithy/util-retry` DefaultRateLimiter: `GROWTH_LINEAR` per second plus
 *   `GROWTH_CUBIC` × t³): processes that compete probe gently, one left alone after the others
 *   finished is back at full speed within about 16 s;
 * - below the configured limit, calls start in whole slots (`pacingSlots`), each used at most once
 *   per window;
 * - back at the configured limit, nothing is learned any more: the plain sliding window applies.
 *
 * Smithy's constants (β 0.7, C 0.4) regain the old rate within a second, tuned for limits of
 * hundreds of calls: eight processes sharing 10 calls/s would then each probe every few seconds
 * and a third of all calls would be answered 429. The constants here were chosen on the stacks
 * simulation (tools/bench/stacks-simulation.ts); what each choice gained, and the variants tried
 * and dropped, are in docs/benchmarks-stacks.md.
 */

/** Lowest rate the limiter falls to, in calls per second. */
export const MIN_RATE_PER_SECOND = 0.5;
/** A 429 multiplies the rate sent lately by a random factor in this range. */
export const DECREASE_FACTOR = { min: 0.65, max: 0.8 } as const;
/** The factor is lowered further by this × (rate sent ÷ limit). */
export const SHARE_PENALTY = 0.3;
/** After a decrease, 429s to calls started within this long are not counted. */
export const DECREASE_HOLD_MS = 500;
/** Growth after a decrease: calls/s gained per second without a 429… */
export const GROWTH_LINEAR = 0.01;
/** …plus this × (seconds since the decrease)³. */
export const GROWTH_CUBIC = 0.002;
/** How far back the rates sent and accepted are measured (the server's window). */
export const MEASURE_WINDOW_MS = 1000;

/** What the process has learned. `rateAfterDecrease` undefined: nothing, the configured limit applies. */
export interface AdaptiveRate {
  rateAfterDecrease?: number;
  lastDecreaseAt: number;
}

export const NOT_LEARNED: AdaptiveRate = { lastDecreaseAt: -Infinity };

/** The rate in force at `now` under the configured `limit`. */
export function rateAt(state: AdaptiveRate, limit: number, now: number): number {
  if (state.rateAfterDecrease === undefined) return limit;
  const t = Math.max(0, now - state.lastDecreaseAt) / 1000;
  return Math.min(limit, state.rateAfterDecrease + GROWTH_LINEAR * t + GROWTH_CUBIC * t ** 3);
}

/** Calls per second among `times` (starts or answers) in the `MEASURE_WINDOW_MS` before `now`. */
export function measuredRate(times: readonly number[], now: number): number {
  const recent = times.filter((t) => t > now - MEASURE_WINDOW_MS && t <= now).length;
  return (recent * 1000) / MEASURE_WINDOW_MS;
}

export interface ThrottleInput {
  limit: number;
  /** When the throttled call started. */
  callStartedAt: number;
  now: number;
  /** Calls per second this process sent lately (measuredRate of its starts). */
  sent: number;
  /** Calls per second the server answered with something other than 429 lately. */
  accepted: number;
  /** Random source in [0, 1). */
  random: () => number;
}

/** After a 429: the lowered rate, or the same state while the last decrease holds. */
export function afterThrottle(state: AdaptiveRate, input: ThrottleInput): AdaptiveRate {
  if (input.callStartedAt < state.lastDecreaseAt + DECREASE_HOLD_MS) return state;
  // A process that sent less than its allowance learns from what it sent.
  const base = Math.min(rateAt(state, input.limit, input.now), Math.max(input.sent, MIN_RATE_PER_SECOND));
  const random = DECREASE_FACTOR.min + (DECREASE_FACTOR.max - DECREASE_FACTOR.min) * input.random();
  const factor = random * (1 - SHARE_PENALTY * Math.min(1, base / input.limit));
  const rate = Math.max(MIN_RATE_PER_SECOND, Math.min(base * factor, input.accepted));
  return { rateAfterDecrease: rate, lastDecreaseAt: input.now };
}

/**
 * Slots are staggered by this much either way: new slots start at a random phase, and after a
 * decrease the slots left start one after the other, each gap spread by ±5 %, so processes
 * throttled together do not come back in step.
 */
export const PACING_SPREAD = 0.05;

/** Below the configured limit: calls start in `count` slots, each used at most once per `cooldownMs`. */
export interface PacingSlots {
  count: number;
  cooldownMs: number;
}

/**
 * How calls are paced at the learned rate, or undefined at the configured limit (the sliding
 * window alone keeps to it). At a rate of at least one call per `periodMs` (the limiter's own
 * window, 1050 ms), the process holds a whole number of slots, each used at most once per
 * period, the number nearest the rate allows; below that, one slot used every 1/rate.
 *
 * Whole slots, rather than one call every 1/rate: a slot used at most once per period puts at
 * most one call into any server window of 1000 ms, so processes holding 10 slots together never
 * exceed 10 in any window, however their calls fall (while the time a call takes to reach the
 * server varies by less than the period's margin over 1000 ms). Calls evenly spaced at a fair 1.25/s each
 * put one or two into a window, and eight such processes bunch up past 10 now and then. What slots
 * gained and cost, per way ESET may count: docs/benchmarks-stacks.md.
 */
export function pacingSlots(
  state: AdaptiveRate,
  limit: number,
  now: number,
  periodMs: number,
): PacingSlots | undefined {
  const rate = rateAt(state, limit, now);
  if (rate >= limit) return undefined;
  const perPeriod = (rate * periodMs) / 1000;
  if (perPeriod < 1) return { count: 1, cooldownMs: 1000 / rate };
  return { count: Math.round(perPeriod), cooldownMs: periodMs };
}
