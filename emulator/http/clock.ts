/**
 * The emulator's notion of now: real time plus an offset that `POST /_emulator/clock` advances, so
 * tests can expire tokens and pending responses without waiting.
 */
export class VirtualClock {
  private offset = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offset;
  }

  /** Moves time forward (never back: expiries already reached stay reached). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
    this.offset += ms;
  }

  get offsetMs(): number {
    return this.offset;
  }
}
