/**
 * The one anchor lookup, for `GroupAnchor` and for the hierarchy's plan: the live group an anchor
 * refers to (by uuid, by path, or by name below a parent), and whether it still has the name and
 * parent the program gives. Pure: the caller lists the tree once. An anchor is never created,
 * renamed or moved, so each caller turns a miss or a mismatch into its own message (a check
 * failure for `GroupAnchor`, a problem placed in the YAML file for the plan).
 */
import type { LiveGroup, LiveTree } from "./live-tree";

/** How a program names an anchored group; the first of uuid, path and parent that is given is used. */
export interface AnchorReference {
  /** The group's uuid, in any case. */
  uuid?: string;
  /** The group's path of names below All. */
  path?: string;
  /** The uuid of the group's parent: found by `name` below it without a uuid or path; else checked. */
  parentUuid?: string;
  /** The group's name: found by it below `parentUuid` without a uuid or path; else checked. */
  name?: string;
}

export type AnchorMatch =
  /** The group; `renamed` / `moved` when it no longer has the given name / parent. */
  | { found: LiveGroup; renamed: boolean; moved: boolean }
  /** Nothing has that uuid or path, the parent is not in the tree, or nothing below it has the name. */
  | { missing: "uuid" | "path" | "parent" }
  | { missing: "name"; parent: LiveGroup };

export function matchAnchor(live: LiveTree, ref: AnchorReference): AnchorMatch {
  let group: LiveGroup | undefined;
  if (ref.uuid !== undefined) {
    group = live.findUuid(ref.uuid);
    if (!group) return { missing: "uuid" };
  } else if (ref.path !== undefined) {
    group = live.resolve(ref.path);
    if (!group) return { missing: "path" };
  } else {
    const parent = ref.parentUuid === undefined ? undefined : live.get(ref.parentUuid);
    if (!parent) return { missing: "parent" };
    group = live.childrenOf(parent.uuid).find((child) => child.displayName === ref.name);
    if (!group) return { missing: "name", parent };
  }
  return {
    found: group,
    renamed: ref.name !== undefined && group.displayName !== ref.name,
    moved: ref.parentUuid !== undefined && (group.parentGroupUuid ?? "") !== ref.parentUuid,
  };
}
