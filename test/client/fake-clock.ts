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

/**
 * Virtual time for clients talking to the HTTP emulator: time stands still while any exchange is on
 * the wire (`tracked`) and jumps to the earliest wake-up once every caller waits on a timer, so an
 * exchange takes no time and a 4 s backoff none either. The order of events is the one real time
 * would give with an infinitely fast network. `onAdvance` lets the emulator's clock follow (its
 * control plane, POST /_emulator/clock), so Retry-After, rate windows and pending deadlines agree.
 */
export class IdleClock {
  time: number;
  private onWire = 0;
  private queue: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;
  private running = false;

  constructor(
    start: number = Date.now(),
    private readonly onAdvance?: (ms: number) => Promise<void>,
  ) {
    this.time = start;
  }

  now = (): number => this.time;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.queue.push({ at: this.time + Math.max(0, ms), seq: this.seq++, wake: resolve });
      this.kick();
    });

  /** Wraps a transport so that time stands still while its exchanges are on the wire. */
  tracked =
    <A extends unknown[], R>(send: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      this.onWire++;
      try {
        return await send(...args);
      } finally {
        this.onWire--;
        this.kick();
      }
    };

  private kick(): void {
    if (this.running) return;
    this.running = true;
    this.run().catch((error: unknown) => {
      this.running = false;
      throw error;
    });
  }

  private async run(): Promise<void> {
    for (;;) {
      // Let every caller that an answer or a wake-up set going reach its next wait first.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      if (this.onWire > 0 || this.queue.length === 0) {
        // Cleared in the same turn as the check, so a kick from now on starts a new run.
        this.running = false;
        return;
      }
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue.shift() as { at: number; wake: () => void };
      const step = next.at - this.time;
      if (step > 0) {
        this.time = next.at;
        await this.onAdvance?.(step);
      }
      next.wake();
    }
  }
}
