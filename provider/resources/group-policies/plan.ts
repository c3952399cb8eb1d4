/**
 * The fewest calls that turn a group's assignments into the declared ones. Pure: reconcile.ts runs
 * the plan against ESET.
 *
 * ESET's calls: an assign puts the new assignment at the end (lowest priority); an unassign
 * renumbers the rest; updateRanking moves one assignment to a rank, the others keep their order.
 * So the cost of a reconcile, in calls, is
 *
 *   unassigns  = assignments of undeclared policies (exclusive only) + extra assignments of a
 *                declared policy (a duplicate made by hand)
 *   assigns    = declared policies not assigned yet (appended in declared order)
 *   rank calls = managed assignments − the longest run of them already in declared relative order
 *                (a longest increasing subsequence of their declared positions, taken after the
 *                assigns: those stay, each other one moves once)
 *
 * and an unchanged assignment is never touched. Examples (tested in plan.test.ts): reversing three
 * costs 2 rank calls; appending one policy costs 1 assign; moving the last of four to the top costs
 * 1 rank call; a new policy declared first costs 1 assign + 1 rank call.
 *
 * Without `exclusive`, assignments of undeclared policies are never touched and keep their
 * relative order: each moved assignment of ours is put right after the closest declared
 * predecessor that stays (or right before the closest declared successor), so only ours move.
 */

/** An assignment as the plan sees it: which policy, and its uuid to address the calls. */
export interface PlannedAssignment {
  uuid: string;
  policyUuid: string;
}

/** Which assignments to remove and which policies to assign (in this order), before ranking. */
export interface MembershipPlan<A extends PlannedAssignment> {
  unassign: A[];
  assign: string[];
}

/**
 * `current` in rank order (rank 1 first). Keeps the best-ranked assignment of each declared policy;
 * removes other assignments of declared policies (duplicates), the assignments of `dropped`
 * policies (declared before, no longer) and, when `exclusive`, every assignment of an undeclared
 * policy.
 */
export function membershipPlan<A extends PlannedAssignment>(
  current: readonly A[],
  declared: readonly string[],
  exclusive: boolean,
  dropped: readonly string[] = [],
): MembershipPlan<A> {
  const wanted = new Set(declared);
  const released = new Set(dropped);
  const kept = new Set<string>();
  const unassign: A[] = [];
  for (const assignment of current) {
    if (!wanted.has(assignment.policyUuid)) {
      if (exclusive || released.has(assignment.policyUuid)) unassign.push(assignment);
    } else if (kept.has(assignment.policyUuid)) {
      unassign.push(assignment);
    } else {
      kept.add(assignment.policyUuid);
    }
  }
  return { unassign, assign: declared.filter((p) => !kept.has(p)) };
}

/** The indexes (into `values`) of one longest strictly increasing subsequence. O(n²): n is a group's few assignments. */
export function longestIncreasing(values: readonly number[]): number[] {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if (values[j] < values[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || length[i] > length[best]) best = i;
  }
  const out: number[] = [];
  for (let i = best; i !== -1; i = previous[i]) out.unshift(i);
  return out;
}

/** One updateRanking call: put assignment `uuid` at `rank` (1 = highest priority). */
export interface RankMove {
  uuid: string;
  rank: number;
}

/**
 * The rank calls that put the declared policies in declared order. `ordered` is the group's
 * assignments in rank order after the membership plan ran: every declared policy exactly once,
 * plus (non-exclusive) others that never move. Each returned move is to be made in turn.
 */
export function rankPlan(ordered: readonly PlannedAssignment[], declared: readonly string[]): RankMove[] {
  const position = new Map(declared.map((p, i) => [p, i]));
  const ours = ordered.filter((a) => position.has(a.policyUuid));
  const stays = new Set(
    longestIncreasing(ours.map((a) => position.get(a.policyUuid) as number)).map((i) => ours[i].uuid),
  );
  const settled = new Map<number, string>(); // declared position -> uuid, for ours that are in place
  for (const a of ours) if (stays.has(a.uuid)) settled.set(position.get(a.policyUuid) as number, a.uuid);
  const sequence = ordered.map((a) => a.uuid);
  const moves: RankMove[] = [];
  const toMove = ours
    .filter((a) => !stays.has(a.uuid))
    .sort((a, b) => (position.get(a.policyUuid) as number) - (position.get(b.policyUuid) as number));
  for (const a of toMove) {
    const at = position.get(a.policyUuid) as number;
    const from = sequence.indexOf(a.uuid);
    sequence.splice(from, 1);
    const before = [...settled.keys()].filter((k) => k < at).sort((x, y) => y - x)[0];
    const after = [...settled.keys()].filter((k) => k > at).sort((x, y) => x - y)[0];
    let index: number;
    if (before !== undefined) index = sequence.indexOf(settled.get(before) as string) + 1;
    else if (after !== undefined) index = sequence.indexOf(settled.get(after) as string);
    else index = from;
    sequence.splice(index, 0, a.uuid);
    settled.set(at, a.uuid);
    if (index !== from) moves.push({ uuid: a.uuid, rank: index + 1 });
  }
  return moves;
}

/** What a whole reconcile costs, in calls, from `current` (rank order) to `declared`: for tests and docs. */
export function reconcileCost(
  current: readonly PlannedAssignment[],
  declared: readonly string[],
  exclusive: boolean,
): { unassign: number; assign: number; rank: number } {
  const membership = membershipPlan(current, declared, exclusive);
  const removed = new Set(membership.unassign.map((a) => a.uuid));
  const after = [
    ...current.filter((a) => !removed.has(a.uuid)),
    ...membership.assign.map((policyUuid, i) => ({ uuid: `new-${i}`, policyUuid })),
  ];
  return {
    unassign: membership.unassign.length,
    assign: membership.assign.length,
    rank: rankPlan(after, declared).length,
  };
}
