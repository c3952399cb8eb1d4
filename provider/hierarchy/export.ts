/**
 * `export`: the live tree written as a declared hierarchy in which every node adopts its group
 * (`existingUuid`) or, for ESET's linked groups, refers to it as an anchor, and carries an explicit key. Applying it creates nothing, and because keys are
 * explicit, later renames and moves in the file stay in place. Given the tenant's policies, each
 * group that carries assignments gets its `policies:` in rank order, so applying it assigns nothing.
 */
import { Document, isMap, isScalar, isSeq, visit } from "yaml";
import { isLinked } from "../client/linked-entity";
import { ALL_GROUP_UUID, type HierarchyNode, type HierarchySpec } from "./format";
import { defaultKey, slug } from "./keys";
import type { LiveTree } from "../client/live-tree";
import { groupAssignments, type TenantPolicies } from "./policy-data";

/**
 * Each group's policies as a file writes them: display names where the name is unique in the
 * tenant, else uuids (a name several policies share would not resolve); each policy once, in rank
 * order. Groups without assignments get none (their policies stay unmanaged until a file says so).
 */
export function exportedPolicies(tenant: TenantPolicies): (groupUuid: string) => string[] | undefined {
  const named = new Map<string, number>();
  for (const policy of tenant.policies)
    named.set(policy.displayName, (named.get(policy.displayName) ?? 0) + 1);
  const byUuid = new Map(tenant.policies.map((policy) => [policy.uuid.toLowerCase(), policy]));
  return (groupUuid) => {
    const entries: string[] = [];
    const seen = new Set<string>();
    for (const assignment of groupAssignments(tenant.assignments, groupUuid)) {
      const id = assignment.policyUuid.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      const policy = byUuid.get(id);
      entries.push(
        policy && named.get(policy.displayName) === 1 ? policy.displayName : assignment.policyUuid,
      );
    }
    return entries.length > 0 ? entries : undefined;
  };
}

/**
 * The hierarchy of every static group below `rootUuid` (Lost & found and dynamic groups left out),
 * with each group's policies when `tenant` is given. Default: no policies written.
 */
export function exportHierarchy(
  live: LiveTree,
  rootUuid: string = ALL_GROUP_UUID,
  tenant?: TenantPolicies,
): HierarchySpec {
  const policiesOf = tenant ? exportedPolicies(tenant) : () => undefined;
  const used = new Set<string>();
  const keyFor = (parentKey: string | undefined, name: string, uuid: string): string => {
    const base =
      slug(name) === "" ? defaultKey(parentKey, `group-${uuid.slice(0, 8)}`) : defaultKey(parentKey, name);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  };
  const holdsLinked = (uuid: string): boolean =>
    [live.get(uuid), ...live.descendantsOf(uuid)].some((g) => isLinked(g?.linkedEntityType));
  const nodesBelow = (uuid: string, parentKey: string | undefined): HierarchyNode[] =>
    live
      .childrenOf(uuid)
      .filter((group) => !live.isBuiltIn(group.uuid))
      .map((group) => {
        const key = keyFor(parentKey, group.displayName, group.uuid);
        // ESET's linked groups are never managed: they, and any static group holding one (whose delete
        // would take it along), are written as anchors; the static groups below them are adopted.
        const node: HierarchyNode = holdsLinked(group.uuid)
          ? { name: group.displayName, key, anchor: true, existingUuid: group.uuid }
          : { name: group.displayName, key, existingUuid: group.uuid };
        const policies = policiesOf(group.uuid);
        if (policies) node.policies = policies;
        const children = nodesBelow(group.uuid, key);
        if (children.length > 0) node.children = children;
        return node;
      });
  const spec: HierarchySpec = { groups: nodesBelow(rootUuid, undefined) };
  return rootUuid === ALL_GROUP_UUID ? spec : { parent: rootUuid, ...spec };
}

export interface HierarchyYamlOptions {
  /** Comment lines written at the top of the file (an empty string leaves a blank line). Default: none. */
  header?: readonly string[];
  /** The path of `parent`, written as a comment beside its uuid. Default: none. */
  parentPath?: string;
  /** Names a policy uuid in a `policies:` list, written as a comment beside it. Default: none. */
  policyName?: (uuid: string) => string | undefined;
}

/** The hierarchy as YAML text, fields in the documented order. */
export function hierarchyToYaml(spec: HierarchySpec, options: HierarchyYamlOptions = {}): string {
  const doc = new Document(spec);
  if (options.header && options.header.length > 0) {
    doc.commentBefore = options.header.map((line) => (line === "" ? "" : ` ${line}`)).join("\n");
  }
  if (options.parentPath !== undefined && isMap(doc.contents)) {
    const value = doc.contents.get("parent", true);
    if (isScalar(value)) value.comment = ` ${options.parentPath || "All"}`;
  }
  const policyName = options.policyName;
  if (policyName) {
    // A uuid alone says nothing to a reviewer: its name goes beside it (a name shared by several policies).
    visit(doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key) || pair.key.value !== "policies" || !isSeq(pair.value)) return;
        for (const item of pair.value.items) {
          const name = isScalar(item) ? policyName(String(item.value)) : undefined;
          if (isScalar(item) && name !== undefined && name !== item.value) item.comment = ` ${name}`;
        }
      },
    });
  }
  return doc.toString({ lineWidth: 0 });
}
