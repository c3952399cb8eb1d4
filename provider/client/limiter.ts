/**
 * Rate limiting: a sliding window, because ESET counts the calls that arrive in any 1000 ms (a
 * bucket that allows a burst of 10 and then refills would let 20 calls into one server window).
 *
 * The server counts arrival times, which the client cannot see: a call arrives somewhere between
 * the moment it is sent and the moment its answer comes back (a new TLS connection can take
 * hundreds of ms, a warm one a few). So each call counts in the window until 1000 ms after its
 * answer came, or after `ARRIVAL_BOUND_MS` if it takes longer (a call held 30 s by the server
 * has long arrived; it must not hold its slot for 31 s). A new call starts only while fewer than
 * `limit` calls may still be in the server's window. Waiting callers are served in arrival order.
 *
 * On top of the window, the limiter learns the rate the account actually gives this process
 * (adaptive-rate.ts): 429s lower it, successes raise it back, and below the configured limit call
 * starts are paced at the learned rate, in whole slots (`pacingSlots`).
 */
import {
  AdaptiveRate,
  afterThrottle,
  MEASURE_WINDOW_MS,
  measuredRate,
  NOT_LEARNED,
  PACING_SPREAD,
  pacingSlots,
  type PacingSlots,
  rateAt,
} from "./adaptive-rate";
import { Clock, realClock } from "./clock";
import { Send } from "./http";
import { processWide } from "../../shared/process-wide";

/** The server window. */
export const RATE_WINDOW_MS = 1000;
/**
 * Added to the window on our side, for timer and clock granularity (a timer may fire a
 * millisecond early; both sides round to whole ms) and clock steps between the two machines.
 */
export const RATE_SAFETY_MARGIN_MS = 50;
/** Longest time assumed between sending a call and its arrival at the server. */
export const ARRIVAL_BOUND_MS = 2000;

/** A call the limiter let through: when it started and, once known, when its answer came. */
export interface CallRecord {
  start: number;
  end?: number;
}

/** The latest time the server can have received the call. */
export function latestArrival(call: CallRecord, arrivalBoundMs: number = ARRIVAL_BOUND_MS): number {
  return Math.min(call.end ?? Infinity, call.start + arrivalBoundMs);
}

/**
 * The earliest time at or after `now` at which one more call may start, if no running call
 * answers before then (an answer can only make it sooner).
 */
export function nextStartTime(
  calls: readonly CallRecord[],
  now: number,
  limit: number,
  windowMs: number = RATE_WINDOW_MS + RATE_SAFETY_MARGIN_MS,
  arrivalBoundMs: number = ARRIVAL_BOUND_MS,
): number {
  const inWindow = calls
    .map((c) => latestArrival(c, arrivalBoundMs))
    .filter((t) => t > now - windowMs)
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return now;
  return Math.max(now, inWindow[inWindow.length - limit] + windowMs);
}

/** What the answer to a call says about the rate: a 429, another answer, or none (no answer came). */
export type CallVerdict = "throttled" | "answered" | "no-answer";

/** Permission to send one call; `release()` when its answer (or failure) came. */
export interface RatePermit {
  /** Milliseconds the caller waited for this permit. */
  waitedMs: number;
  /** `verdict` teaches the adaptive rate; older copies of this module call it without one. */
  release(verdict?: CallVerdict): void;
}

/** Minimal shape kept on globalThis, so that another copy of this module can use the same one. */
export interface RateLimiter {
  /** Waits until a call may start under `limit` calls per second. */
  acquire(limit: number): Promise<RatePermit>;
  /** The rate in force under `limit`: lower than it after 429s. Optional for older copies. */
  rateUnder?(limit: number): number;
}

interface Waiter {
  limit: number;
  since: number;
  admit: (permit: RatePermit) => void;
}

export class SlidingWindowLimiter implements RateLimiter {
  private calls: CallRecord[] = [];
  private readonly queue: Waiter[] = [];
  private timerAt?: number;
  private adaptive: AdaptiveRate = NOT_LEARNED;
  /** Start times within MEASURE_WINDOW_MS, for the rate actually sent. */
  private starts: number[] = [];
  /** Times of answers other than 429 within MEASURE_WINDOW_MS, for the rate the server accepted. */
  private accepted: number[] = [];
  /** Below the configured limit: when each pacing slot may start its next call. */
  private slots: number[] = [];

  constructor(
    private readonly clock: Clock = realClock,
    private readonly windowMs: number = RATE_WINDOW_MS + RATE_SAFETY_MARGIN_MS,
    private readonly arrivalBoundMs: number = ARRIVAL_BOUND_MS,
    private readonly random: () => number = Math.random,
  ) {}

  rateUnder(limit: number): number {
    return rateAt(this.adaptive, limit, this.clock.now());
  }

  acquire(limit: number): Promise<RatePermit> {
    return new Promise((admit) => {
      this.queue.push({ limit, since: this.clock.now(), admit });
      this.pump();
    });
  }

