/**
 * The plan: a pure diff between the declared tree and the live tree under the managed root, shaped
 * as a tree so a reviewer reads it the way they think of the hierarchy.
 *
 * Which live group a declared node stands for ("identity"):
 * 1. `existingUuid`, or the uuid Pulumi recorded for the node's key (`knownUuids`, the
 *    `Hierarchy` component's `uuidsByKey` output) — renames and moves are then seen as such;
 * 2. without `knownUuids` only: a not-yet-matched live child of the node's (matched) parent with the
 *    node's name. With `knownUuids`, a node not in it is created by Pulumi, so a same-named group
 *    already there is reported as a conflict instead.
 */
import { isLinked } from "../client/linked-entity";
import type { DeclaredGroup, DeclaredHierarchy } from "./declared";
import type { LiveGroup, LiveTree } from "../client/live-tree";
import { resolveAnchors, throwAnchorProblems } from "./anchor-resolution";
import type { Locate } from "./problems";

export type PlanChange =
  | {
      kind: "create";
      key: string;
      path: string;
      /** A same-named group that already sits where this one would be created (the create fails). */
      conflictUuid?: string;
      /** The identity the node had (existingUuid or recorded uuid) that no longer exists in ESET. */
      missingUuid?: string;
    }
  | { kind: "rename"; key: string; uuid: string; path: string; from: string; to: string }
  | { kind: "move"; key: string; uuid: string; path: string; fromPath: string; toPath: string }
  | { kind: "retype"; key: string; uuid: string; path: string; from: string; to: string }
  | {
      kind: "remove";
      uuid: string;
      path: string;
      formerKey: string;
      /** What ESET deletes with the group; set by `withBlastRadius` once devices are listed. */
      deletesWith?: DeletedWith;
    }
  | { kind: "unmanaged"; uuid: string; path: string }
  | PolicyChange;

/** A policy as the plan names it: its uuid and display name (the uuid when ESET did not list it). */
export interface PlannedPolicy {
  uuid: string;
  name: string;
}

/**
 * The group's assignments differ from its declared `policies:` (set by `withPolicyChanges`).
 * `up` assigns `added`, unassigns `removed` and re-ranks what `reordered` names; nothing else.
 */
export interface PolicyChange {
  kind: "policies";
  key: string;
  /** Undefined when the group is still to be created. */
  uuid?: string;
  path: string;
  /** Policies to assign, each with the rank it gets (1 = highest priority). */
  added: (PlannedPolicy & { rank: number })[];
  /** Assignments to remove: policies not declared, or a policy assigned twice (the later rank). */
  removed: (PlannedPolicy & { assignmentUuid: string })[];
  /** The kept policies in their live order and in the declared order, when those differ. */
  reordered?: { from: PlannedPolicy[]; to: PlannedPolicy[] };
  /**
   * True when the node no longer declares `policies:` (it did in the last `up`): `removed` are the
   * policies its GroupPolicies managed, unassigned when it is deleted; other assignments stay.
   */
  released?: true;
}

/** What ESET deletes along with a removed group, besides the group itself. */
export interface DeletedWith {
  /** Devices in the group or below it, each once (ESET lists a device once per membership), by name. */
  devices: { uuid: string; displayName: string }[];
  /** Groups below it that the file does not declare, parents before children (paths below All). */
  groups: { uuid: string; displayName: string; path: string }[];
  /**
   * Policy assignments on the group and on the undeclared groups below it, which go with them:
   * the policies stop applying to those devices. Absent when assignments were not listed.
   */
  assignments?: DroppedAssignment[];
}

/** A policy assignment that a group removal takes with it. */
export interface DroppedAssignment {
  uuid: string;
  policyUuid: string;
  policyName: string;
  /** The group it targets: the removed group or an undeclared group below it. */
  groupUuid: string;
  groupName: string;
}

