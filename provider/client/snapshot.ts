/**
 * The tree snapshot: one listing serves every read for a short time, concurrent readers share one
 * listing in flight, and writes from this client patch the snapshot (and any listing still
 * running, which may have been read before the write reached the server).
 */
import { ClientMetrics } from "./observe";
import { DeviceGroup } from "./schemas";
import { applyWrite, buildTree, GroupTree, TreeWrite } from "./tree";

/** How old a snapshot may be for `readTree` by default. Long enough for a refresh of many groups. */
export const DEFAULT_TREE_MAX_AGE_MS = 5_000;

interface Listing {
  startedAt: number;
  promise: Promise<GroupTree>;
  writes: TreeWrite[];
}

export class TreeSnapshot {
  private current?: { tree: GroupTree; startedAt: number };
  private readonly running = new Set<Listing>();

  constructor(
    private readonly list: () => Promise<DeviceGroup[]>,
    private readonly now: () => number,
    private readonly metrics: ClientMetrics,
  ) {}

  /** A tree from a listing started at or after `notBefore` (ms), sharing any listing that qualifies. */
  read(notBefore: number): Promise<GroupTree> {
    if (this.current && this.current.startedAt >= notBefore) {
      this.metrics.treeReadsFromSnapshot++;
      return Promise.resolve(this.current.tree);
    }
    let latest: Listing | undefined;
    for (const listing of this.running) if (!latest || listing.startedAt > latest.startedAt) latest = listing;
    if (latest && latest.startedAt >= notBefore) return latest.promise;
    return this.start();
  }

  /** The latest tree whatever its age, without a call (for naming groups in messages). */
  peek(): GroupTree | undefined {
    return this.current?.tree;
  }

  /** Applies a write of this client to the snapshot and to listings still running. */
  record(write: TreeWrite): void {
    if (this.current) this.current = { ...this.current, tree: applyWrite(this.current.tree, write) };
    for (const listing of this.running) listing.writes.push(write);
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
