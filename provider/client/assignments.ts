/**
 * The tenant's policy assignments as one listing holds them, and how this client's own writes
 * change that listing, as ESET's spec describes each call: an assign goes to the end of its
 * target ("the assignment ranking will be equal to the number of target's assignments"), an
 * unassign renumbers the rest, updateRanking puts one at the asked rank and reorders the others.
 * Pure: the snapshot (listing-snapshot.ts) applies these to what it holds.
 */
import type { PolicyAssignment, PolicyTarget } from "./policy-schemas";

/** A write this client made, or a fresh listing of one group's assignments. */
export type AssignmentWrite =
  | { kind: "assign"; assignment: PolicyAssignment }
  | { kind: "unassign"; uuid: string }
  | { kind: "rank"; uuid: string; rank: number }
  /** A listing of one group's assignments started after the snapshot's: it replaces that group's. */
  | { kind: "group"; groupUuid: string; assignments: PolicyAssignment[] };

/** Whether two targets are the same object (one of the three uuids each). */
export function sameTarget(a: PolicyTarget, b: PolicyTarget): boolean {
  return (
    (a.deviceGroupUuid ?? "") === (b.deviceGroupUuid ?? "") &&
    (a.deviceUuid ?? "") === (b.deviceUuid ?? "") &&
    (a.subscriptionUuid ?? "") === (b.subscriptionUuid ?? "")
  );
}

/** A group's assignments, highest priority (rank 1) first. */
export function groupAssignments(all: readonly PolicyAssignment[], groupUuid: string): PolicyAssignment[] {
  return all.filter((a) => a.target.deviceGroupUuid === groupUuid).sort((a, b) => a.rank - b.rank);
}

/** The target's assignments in rank order, renumbered 1..n. */
function renumbered(ordered: PolicyAssignment[]): PolicyAssignment[] {
  return ordered.map((a, i) => (a.rank === i + 1 ? a : { ...a, rank: i + 1 }));
}

/** `all` with the target's assignments replaced by `ordered` (renumbered). */
function withTarget(
  all: readonly PolicyAssignment[],
  target: PolicyTarget,
  ordered: PolicyAssignment[],
): PolicyAssignment[] {
  return [...all.filter((a) => !sameTarget(a.target, target)), ...renumbered(ordered)];
}

function targetOf(all: readonly PolicyAssignment[], target: PolicyTarget): PolicyAssignment[] {
  return all.filter((a) => sameTarget(a.target, target)).sort((a, b) => a.rank - b.rank);
}

/** The listing after one write. A write about an assignment the listing lacks changes nothing. */
export function applyAssignmentWrite(
  all: readonly PolicyAssignment[],
  write: AssignmentWrite,
): PolicyAssignment[] {
  switch (write.kind) {
    case "assign": {
      const others = targetOf(all, write.assignment.target).filter((a) => a.uuid !== write.assignment.uuid);
      return withTarget(all, write.assignment.target, [...others, write.assignment]);
    }
    case "unassign": {
      const gone = all.find((a) => a.uuid === write.uuid);
      if (!gone) return [...all];
      return withTarget(
        all,
        gone.target,
        targetOf(all, gone.target).filter((a) => a.uuid !== write.uuid),
      );
    }
    case "rank": {
      const moved = all.find((a) => a.uuid === write.uuid);
      if (!moved) return [...all];
      const rest = targetOf(all, moved.target).filter((a) => a.uuid !== write.uuid);
      const at = Math.min(Math.max(write.rank, 1), rest.length + 1) - 1;
      return withTarget(all, moved.target, [...rest.slice(0, at), moved, ...rest.slice(at)]);
    }
    case "group": {
      const target = { deviceGroupUuid: write.groupUuid };
      return withTarget(
        all,
        target,
        [...write.assignments].sort((a, b) => a.rank - b.rank),
      );
    }
  }
}
