/**
 * ESET's rate limit. ESET documents the figure ("10 calls per second … above it: 429") but not
 * how it counts (shared/eset-connect-api.md, _Rate limit_), so the emulator plays each way a
 * gateway commonly counts, and the product is measured against all of them
 * (docs/benchmarks-stacks.md):
 *
 * - `sliding-window` (default): at most `perSecond` accepted calls in any 1000 ms by arrival;
 *   calls answered 429 do not count, so a client that backs off gets through as soon as the
 *   window has room. The strictest on bunched calls from processes that cannot see each other.
 * - `sliding-window-all-calls`: the same window, but calls answered 429 count too (a request log
 *   that records every request): a client that keeps retrying into a full window keeps it full.
 * - `fixed-window`: at most `perSecond` calls per clock second (a counter reset on each whole
 *   second), so up to twice that can arrive within 1000 ms across a boundary.
 * - `token-bucket`: a bucket of `perSecond` tokens refilled at `perSecond` per second; a burst of
 *   a full bucket is absorbed.
 */
export type RateVerdict = { accepted: true } | { accepted: false; retryAfterSeconds: number };

export const RATE_LIMIT_ALGORITHMS = [
  "sliding-window",
  "sliding-window-all-calls",
  "fixed-window",
  "token-bucket",
] as const;
export type RateLimitAlgorithm = (typeof RATE_LIMIT_ALGORITHMS)[number];

const WINDOW_MS = 1000;

/** Whole seconds (at least 1) from `now` until `freeAt`, as a Retry-After header gives them. */
function retryAfter(freeAt: number, now: number): RateVerdict {
  return { accepted: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
}

/** One way of counting, for one key. */
interface Counter {
  check(now: number, perSecond: number): RateVerdict;
}

/** Arrival times within the last window: accepted ones only, or every call. */
class SlidingWindow implements Counter {
  private arrivals: number[] = [];
  constructor(private readonly countsRejected: boolean) {}

  check(now: number, perSecond: number): RateVerdict {
    this.arrivals = this.arrivals.filter((t) => t > now - WINDOW_MS);
    const full = this.arrivals.length >= perSecond;
    const freeAt = full ? this.arrivals[this.arrivals.length - perSecond] + WINDOW_MS : now;
    if (!full || this.countsRejected) this.arrivals.push(now);
    return full ? retryAfter(freeAt, now) : { accepted: true };
  }
}

class FixedWindow implements Counter {
  private second = -Infinity;
  private count = 0;

  check(now: number, perSecond: number): RateVerdict {
    const second = Math.floor(now / WINDOW_MS);
    if (second !== this.second) {
      this.second = second;
      this.count = 0;
    }
    if (this.count >= perSecond) return retryAfter((second + 1) * WINDOW_MS, now);
    this.count++;
    return { accepted: true };
  }
}

class TokenBucket implements Counter {
  private tokens?: number;
  private at = 0;

  check(now: number, perSecond: number): RateVerdict {
    const refilled = (this.tokens ?? perSecond) + (Math.max(0, now - this.at) * perSecond) / WINDOW_MS;
    this.tokens = Math.min(perSecond, refilled);
    this.at = now;
    if (this.tokens < 1) return retryAfter(now + ((1 - this.tokens) * WINDOW_MS) / perSecond, now);
    this.tokens -= 1;
    return { accepted: true };
  }
}

function newCounter(algorithm: RateLimitAlgorithm): Counter {
  switch (algorithm) {
    case "sliding-window":
      return new SlidingWindow(false);
    case "sliding-window-all-calls":
      return new SlidingWindow(true);
    case "fixed-window":
      return new FixedWindow();
    case "token-bucket":
      return new TokenBucket();
  }
}

/** The account's limit, per key (the user), counted as `algorithm` says. */
export class AccountRateLimit {
  private readonly counters = new Map<string, Counter>();

  constructor(private algorithm: RateLimitAlgorithm = "sliding-window") {}

  check(key: string, now: number, perSecond: number): RateVerdict {
    if (perSecond <= 0) return { accepted: true };
    let counter = this.counters.get(key);
    if (!counter) {
      counter = newCounter(this.algorithm);
      this.counters.set(key, counter);
    }
    return counter.check(now, perSecond);
  }

  /** Counts from now on as `algorithm` says; a change starts every key afresh. */
  use(algorithm: RateLimitAlgorithm): void {
    if (algorithm === this.algorithm) return;
    this.algorithm = algorithm;
    this.counters.clear();
  }

  clear(): void {
    this.counters.clear();
  }
}
