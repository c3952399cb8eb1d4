/**
 * The policies part of the plan: for each group that declares `policies:`, its live assignments
 * (by rank) against the declared order. The same reckoning as `GroupPolicies` (exclusive: the
 * group's assignments become exactly the declared ones): a policy not declared is unassigned, a
 * declared one missing is assigned at its declared rank, and the kept ones are re-ranked when
 * their order differs. Pure: the caller lists the policies and assignments once.
 */
import type { HierarchyPlan, PlanNode, PlannedPolicy, PolicyChange } from "./plan";
import { summarize } from "./plan";
import { groupAssignments, policyNamer, type TenantPolicies } from "./policy-data";
import { membershipPlan } from "../resources/group-policies/plan";

/**
 * The change of one group, or undefined when its assignments are the declared ones already. Which
 * assignments go and which policies come is `GroupPolicies`' own membership plan (exclusive), so
 * the plan says what `up` does.
 */
export function diffGroupPolicies(
  declared: readonly string[],
  live: TenantPolicies["assignments"],
  nameOf: (uuid: string) => string,
  where: Pick<PolicyChange, "key" | "uuid" | "path">,
): PolicyChange | undefined {
  const ref = (uuid: string): PlannedPolicy => ({ uuid, name: nameOf(uuid) });
  const { unassign, assign } = membershipPlan(live, declared, true);
  const going = new Set(unassign.map((assignment) => assignment.uuid));
  const kept = live.filter((assignment) => !going.has(assignment.uuid)).map((a) => a.policyUuid);
  const keptSet = new Set(kept);
  const keptInDeclaredOrder = declared.filter((uuid) => keptSet.has(uuid));
  const sameOrder = kept.every((uuid, index) => keptInDeclaredOrder[index] === uuid);
  if (assign.length === 0 && unassign.length === 0 && sameOrder) return undefined;
  return {
    kind: "policies",
    ...where,
    added: assign.map((uuid) => ({ ...ref(uuid), rank: declared.indexOf(uuid) + 1 })),
    removed: unassign.map((a) => ({ ...ref(a.policyUuid), assignmentUuid: a.uuid })),
    ...(sameOrder ? {} : { reordered: { from: kept.map(ref), to: keptInDeclaredOrder.map(ref) } }),
  };
}

/**
 * A node that declared `policies:` in the last `up` (`formerUuids`) and no longer does: its
 * GroupPolicies is deleted, which unassigns the policies it managed; the group's other
 * assignments stay. Undefined when none of them is assigned any more.
 */
function releasedPolicies(
  formerUuids: readonly string[],
  live: TenantPolicies["assignments"],
  nameOf: (uuid: string) => string,
  where: Pick<PolicyChange, "key" | "uuid" | "path">,
): PolicyChange | undefined {
  const former = new Set(formerUuids.map((uuid) => uuid.toLowerCase()));
  const removed = live
    .filter((assignment) => former.has(assignment.policyUuid.toLowerCase()))
    .map((assignment) => ({
      uuid: assignment.policyUuid,
      name: nameOf(assignment.policyUuid),
      assignmentUuid: assignment.uuid,
    }));
  return removed.length === 0
    ? undefined
    : { kind: "policies", ...where, added: [], removed, released: true };
}

/**
 * The plan with a `policies` change on every group whose assignments differ from its declared
 * policies. `policyUuids` is key → resolved policy uuids (policy-names.ts); a group not in it is
 * not managed and gets no change. A group to be created gets all its policies as added.
 * `formerPolicies` (the stack's `policyUuidsByKey` output, when known) finds the nodes whose
 * `policies:` was removed from the file: their managed policies are unassigned.
 */
export function withPolicyChanges(
  plan: HierarchyPlan,
  policyUuids: ReadonlyMap<string, readonly string[]>,
  tenant: TenantPolicies,
  formerPolicies: Readonly<Record<string, readonly string[]>> = {},
): HierarchyPlan {
  const nameOf = policyNamer(tenant.policies);
  // Paths below All, as the other changes give them; the root's children start from its path.
  const annotate = (node: PlanNode, parentPath: string | undefined): PlanNode => {
    const path =
      parentPath === undefined
        ? plan.root.path
        : (node.changes.find((change) => change.kind !== "policies")?.path ??
          (parentPath === "" ? node.name : `${parentPath}/${node.name}`));
    const declared = node.key !== undefined ? policyUuids.get(node.key) : undefined;
    const live = node.uuid !== undefined ? groupAssignments(tenant.assignments, node.uuid) : [];
    const where = { key: node.key!, uuid: node.uuid, path };
    const former = node.key !== undefined ? formerPolicies[node.key] : undefined;
    const change =
      parentPath === undefined || node.key === undefined
        ? undefined
        : declared !== undefined
          ? diffGroupPolicies(declared, live, nameOf, where)
          : former !== undefined
            ? releasedPolicies(former, live, nameOf, where)
            : undefined;
    const own = node.changes.filter((c) => c.kind !== "policies");
    return {
      ...node,
      changes: change ? [...own, change] : own,
      children: node.children.map((child) => annotate(child, path)),
    };
  };
  const tree = annotate(plan.tree, undefined);
  return { ...plan, ...summarize(tree) };
}
