/**
 * The listing that group deletes check before they delete, shared in waves.
 *
 * A delete must see every group and device inside its group that existed when the delete began,
 * so it needs a listing started after it began. Deletes that are waiting share one: a wave's
 * listing starts only after every member joined, so it is exactly as fresh as a listing of each
 * member's own. To let every delete the engine runs at once join, a wave starts when no delete of
 * the previous wave is still deleting and either as many deletes wait as ever ran at once here (the
 * engine's `--parallel`, learned) or for `settleMs` no delete joined or ended; or once its first member
 * has waited `maxWaitMs` (longer with many deletes at once: `waitPerDeleteMs`). One wave costs one listing of the groups and two of the tenant's
 * devices, instead of two listings per group.
 */
import type { Device } from "./schemas";
import type { GroupTree } from "./tree";

/** What a wave lists: the whole tree and every device of the tenant. */
export interface DeleteListing {
  tree: GroupTree;
  /** Each device once per group membership, as ESET lists them. */
  devices: readonly Device[];
}

/** What one delete receives from its wave. */
export interface DeleteCheck extends DeleteListing {
  /** The wave's number in this process (1, 2, ...). */
  wave: number;
  /** How many deletes share this wave's listing. */
  sharedBy: number;
  /** When this delete joined, and when the wave's listing started (ms, `now`). */
  joinedAt: number;
  listedAt: number;
  /** Call once the delete is over (deleted, refused or failed): the next wave may then start. */
  done(): void;
}

export interface SharedDeleteListingOptions {
  /** Lists groups and devices; each call must start new listings. */
  list: () => Promise<DeleteListing>;
  /** Current time in ms. */
  now: () => number;
  /** Runs `fn` after `ms`; returns a function that cancels it. Default: `setTimeout`. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** Quiet time (no join, no delete ending) before a wave starts. Default `DELETE_WAVE_SETTLE_MS`. */
  settleMs?: number;
  /** Longest time a delete waits for its wave to start. Default `DELETE_WAVE_MAX_WAIT_MS`. */
  maxWaitMs?: number;
  /**
   * With many deletes at once, the wait allowed for each of them: a wave then waits up to this
   * times the most deletes ever run at once, if that is longer than `maxWaitMs`. Default
   * `DELETE_WAVE_WAIT_PER_DELETE_MS`.
   */
  waitPerDeleteMs?: number;
}

/**
 * The engine starts the next delete a few ms after the previous one returned (hundreds of ms on a
 * loaded machine, where it also saves its state after each step); counted from the last join and
 * from the last delete that ended, this lets that next delete join the wave it was released into.
 */
export const DELETE_WAVE_SETTLE_MS = 300;
/**
 * A wave does not wait longer than this for the previous one's deletes (at 10 calls/s, a wave of
 * deletes takes about a second; one of them may be held by a pending 202 for much longer).
 */
export const DELETE_WAVE_MAX_WAIT_MS = 3_000;
/**
 * A wave of deletes takes about 100 ms per delete at 10 calls/s. With a large `--parallel` (what
 * docs/large-tenants.md recommends for a large destroy: each wave's listing then serves more
 * deletes) a wave of 64 takes over 6 s; waiting only 3 s would start the next wave with half of
 * them, and list twice as often. 150 ms per delete leaves room for the rate limit's margin.
 */
export const DELETE_WAVE_WAIT_PER_DELETE_MS = 150;

interface Wave {
  number: number;
  members: number;
  firstJoinAt: number;
  lastJoinAt: number;
  promise: Promise<StartedListing>;
  resolve(listing: StartedListing): void;
  reject(error: unknown): void;
}

const timeout = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

export class SharedDeleteListing {
  #next?: Wave;
  #waves = 0;
  /** Deletes of waves already started that have not called done(). */
  #deleting = 0;
  /** The most deletes at once when a wave started (its own and those still deleting): what the engine runs in parallel. */
  #peak = 0;
  #cancelTimer?: () => void;
  /** When the last delete called done(). */
  #lastDoneAt = -Infinity;
  readonly #o: Required<SharedDeleteListingOptions>;

  constructor(options: SharedDeleteListingOptions) {
    this.#o = {
      schedule: timeout,
      settleMs: DELETE_WAVE_SETTLE_MS,
      maxWaitMs: DELETE_WAVE_MAX_WAIT_MS,
      waitPerDeleteMs: DELETE_WAVE_WAIT_PER_DELETE_MS,
      ...options,
    };
  }

  /** Joins the next wave: resolves with a listing started after this call. */
  async join(): Promise<DeleteCheck> {
    const joinedAt = this.#o.now();
    const wave = (this.#next ??= this.#newWave(joinedAt));
    wave.members++;
    wave.lastJoinAt = joinedAt;
    this.#plan();
    const { tree, devices, startedAt } = await wave.promise;
    let over = false;
    return {
      tree,
      devices,
      wave: wave.number,
      sharedBy: wave.members,
      joinedAt,
      listedAt: startedAt,
      done: () => {
        if (over) return;
        over = true;
        this.#deleting--;
        this.#lastDoneAt = this.#o.now();
        this.#plan();
      },
    };
  }

  #newWave(at: number): Wave {
    let resolve!: (listing: StartedListing) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<StartedListing>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { number: ++this.#waves, members: 0, firstJoinAt: at, lastJoinAt: at, promise, resolve, reject };
  }

  /** Starts the waiting wave now, or sets a timer for when it may start. */
  #plan(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const wave = this.#next;
    if (!wave) return;
    const at = this.#o.now();
    const deadline = wave.firstJoinAt + Math.max(this.#o.maxWaitMs, this.#peak * this.#o.waitPerDeleteMs);
    const settled = Math.max(wave.lastJoinAt, this.#lastDoneAt) + this.#o.settleMs;
    // Only once more than one delete ran at once: a lone first delete has taught nothing yet.
    const everyone = this.#deleting === 0 && this.#peak > 1 && wave.members >= this.#peak;
    const startAt = everyone ? at : this.#deleting === 0 ? Math.min(settled, deadline) : deadline;
    if (at >= startAt) this.#start(wave);
    else this.#cancelTimer = this.#o.schedule(() => this.#plan(), startAt - at);
  }

  #start(wave: Wave): void {
    this.#next = undefined;
    this.#peak = Math.max(this.#peak, wave.members + this.#deleting);
    const startedAt = this.#o.now();
    // Every member counts as deleting from now until it calls done(): deletes that join meanwhile
    // wait for the next wave, which then serves them all at once.
    this.#deleting += wave.members;
    this.#o.list().then(
      (listing) => wave.resolve({ ...listing, startedAt }),
      (error: unknown) => {
        this.#deleting -= wave.members;
        wave.reject(error);
        this.#plan();
      },
    );
  }
}

interface StartedListing extends DeleteListing {
  startedAt: number;
}
