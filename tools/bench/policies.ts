/**
 * The benchmark's policies (--policies): every group of the declared tree carries two of the
 * emulator's built-in policies, a reorder edit swaps them on a share of the groups, and the live
 * assignments are compared with the declared ones, rank by rank. Pure functions: the same tree
 * always gets the same policies and the same reorder, so runs are comparable.
 */
import {
  ANTIVIRUS_BALANCED_POLICY_UUID,
  ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID,
  DEVICE_CONTROL_READ_ONLY_POLICY_UUID,
  LOGGING_IMPORTANT_EVENTS_POLICY_UUID,
  BUILT_IN_POLICIES,
  VISIBILITY_BALANCED_POLICY_UUID,
  type PolicyAssignment,
} from "../../emulator";
import { depthOf, type DeclaredTree } from "./tree";

/**
 * The two policies per level, rank 1 first: a customer's baseline, its sites' visibility, stricter
 * device control for departments, the strictest for teams. Uuids, not names: a name is resolved
 * with a policy listing in every preview, and the no-op preview must make no call.
 */
export const POLICIES_BY_DEPTH: readonly (readonly [string, string])[] = [
  [ANTIVIRUS_BALANCED_POLICY_UUID, LOGGING_IMPORTANT_EVENTS_POLICY_UUID],
  [VISIBILITY_BALANCED_POLICY_UUID, ANTIVIRUS_BALANCED_POLICY_UUID],
  [DEVICE_CONTROL_READ_ONLY_POLICY_UUID, ANTIVIRUS_BALANCED_POLICY_UUID],
  [DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID, ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID],
];

/** The tree with two policies on every group (by its depth). */
export function withPolicies(tree: DeclaredTree): DeclaredTree {
  return {
    nodes: tree.nodes.map((node) => ({
      ...node,
      policies: [...POLICIES_BY_DEPTH[depthOf(tree, node.key) - 1]],
    })),
  };
}

/**
 * The same tree with each policy given by its display name instead of its uuid: what the
 * benchmark previews once to show what names cost (a policy listing per run).
 */
export function withPolicyNames(tree: DeclaredTree): DeclaredTree {
  const nameOf = new Map(BUILT_IN_POLICIES.map((p) => [p.uuid, p.displayName]));
  return {
    nodes: tree.nodes.map((node) =>
      node.policies
        ? { ...node, policies: node.policies.map((uuid) => nameOf.get(uuid) ?? uuid) }
        : { ...node },
    ),
  };
}

/** What the reorder changed: the new tree and the keys whose policies swapped. */
export interface PolicyReorder {
  tree: DeclaredTree;
  reordered: string[];
}

/**
 * Swaps the first two policies of `share` of the groups that carry two or more (at least one
 * group), picked evenly over the tree so every level is touched. Groups and names stay as they
 * are, so the step's calls are the reorder's alone.
 */
export function reorderPolicies(tree: DeclaredTree, share = 0.1): PolicyReorder {
  const candidates = tree.nodes.filter((n) => (n.policies?.length ?? 0) >= 2).map((n) => n.key);
  const count = Math.min(candidates.length, Math.max(1, Math.round(tree.nodes.length * share)));
  const step = candidates.length / Math.max(count, 1);
  const reordered = new Set(Array.from({ length: count }, (_, i) => candidates[Math.floor(i * step)]));
  const nodes = tree.nodes.map((node) => {
    if (!reordered.has(node.key) || !node.policies) return { ...node };
    const [first, second, ...rest] = node.policies;
    return { ...node, policies: [second, first, ...rest] };
  });
  return { tree: { nodes }, reordered: [...reordered] };
}

/**
 * "" when every declared group carries exactly its declared policies in rank order and no other
 * group carries any; else a readable list of the first differences. `uuidByKey` is the live uuid
 * of each declared key (verify.ts); a key without one is reported by the tree comparison.
 */
export function describePolicyMismatch(
  assignments: readonly PolicyAssignment[],
  tree: DeclaredTree,
  uuidByKey: ReadonlyMap<string, string>,
): string {
  const byGroup = new Map<string, PolicyAssignment[]>();
  for (const a of assignments) {
    const group = a.target.deviceGroupUuid;
    if (group === undefined) continue;
    byGroup.set(group, [...(byGroup.get(group) ?? []), a]);
  }
  const differences: string[] = [];
  const declaredGroups = new Set<string>();
  for (const node of tree.nodes) {
    const uuid = uuidByKey.get(node.key);
    if (uuid === undefined) continue;
    declaredGroups.add(uuid);
    const live = (byGroup.get(uuid) ?? []).sort((a, b) => a.rank - b.rank).map((a) => a.policyUuid);
    const declared = node.policies ?? [];
    if (live.join(",") !== declared.join(","))
      differences.push(`${node.key}: declared [${declared.join(", ")}], live [${live.join(", ")}]`);
  }
  for (const [group, list] of byGroup) {
    if (!declaredGroups.has(group)) differences.push(`undeclared group ${group} carries ${list.length}`);
  }
  if (differences.length === 0) return "";
  const more = differences.length > 10 ? `; ... (${differences.length} in all)` : "";
  return `policies differ: ${differences.slice(0, 10).join("; ")}${more}`;
}

/** Items per page of every ESET Connect listing the client makes (provider/client/paging.ts). */
export const LISTING_PAGE = 1000;

/** Declared assignments of a tree. */
export const assignmentCount = (tree: DeclaredTree) =>
  tree.nodes.reduce((sum, n) => sum + (n.policies?.length ?? 0), 0);

/** Pages of a listing of `items` (an empty listing is still one call). */
export const pages = (items: number) => Math.max(1, Math.ceil(items / LISTING_PAGE));
