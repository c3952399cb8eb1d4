/**
 * How old a tree listing may be for each decision: the named freshness levels, one place. Each is
 * a `readTree` option (`client.readTree(TREE_FRESHNESS.fresh)`). Why each value, in
 * docs/client.md ("The tree snapshot") and docs/benchmarks.md.
 */

export interface TreeFreshness {
  /** Oldest listing accepted, in ms (0: one started now). */
  maxAgeMs?: number;
  /** Keep one listing while reads come less than this apart, whatever its age (a refresh). */
  idleGapMs?: number;
}

/** How old a snapshot may be for `readTree` with no options. */
export const DEFAULT_TREE_MAX_AGE_MS = 5_000;

/**
 * The idle gap that ends a read session. Reads of one refresh come in parallel, but the engine
 * saves its whole state after each step, which can stall reads for seconds on a large stack
 * (docs/benchmarks.md). A minute without a read means the refresh is over.
 */
export const REFRESH_IDLE_GAP_MS = 60_000;

/**
 * How old the listing may be that a one-call rename or move is checked against. The check only
 * spares a call ESET would refuse: ESET's answer decides, and a refusal is judged on a listing
 * started after it. Edits of one `up` come spread over the whole run (the engine checks and diffs
 * every resource in between: docs/benchmarks.md), so with the 5 s default each edit would list again.
 */
export const PLACEMENT_CHECK_MAX_AGE_MS = 60_000;

/**
 * How old the listing may be that confirms a break seen in an older one: checks of the same second
 * share it (a preview with many broken rules lists about once a second, not once per resource).
 */
export const CONFIRM_MAX_AGE_MS = 1_000;

/**
 * How old the listing may be that a create is checked against: the same bound and the same
 * confirmation as a rename or move. Creates of one `up` come spread over the whole run, slower as
 * the state grows (docs/benchmarks-cli.md); with 5 s a 3,000-group `up` listed the tree 120 times
 * (373 of its 3,373 calls). Nothing a stale listing says is acted on unconfirmed: a rule break or a
 * same-named group (an orphan?) seen in it is judged again on a listing at most CONFIRM_MAX_AGE_MS
 * old, and so is a group taken as made by an earlier run; ESET's refusal is judged on a listing
 * started after it; the client records its own writes into the listing (snapshot.ts).
 */
export const CREATE_CHECK_MAX_AGE_MS = PLACEMENT_CHECK_MAX_AGE_MS;

export const TREE_FRESHNESS = {
  /** A listing started now: after a refusal, before a delete wave, for an adoption. */
  fresh: { maxAgeMs: 0 },
  /** Confirms a break seen in an older listing before it fails a change. */
  confirm: { maxAgeMs: CONFIRM_MAX_AGE_MS },
  /** A create's checks (confirmed before any refusal, see CREATE_CHECK_MAX_AGE_MS). */
  create: { maxAgeMs: CREATE_CHECK_MAX_AGE_MS },
  /** A one-call rename or move. */
  placement: { maxAgeMs: PLACEMENT_CHECK_MAX_AGE_MS },
  /** Preview's checks: the run's first listing serves them all (the client patches it with the run's writes). */
  wholeRun: { maxAgeMs: Number.POSITIVE_INFINITY },
  /** A refresh: one listing while reads keep coming (`read` of every resource). */
  refresh: { idleGapMs: REFRESH_IDLE_GAP_MS },
} as const satisfies Record<string, TreeFreshness>;
