/**
 * Rate limiting: a sliding window, because ESET counts calls in any 1000 ms (a bucket that allows
 * a burst of 10 and then refills would put 20 calls inside one server window). Each call reserves
 * the earliest start time that keeps fewer than `limit` starts in the window, then sleeps until
 * then; reservations are handed out in arrival order, so waiting callers keep their turn.
 */
import { Send } from "./http";

/** The server window. */
export const RATE_WINDOW_MS = 1000;
/**
 * Added to the window on our side: a request starts here a little before it arrives there, and
 * arrival delays vary. 50 ms of margin costs 5% of throughput at 10 calls/s and absorbs that jitter.
 */
export const RATE_SAFETY_MARGIN_MS = 50;

/**
 * The earliest time at or after `now` at which one more call may start, given earlier start times
 * (sorted, oldest first; they may include reserved future starts).
 */
export function nextStartTime(
  starts: readonly number[],
  now: number,
  limit: number,
  windowMs: number,
): number {
  const last = starts.length > 0 ? starts[starts.length - 1] : -Infinity;
  // The call that would be `limit` calls back must have left the window.
  const blocker = starts.length >= limit ? starts[starts.length - limit] + windowMs : -Infinity;
  return Math.max(now, last, blocker);
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class SlidingWindowLimiter {
  private starts: number[] = [];

  constructor(
    private readonly clock: Clock = realClock,
    private readonly windowMs: number = RATE_WINDOW_MS + RATE_SAFETY_MARGIN_MS,
  ) {}

  /**
   * Waits until a call may start under `limit` calls per window and records its start.
   * Returns the milliseconds waited.
   */
  async acquire(limit: number): Promise<number> {
    const now = this.clock.now();
    // Forget starts that can no longer block anyone.
    const horizon = now - this.windowMs;
    let drop = 0;
    while (drop < this.starts.length && this.starts[drop] <= horizon) drop++;
    if (drop > 0) this.starts.splice(0, drop);
    const at = nextStartTime(this.starts, now, limit, this.windowMs);
    this.starts.push(at);
    const wait = at - now;
    if (wait > 0) await this.clock.sleep(wait);
    return wait;
  }
}

const REGISTRY = Symbol.for("pulumi-eset-connect.rateLimiters.v1");

/** Minimal shape kept on globalThis, so that another copy of this module can use the same one. */
export interface RateLimiter {
  acquire(limit: number): Promise<number>;
}

/**
 * The process-wide limiter for one ESET deployment (keyed by its auth base URL). Every client of
 * the process, from any copy of this module, shares it: ESET counts per credentials, account and
 * source IP, so two clients must not each spend the whole budget.
 */
export function processRateLimiter(deploymentKey: string): RateLimiter {
  const holder = globalThis as unknown as Record<symbol, Map<string, RateLimiter> | undefined>;
  let registry = holder[REGISTRY];
  if (!registry) {
    registry = new Map();
    holder[REGISTRY] = registry;
  }
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
    const waited = await limiter.acquire(limit);
    return send(request, { ...context, limiterWaitMs: waited });
  };
}