export type PlanChangeKind = PlanChange["kind"];
export const PLAN_CHANGE_KINDS: readonly PlanChangeKind[] = [
  "create",
  "remove",
  "rename",
  "move",
  "retype",
  "unmanaged",
  "policies",
];

/** One line of the tree-shaped plan. */
export interface PlanNode {
  /** Declared name, or the live name of a group that is not declared. */
  name: string;
  key?: string;
  uuid?: string;
  /** True for an anchor: an existing group this hierarchy refers to and never changes. */
  anchor?: boolean;
  changes: PlanChange[];
  children: PlanNode[];
}

export interface HierarchyPlan {
  /** The managed root: the hierarchy's `parent` (All when absent). */
  root: { uuid: string; path: string; name: string };
  tree: PlanNode;
  /** Every change, in tree order (parents before children). */
  changes: PlanChange[];
  /** Count of changes by kind, plus declared groups that match exactly, plus anchors (never changed). */
  summary: Record<PlanChangeKind, number> & { unchanged: number; anchors: number };
  /**
   * Totals over every removal: devices (each once) and undeclared groups ESET deletes with the
   * removed groups, and the policy assignments on them (when assignments were listed). Set by
   * `withBlastRadius`; absent when devices were not listed.
   */
  deletesWith?: { devices: number; groups: number; assignments?: number };
}

export interface PlanOptions {
  /** Uuid of the group the hierarchy is built under (resolve the spec's `parent` first). */
  rootUuid: string;
  /** Key → uuid of the groups Pulumi already manages. Default: unknown (match by name). */
  knownUuids?: Readonly<Record<string, string>>;
  /** Places problems in messages (a file's `file:line:column`). Default: property paths. */
  locate?: Locate;
}

const UNSPECIFIED = "GROUP_ENTITY_TYPE_UNSPECIFIED";

function joinPath(rootPath: string, path: string): string {
  return rootPath === "" ? path : `${rootPath}/${path}`;
}

