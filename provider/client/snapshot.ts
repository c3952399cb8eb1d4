/**
 * The tree snapshot: one listing serves every read for a short time, concurrent readers share one
 * listing in flight, and writes from this client patch the snapshot (and any listing still
 * running, which may have been read before the write reached the server).
 *
 * Reads that ask for it (`idleGapMs`, what `pulumi refresh` uses) form a session: they keep one
 * listing for as long as they keep arriving less than `idleGapMs` apart, whatever its age, so a
 * refresh of any size sees one point in time and lists once.
 */
import { ClientMetrics } from "./observe";
import { DeviceGroup } from "./schemas";
import { applyWrite, buildTree, GroupTree, TreeWrite } from "./tree";

interface Listing {
  startedAt: number;
  promise: Promise<GroupTree>;
  writes: TreeWrite[];
}

/** What `read` may serve without a new listing. */
export interface ReadOptions {
  /**
   * Serve the session's listing, whatever its age, while the previous read of the session came at
   * most this many ms ago. Default: no session (only `notBefore` counts).
   */
  idleGapMs?: number;
}

/** Reads with `idleGapMs`: the tree they share (once listed) and when the last of them came. */
interface Session {
  lastReadAt: number;
  promise: Promise<GroupTree>;
  tree?: GroupTree;
}

export class TreeSnapshot {
  private current?: { tree: GroupTree; startedAt: number };
  private readonly running = new Set<Listing>();
  /** The listing that reads with `idleGapMs` share. */
  private session?: Session;

  constructor(
    private readonly list: () => Promise<DeviceGroup[]>,
    private readonly now: () => number,
    private readonly metrics: ClientMetrics,
  ) {}

  /**
   * A tree from a listing started at or after `notBefore` (ms), sharing any listing that qualifies;
   * with `idleGapMs`, the session's tree while the session is alive.
   */
  read(notBefore: number, options: ReadOptions = {}): Promise<GroupTree> {
    const gap = options.idleGapMs;
    if (gap === undefined) return this.readListed(notBefore);
    const at = this.now();
    const alive = this.session;
    if (alive && at - alive.lastReadAt <= gap) {
      alive.lastReadAt = at;
      if (!alive.tree) return alive.promise;
      this.metrics.treeReadsFromSnapshot++;
      return Promise.resolve(alive.tree);
    }
    const session: Session = { lastReadAt: at, promise: Promise.resolve(buildTree([])) };
    session.promise = this.readListed(notBefore).then((tree) => {
      // Writes made while the listing ran are in `tree` already; later ones patch session.tree.
      session.tree ??= tree;
      session.lastReadAt = Math.max(session.lastReadAt, this.now());
      return session.tree;
    });
    // A failed listing ends the session: the next read lists again.
    session.promise.catch(() => {
      if (this.session === session) this.session = undefined;
    });
    this.session = session;
    return session.promise;
  }

  /** The latest tree whatever its age, without a call (for naming groups in messages). */
  peek(): GroupTree | undefined {
    return this.current?.tree;
  }

  /** Applies a write of this client to the snapshot, the session and listings still running. */
  record(write: TreeWrite): void {
    if (this.current) this.current = { ...this.current, tree: applyWrite(this.current.tree, write) };
    if (this.session?.tree) this.session.tree = applyWrite(this.session.tree, write);
    for (const listing of this.running) listing.writes.push(write);
  }

  private readListed(notBefore: number): Promise<GroupTree> {
    if (this.current && this.current.startedAt >= notBefore) {
      this.metrics.treeReadsFromSnapshot++;
      return Promise.resolve(this.current.tree);
    }
    let latest: Listing | undefined;
    for (const listing of this.running) if (!latest || listing.startedAt > latest.startedAt) latest = listing;
    if (latest && latest.startedAt >= notBefore) return latest.promise;
    return this.start();
  }

  private start(): Promise<GroupTree> {
    const listing: Listing = { startedAt: this.now(), writes: [], promise: Promise.resolve(buildTree([])) };
    this.metrics.treeListings++;
    listing.promise = this.list()
      .then((groups) => {
        const tree = listing.writes.reduce(applyWrite, buildTree(groups));
        if (!this.current || this.current.startedAt <= listing.startedAt) {
          this.current = { tree, startedAt: listing.startedAt };
        }
        return tree;
      })
      .finally(() => this.running.delete(listing));
    this.running.add(listing);
    return listing.promise;
  }
}
