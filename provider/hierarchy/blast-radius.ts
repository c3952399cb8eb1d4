/**
 * Blast radius: what ESET deletes along with each group the plan removes. ESET deletes a group
 * with every group and device below it, so a removed group takes with it the devices in its
 * subtree and the groups there that the file does not declare (declared groups below it are
 * matched elsewhere and moved out first). Pure: the caller lists the devices once.
 *
 * Attribution: Pulumi deletes children before parents, so a device or undeclared group is counted
 * for the nearest removed group above it; the plan's totals count each device once even when ESET
 * lists it once per group it is a member of.
 */
import type { DeletedWith, DroppedAssignment, HierarchyPlan, PlanChange, PlanNode } from "./plan";
import { groupAssignments, policyNamer, type TenantPolicies } from "./policy-data";

/** A device as ESET lists it in a group (the client's `Device` fits): one entry per membership. */
export interface DeviceMembership {
  uuid: string;
  displayName: string;
  /** The group this entry lists the device in. */
  groupUuid: string;
}

function removalOf(node: PlanNode): Extract<PlanChange, { kind: "remove" }> | undefined {
  return node.changes.find((c): c is Extract<PlanChange, { kind: "remove" }> => c.kind === "remove");
}

/**
 * The one group whose devices (with `recurseSubgroups`) cover every removal: the deepest group
 * above or at all of them. Undefined when nothing is removed, so a plan without removals lists no
 * devices at all.
 */
export function deviceListingRoot(plan: HierarchyPlan): string | undefined {
  const chains: string[][] = [];
  const walk = (node: PlanNode, chain: string[]): void => {
    const here = node.uuid === undefined ? chain : [...chain, node.uuid];
    if (removalOf(node)) {
      chains.push(here);
      return;
    }
    node.children.forEach((child) => walk(child, here));
  };
  walk(plan.tree, []);
  if (chains.length === 0) return undefined;
  let common = chains[0];
  for (const chain of chains.slice(1)) {
    let same = 0;
    while (same < common.length && same < chain.length && common[same] === chain[same]) same++;
    common = common.slice(0, same);
  }
  return common[common.length - 1] ?? plan.root.uuid;
}

function byName(a: { displayName: string; uuid: string }, b: { displayName: string; uuid: string }): number {
  return a.displayName.localeCompare(b.displayName) || a.uuid.localeCompare(b.uuid);
}

/**
 * The plan with `deletesWith` filled in on every removal and on the plan (totals). `devices` are
 * the memberships listed below `deviceListingRoot(plan)` (or any wider listing); entries in groups
 * outside the removed subtrees are ignored. With `tenant` (the tenant's policies and assignments),
 * each removal also lists the policy assignments on the groups it deletes.
 */
export function withBlastRadius(
  plan: HierarchyPlan,
  devices: readonly DeviceMembership[],
  tenant?: TenantPolicies,
): HierarchyPlan {
  const nameOf = policyNamer(tenant?.policies ?? []);
  let droppedTotal = 0;
  const byGroup = new Map<string, DeviceMembership[]>();
  for (const device of devices) {
    const list = byGroup.get(device.groupUuid) ?? [];
    list.push(device);
    byGroup.set(device.groupUuid, list);
  }
  const allDevices = new Set<string>();
  const allGroups = new Set<string>();
  // Paths come from the nodes' own changes (each undeclared or removed node carries one).
  const pathOf = (node: PlanNode): string => node.changes.find((c) => "path" in c)?.path ?? node.name;

  const annotate = (node: PlanNode): PlanNode => {
    const removal = removalOf(node);
    if (!removal) return { ...node, children: node.children.map(annotate) };
    const found = new Map<string, { uuid: string; displayName: string }>();
    const groups: DeletedWith["groups"] = [];
    const assignments: DroppedAssignment[] = [];
    const collect = (current: PlanNode, isSelf: boolean): void => {
      if (!isSelf && current.uuid !== undefined) {
        groups.push({ uuid: current.uuid, displayName: current.name, path: pathOf(current) });
      }
      for (const a of current.uuid && tenant ? groupAssignments(tenant.assignments, current.uuid) : []) {
        assignments.push({
          uuid: a.uuid,
          policyUuid: a.policyUuid,
          policyName: nameOf(a.policyUuid),
          groupUuid: current.uuid!,
          groupName: current.name,
        });
      }
      for (const d of byGroup.get(current.uuid ?? "") ?? []) {
        found.set(d.uuid, { uuid: d.uuid, displayName: d.displayName });
      }
      for (const child of current.children) if (!removalOf(child)) collect(child, false);
    };
    collect(node, true);
    const deletesWith: DeletedWith = {
      devices: [...found.values()].sort(byName),
      groups,
      ...(tenant ? { assignments } : {}),
    };
    droppedTotal += assignments.length;
    deletesWith.devices.forEach((d) => allDevices.add(d.uuid));
    groups.forEach((g) => allGroups.add(g.uuid));
    return {
      ...node,
      changes: node.changes.map((c) => (c === removal ? { ...removal, deletesWith } : c)),
      children: node.children.map(annotate),
    };
  };
  const tree = annotate(plan.tree);
  const changes: PlanChange[] = [];
  const gather = (node: PlanNode): void => {
    changes.push(...node.changes);
    node.children.forEach(gather);
  };
  gather(tree);
  const totals = { devices: allDevices.size, groups: allGroups.size };
  return { ...plan, tree, changes, deletesWith: tenant ? { ...totals, assignments: droppedTotal } : totals };
}

/** True when applying the plan makes ESET delete at least one device. */
export function planDeletesDevices(plan: HierarchyPlan): boolean {
  return (plan.deletesWith?.devices ?? 0) > 0;
}
