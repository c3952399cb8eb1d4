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
 * Time for clients talking to the HTTP emulator: real time, except that waiting costs none. While
 * an exchange is on the wire (`tracked`), time flows as it does; once every caller waits on a
 * timer, the clock jumps to the earliest wake-up. So a 4 s backoff or a paced 429 storm takes no
 * real time, and exchanges keep their real order and duration (the limiter's arrival bounds and
 * "a listing started after this failure" mean what they mean against ESET). `onAdvance` lets the
 * emulator's clock follow each jump (its control plane, POST /_emulator/clock): both clocks then
 * read real time plus the same skipped waits, so Retry-After, rate windows, token expiry and
 * pending deadlines agree.
 */
export class IdleClock {
  private skipped = 0;
  private onWire = 0;
  private queue: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;
  private running = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly onAdvance?: (ms: number) => Promise<void>) {}

  now = (): number => Date.now() + this.skipped;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.queue.push({ at: this.now() + Math.max(0, ms), seq: this.seq++, wake: resolve });
      this.kick();
    });

  /** Wraps a transport so that time is not skipped while its exchanges are on the wire. */
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

  private kick = (): void => {
    if (this.running) return;
    this.running = true;
    this.run().catch((error: unknown) => {
      this.running = false;
      throw error;
    });
  };

  private async run(): Promise<void> {
    for (;;) {
      // Let every caller that an answer or a wake-up set going reach its next wait first.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue[0];
      const wait = next ? next.at - this.now() : 0;
      if (!next || (wait > 0 && this.onWire > 0)) {
        // Nothing to wake, or time must flow: an exchange's end (or the real timer) kicks again.
        // Cleared in the same turn as the check, so a kick from now on starts a new run.
        if (this.timer) clearTimeout(this.timer);
        this.timer = next ? setTimeout(this.kick, wait) : undefined;
        this.running = false;
        return;
      }
      if (wait > 0) {
        this.skipped += wait;
        await this.onAdvance?.(wait);
      }
      this.queue.shift();
      next.wake();
    }
  }
}