  /** Admits waiters in order while the window has room; otherwise wakes up when it will. */
  private pump(): void {
    const now = this.clock.now();
    this.calls = this.calls.filter((c) => latestArrival(c, this.arrivalBoundMs) > now - this.windowMs);
    while (this.queue.length > 0) {
      const head = this.queue[0];
      const windowAt = nextStartTime(this.calls, now, head.limit, this.windowMs, this.arrivalBoundMs);
      const pacing = pacingSlots(this.adaptive, head.limit, now, this.windowMs);
      if (pacing) this.fitSlots(pacing, now);
      else this.slots = [];
      const slot = this.earliestSlot();
      const at = Math.max(windowAt, slot === undefined ? -Infinity : this.slots[slot]);
      if (at > now) {
        this.wakeAt(at, now);
        return;
      }
      this.queue.shift();
      const call: CallRecord = { start: now };
      this.calls.push(call);
      this.starts = this.starts.filter((t) => t > now - MEASURE_WINDOW_MS);
      this.starts.push(now);
      if (pacing && slot !== undefined) this.slots[slot] = now + pacing.cooldownMs;
      const limit = head.limit;
      head.admit({
        waitedMs: now - head.since,
        release: (verdict) => {
          if (call.end !== undefined) return;
          call.end = this.clock.now();
          this.learn(verdict, call.start, limit);
          // An early answer may free a slot sooner than the timer expects.
          if (this.queue.length > 0) this.pump();
        },
      });
    }
  }

  private learn(verdict: CallVerdict | undefined, callStartedAt: number, limit: number): void {
    const now = this.clock.now();
    if (verdict === "answered") {
      this.accepted = this.accepted.filter((t) => t > now - MEASURE_WINDOW_MS);
      this.accepted.push(now);
    }
    if (verdict !== "throttled") return;
    const before = this.adaptive;
    this.adaptive = afterThrottle(before, {
      limit,
      callStartedAt,
      now,
      sent: measuredRate(this.starts, now),
      accepted: measuredRate(this.accepted, now),
      random: this.random,
    });
    // A lowered rate holds back the next starts at once, one slot after the other.
    if (this.adaptive !== before) {
      const pacing = pacingSlots(this.adaptive, limit, now, this.windowMs);
      if (!pacing) return;
      this.fitSlots(pacing, now);
      const gap = pacing.cooldownMs / pacing.count;
      this.slots.sort((a, b) => a - b);
      this.slots = this.slots.map((readyAt, i) => Math.max(readyAt, now + gap * (i + 1) * this.spread()));
    }
  }

  /** 1 ± PACING_SPREAD, at random. */
  private spread(): number {
    return 1 - PACING_SPREAD + 2 * PACING_SPREAD * this.random();
  }

  /** Keeps `pacing.count` slots: new ones start at a random phase, surplus ones (ready last) go. */
  private fitSlots(pacing: PacingSlots, now: number): void {
    if (this.slots.length > pacing.count)
      this.slots = this.slots.sort((a, b) => a - b).slice(0, pacing.count);
    while (this.slots.length < pacing.count) {
      this.slots.push(now + (pacing.cooldownMs / pacing.count) * this.random());
    }
  }

  /** The index of the slot ready first, if any. */
  private earliestSlot(): number | undefined {
    let best: number | undefined;
    this.slots.forEach((readyAt, i) => {
      if (best === undefined || readyAt < this.slots[best]) best = i;
    });
    return best;
  }

  private wakeAt(at: number, now: number): void {
    if (this.timerAt !== undefined && this.timerAt <= at) return;
    this.timerAt = at;
    void this.clock.sleep(at - now).then(() => {
      if (this.timerAt === at) this.timerAt = undefined;
      this.pump();
    });
  }
}

/**
 * The process-wide limiter for one ESET deployment (keyed by its auth base URL). Every client of
 * the process, from any copy of this module, shares it: ESET counts per credentials, account and
 * source IP, so two clients must not each spend the whole budget.
 */
export function processRateLimiter(deploymentKey: string): RateLimiter {
  const registry = processWide("rateLimiters.v1", () => new Map<string, RateLimiter>());
  let limiter = registry.get(deploymentKey);
  if (!limiter) {
    limiter = new SlidingWindowLimiter();
    registry.set(deploymentKey, limiter);
  }
  return limiter;
}

/** Wraps a send so that every exchange (retries and polls included) waits its turn. */
export function rateLimited(send: Send, limiter: RateLimiter, limit: number): Send {
  return async (request, context) => {
    const permit = await limiter.acquire(limit);
    let verdict: CallVerdict = "no-answer";
    try {
      const response = await send(request, { ...context, limiterWaitMs: permit.waitedMs });
      verdict = response.status === 429 ? "throttled" : "answered";
      return response;
    } finally {
      permit.release(verdict);
    }
  };
}
