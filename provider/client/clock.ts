/**
 * Time as the client sees it. Everything that reads the time or waits (token expiry, backoff,
 * pending polls, the rate limiter, the snapshot's age) takes a Clock, so tests pass virtual time.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Wall-clock time and real timers: the default outside tests. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