/** Compares the declared tree with the live tree; read-only and deterministic. */
export function planHierarchy(
  declared: DeclaredHierarchy,
  live: LiveTree,
  options: PlanOptions,
): HierarchyPlan {
  const { rootUuid, knownUuids } = options;
  const rootGroup = live.get(rootUuid);
  if (!rootGroup) throw new Error(`The managed root ${rootUuid} is not in the live tree.`);
  const rootPath = live.pathOf(rootUuid);
  const matched = new Map<string, LiveGroup>();
  const missing = new Map<string, string>();
  const claimed = new Set<string>();
  // Anchors are never changed, so one that does not match ESET makes the plan meaningless: say so.
  const anchors = resolveAnchors(declared, live, rootUuid);
  throwAnchorProblems(anchors.problems, options.locate);
  for (const [key, group] of anchors.matched) {
    matched.set(key, group);
    claimed.add(group.uuid);
  }

  for (const group of declared.all) {
    if (group.anchor) continue;
    const uuid = group.existingUuid ?? knownUuids?.[group.key];
    if (uuid === undefined) continue;
    const found = live.get(uuid);
    if (found) {
      matched.set(group.key, found);
      claimed.add(found.uuid);
    } else {
      missing.set(group.key, uuid);
    }
  }
  const parentUuidOf = (group: DeclaredGroup): string | undefined =>
    group.parentKey === undefined ? rootUuid : matched.get(group.parentKey)?.uuid;
  const sameNamedChild = (group: DeclaredGroup): LiveGroup | undefined => {
    const parentUuid = parentUuidOf(group);
    if (parentUuid === undefined) return undefined;
    return live.childrenOf(parentUuid).find((c) => c.displayName === group.name && !claimed.has(c.uuid));
  };
  if (!knownUuids) {
    for (const group of declared.all) {
      if (group.anchor || matched.has(group.key) || missing.has(group.key)) continue;
      const found = sameNamedChild(group);
      if (found) {
        matched.set(group.key, found);
        claimed.add(found.uuid);
      }
    }
  }
  const formerKeys = new Map(Object.entries(knownUuids ?? {}).map(([key, uuid]) => [uuid, key]));

  const changesOf = (group: DeclaredGroup): PlanChange[] => {
    if (group.anchor) return [];
    const path = joinPath(rootPath, group.path);
    const found = matched.get(group.key);
    if (!found) {
      const conflict = knownUuids ? sameNamedChild(group) : undefined;
      return [
        {
          kind: "create",
          key: group.key,
          path,
          conflictUuid: conflict?.uuid,
          missingUuid: missing.get(group.key),
        },
      ];
    }
    const changes: PlanChange[] = [];
    const base = { key: group.key, uuid: found.uuid, path };
    if (found.displayName !== group.name) {
      changes.push({ kind: "rename", ...base, from: found.displayName, to: group.name });
    }
    const parentUuid = parentUuidOf(group);
    if (parentUuid === undefined || found.parentGroupUuid !== parentUuid) {
      changes.push({ kind: "move", ...base, fromPath: live.pathOf(found.uuid), toPath: path });
    }
    const liveType = found.linkedEntityType ?? UNSPECIFIED;
    if (liveType !== group.linkedEntityType) {
      changes.push({ kind: "retype", ...base, from: liveType, to: group.linkedEntityType });
    }
    return changes;
  };

  const undeclaredBelow = (uuid: string | undefined): PlanNode[] =>
    uuid === undefined
      ? []
      : live
          .childrenOf(uuid)
          .filter((child) => !claimed.has(child.uuid) && !live.isBuiltIn(child.uuid))
          .map((child) => {
            const path = live.pathOf(child.uuid);
            const formerKey = formerKeys.get(child.uuid);
            // A linked group is never deleted (ESET refuses): it is only no longer declared.
            const change: PlanChange =
              formerKey !== undefined && !isLinked(child.linkedEntityType)
                ? { kind: "remove", uuid: child.uuid, path, formerKey }
                : { kind: "unmanaged", uuid: child.uuid, path };
            return {
              name: child.displayName,
              uuid: child.uuid,
              changes: [change],
              children: undeclaredBelow(child.uuid),
            };
          });

  const nodeOf = (group: DeclaredGroup): PlanNode => {
    const uuid = matched.get(group.key)?.uuid;
    return {
      name: group.name,
      key: group.key,
      uuid,
      ...(group.anchor ? { anchor: true } : {}),
      changes: changesOf(group),
      children: [...group.children.map(nodeOf), ...undeclaredBelow(uuid)],
    };
  };

  const tree: PlanNode = {
    name: rootPath === "" ? rootGroup.displayName : rootPath,
    uuid: rootUuid,
    changes: [],
    children: [...declared.groups.map(nodeOf), ...undeclaredBelow(rootUuid)],
  };
  return { root: { uuid: rootUuid, path: rootPath, name: rootGroup.displayName }, ...summarize(tree) };
}

/** Every change of `tree` in tree order, and the counts by kind (the plan's `changes` and `summary`). */
export function summarize(tree: PlanNode): Pick<HierarchyPlan, "tree" | "changes" | "summary"> {
  const changes: PlanChange[] = [];
  const summary = {
    create: 0,
    remove: 0,
    rename: 0,
    move: 0,
    retype: 0,
    unmanaged: 0,
    policies: 0,
    unchanged: 0,
    anchors: 0,
  };
  const collect = (node: PlanNode, isRoot: boolean): void => {
    changes.push(...node.changes);
    for (const change of node.changes) summary[change.kind]++;
    if (node.anchor) summary.anchors++;
    else if (!isRoot && node.key !== undefined && node.changes.length === 0) summary.unchanged++;
    node.children.forEach((child) => collect(child, false));
  };
  collect(tree, true);
  return { tree, changes, summary };
}

/** True when applying the hierarchy would change something or ESET holds undeclared groups. */
export function planHasChanges(plan: HierarchyPlan): boolean {
  return plan.changes.length > 0;
}
