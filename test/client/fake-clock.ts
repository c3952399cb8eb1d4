/** A clock for tests: time moves only when someone sleeps, and every sleep is recorded. */
export class FakeClock {
  time: number;
  readonly sleeps: number[] = [];
  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }
  now = (): number => this.time;
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.time += ms;
  };
}

/**
 * A clock whose sleepers wake in time order: `sleep(ms)` resolves once every earlier wake-up has
 * happened, and the clock jumps to the wake-up time. Suits concurrent callers of a limiter.
 */
export class SchedulerClock {
  time = 0;
  private queue: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;
  private scheduled = false;
  now = (): number => this.time;
  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.queue.push({ at: this.time + ms, seq: this.seq++, wake: resolve });
      this.schedule();
    });
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Let every caller that is ready now register first, then wake the earliest sleeper.
    setImmediate(() => {
      this.scheduled = false;
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.at);
      next.wake();
      if (this.queue.length > 0) this.schedule();
    });
  }
}
