/** The verdict on one call. */
export type RateVerdict = { accepted: true } | { accepted: false; retryAfterSeconds: number };

const WINDOW_MS = 1000;

/**
 * At most `perSecond` accepted calls per key in any 1000 ms, by arrival time. Rejected calls are
 * not counted, so a client that backs off gets through as soon as the window has room.
 */
export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>();

  check(key: string, now: number, perSecond: number): RateVerdict {
    if (perSecond <= 0) return { accepted: true };
    const recent = (this.accepted.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (recent.length >= perSecond) {
      this.accepted.set(key, recent);
      const freeAt = recent[recent.length - perSecond] + WINDOW_MS;
      return { accepted: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
    }
    recent.push(now);
    this.accepted.set(key, recent);
    return { accepted: true };
  }

  clear(): void {
    this.accepted.clear();
  }
}
