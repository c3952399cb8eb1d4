/**
 * Words for the policies part of the plan, shared by the text tree, the Markdown comment and the
 * Mermaid picture: what a group's assignments become, what a removal drops, and the totals.
 */
import { count, firstNames } from "../../shared/text";
import type { DroppedAssignment, HierarchyPlan, PolicyChange } from "./plan";

function quoted(names: string[]): string {
  return names.map((name) => JSON.stringify(name)).join(", ");
}

/** `+ "A" at rank 1; - "B"; reorder "C", "D" → "D", "C"` (for the text tree). */
export function policyChangeText(change: PolicyChange): string {
  const parts = [
    ...change.added.map((p) => `+ ${JSON.stringify(p.name)} at rank ${p.rank}`),
    ...change.removed.map((p) => `- ${JSON.stringify(p.name)}`),
  ];
  if (change.reordered) {
    const { from, to } = change.reordered;
    parts.push(`reorder ${quoted(from.map((p) => p.name))} → ${quoted(to.map((p) => p.name))}`);
  }
  return change.released
    ? `policies: no longer declared, unassigned: ${parts.join("; ")}`
    : `policies: ${parts.join("; ")}`;
}

/** One short line per assignment change, for a Mermaid label. */
export function policyChangeLines(change: PolicyChange): string[] {
  return [
    ...(change.released ? ["policies no longer declared"] : []),
    ...change.added.map((p) => `+ policy ${p.name} (rank ${p.rank})`),
    ...change.removed.map((p) => `- policy ${p.name}`),
    ...(change.reordered
      ? [
          `policy order: ${change.reordered.to.map((p) => p.name).join(", ")} (was ${change.reordered.from.map((p) => p.name).join(", ")})`,
        ]
      : []),
  ];
}

/** `2 policy assignments ("A", "B on Temp")`: assignments on groups below say which group. */
export function droppedAssignmentsText(
  assignments: readonly DroppedAssignment[],
  removedUuid: string,
): string {
  const names = assignments.map((a) =>
    a.groupUuid === removedUuid ? a.policyName : `${a.policyName} on ${a.groupName}`,
  );
  return `${count(assignments.length, "policy assignment")} (${firstNames(names)})`;
}

/** Totals of every group's policy changes, for the plan's summary. */
export function policyTotals(plan: HierarchyPlan): { added: number; removed: number; reordered: number } {
  const totals = { added: 0, removed: 0, reordered: 0 };
  for (const change of plan.changes) {
    if (change.kind !== "policies") continue;
    totals.added += change.added.length;
    totals.removed += change.removed.length;
    if (change.reordered) totals.reordered++;
  }
  return totals;
}

/** "Policy assignments: 2 to add, 1 to remove, 1 group to reorder." — undefined without policy changes. */
export function policySummary(plan: HierarchyPlan): string | undefined {
  const { added, removed, reordered } = policyTotals(plan);
  if (added + removed + reordered === 0) return undefined;
  const parts = [
    added > 0 ? `${added} to add` : "",
    removed > 0 ? `${removed} to remove` : "",
    reordered > 0 ? `${count(reordered, "group")} to reorder` : "",
  ].filter(Boolean);
  return `Policy assignments: ${parts.join(", ")}.`;
}
