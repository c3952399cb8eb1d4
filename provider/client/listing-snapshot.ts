/**
 * One listing serving many reads, for any tenant-wide listing (the policy assignments, the
 * policies): the TreeSnapshot pattern (snapshot.ts) with the view and its writes as parameters.
 * A listing serves every read for a while, concurrent readers share one listing in flight, this
 * client's writes patch the snapshot (and any listing still running, which may have been read
 * before the write reached the server), and reads with `idleGapMs` (a refresh) form a session that
 * keeps one listing, whatever its age, while they keep coming less than `idleGapMs` apart.
 */
import type { TreeFreshness } from "./freshness";

export interface ListingSnapshotOptions<V, W> {
  /** Makes the listing (every page). */
  list: () => Promise<V>;
  /** The view after one of this client's writes. */
  apply: (view: V, write: W) => V;
  now: () => number;
  /** Counts each listing started. */
  onListing?: () => void;
  /** Counts each read served without a call. */
  onServed?: () => void;
}

interface Listing<V, W> {
  startedAt: number;
  promise: Promise<V>;
  writes: W[];
}

interface Session<V> {
  lastReadAt: number;
  promise: Promise<V>;
  view?: V;
}

export class ListingSnapshot<V, W> {
  private current?: { view: V; startedAt: number };
  private readonly running = new Set<Listing<V, W>>();
  private session?: Session<V>;

  constructor(private readonly options: ListingSnapshotOptions<V, W>) {}

  /** A view no older than `maxAgeMs` (default 0: a listing started now), or the session's with `idleGapMs`. */
  read(freshness: TreeFreshness = {}): Promise<V> {
    const now = this.options.now();
    const notBefore = now - Math.max(0, freshness.maxAgeMs ?? 0);
    const gap = freshness.idleGapMs;
    if (gap === undefined) return this.readListed(notBefore);
    const alive = this.session;
    if (alive && now - alive.lastReadAt <= gap) {
      alive.lastReadAt = now;
      if (alive.view === undefined) return alive.promise;
      this.options.onServed?.();
      return Promise.resolve(alive.view);
    }
    const session: Session<V> = { lastReadAt: now, promise: Promise.resolve(undefined as unknown as V) };
    session.promise = this.readListed(notBefore).then((view) => {
      // Writes made while the listing ran are in `view` already; later ones patch session.view.
      if (session.view === undefined) session.view = view;
      session.lastReadAt = Math.max(session.lastReadAt, this.options.now());
      return session.view;
    });
    // A failed listing ends the session: the next read lists again.
    session.promise.catch(() => {
      if (this.session === session) this.session = undefined;
    });
    this.session = session;
    return session.promise;
  }

  /** The latest view whatever its age, without a call. */
  peek(): V | undefined {
    return this.current?.view;
  }

  /** Applies a write of this client to the snapshot, the session and listings still running. */
  record(write: W): void {
    const { apply } = this.options;
    if (this.current) this.current = { ...this.current, view: apply(this.current.view, write) };
    if (this.session?.view !== undefined) this.session.view = apply(this.session.view, write);
    for (const listing of this.running) listing.writes.push(write);
  }

  private readListed(notBefore: number): Promise<V> {
    if (this.current && this.current.startedAt >= notBefore) {
      this.options.onServed?.();
      return Promise.resolve(this.current.view);
    }
    let latest: Listing<V, W> | undefined;
    for (const listing of this.running) if (!latest || listing.startedAt > latest.startedAt) latest = listing;
    if (latest && latest.startedAt >= notBefore) return latest.promise;
    return this.start();
  }

  private start(): Promise<V> {
    const listing: Listing<V, W> = {
      startedAt: this.options.now(),
      writes: [],
      promise: Promise.resolve(undefined as unknown as V),
    };
    this.options.onListing?.();
    listing.promise = this.options
      .list()
      .then((listed) => {
        const view = listing.writes.reduce(this.options.apply, listed);
        if (!this.current || this.current.startedAt <= listing.startedAt) {
          this.current = { view, startedAt: listing.startedAt };
        }
        return view;
      })
      .finally(() => this.running.delete(listing));
    this.running.add(listing);
    return listing.promise;
  }
}
