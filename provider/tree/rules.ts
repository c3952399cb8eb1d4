/**
 * ESET's tree rules, checked against a listing before a call is made (and in preview, before
 * anything runs), so that a broken rule is our own message naming the input, not ESET's status
 * code. ESET answers 403 for every user error on the domain services (its error_codes page), so
 * after a call a status code alone cannot tell a broken rule from a missing permission: these
 * rules are also what a fresh listing is checked against after a 400, 403 or 404.
 *
 * Rules and their sources (docs/resources.md, "What is refused before any call"):
 * - the parent must exist (a create or move under an unknown group fails);
 * - a group cannot move under itself or its own subgroup (ESET refuses; the emulator too);
 * - no two siblings share a name (the product's own rule, even where ESET would accept it);
 * - "All" and "Lost & found" are never renamed, moved, deleted or adopted, and a group linked to
 *   an entity (customer, MSP, site, household, external container) is never renamed, moved or
 *   deleted through the API (ESET's OpenAPI, v1Group);
 * - devices enrol into a static group only (GpoSccmFile's securityGroupUuid).
 */
import type { DeviceGroup, GroupTree } from "../client";
import { subtreeOf } from "../client/tree";
import { ALL_GROUP_UUID } from "../client/well-known-groups";
import { isLinked, shortEntityType } from "../client/linked-entity";
import { isDynamicGroup } from "../client/dynamic-groups";
import { adoptionMissingReason, adoptionRefusalReason, groupKind, linkedType } from "./group-kinds";

/** Where a group is: the two things a rename or a move changes. */
export interface Placement {
  displayName: string;
  parentGroupUuid: string;
}

/** A change whose tree rules can be checked before it is made. */
export type TreeChange =
  /**
   * A new group. `ownUuids`: the uuids this resource asks ESET for (docs/client.md, "Interrupted
   * runs"); a sibling with one of them is this resource's own group from an earlier run, not a clash.
   */
  | { kind: "create"; to: Placement; ownUuids?: readonly string[] }
  /** A rename and/or move of the existing group `uuid` (an update, or an adoption). */
  | { kind: "place"; uuid: string; from: Placement; to: Placement; adopting?: boolean }
  /** A GPO/SCCM file whose devices join `securityGroupUuid`. */
  | { kind: "enrol"; securityGroupUuid: string };

/** One rule a change would break: the input to fix and why, in words for the user. */
export interface TreeRuleBreak {
  rule:
    | "parent-missing"
    | "group-missing"
    | "special-group"
    | "linked-group"
    | "own-subtree"
    | "name-taken"
    | "no-order"
    | "group-missing-for-enrol"
    | "dynamic-group";
  property: string;
  reason: string;
}

/** "All" or "Lost & found" (group-kinds.ts decides, for every check alike), else undefined. */
export function specialGroupName(tree: GroupTree, uuid: string): "All" | "Lost & found" | undefined {
  if (uuid === ALL_GROUP_UUID) return "All";
  const group = tree.byUuid.get(uuid);
  if (!group) return undefined;
  const kind = groupKind(group);
  return kind.kind === "special" ? kind.name : undefined;
}

/** `"All / EMEA" (uuid)`, or the uuid alone when the listing does not place it. */
export function groupText(tree: GroupTree, uuid: string): string {
  const path = tree.pathOf(uuid);
  return path ? `"${path.join(" / ")}" (${uuid})` : uuid;
}

/** The sibling of `at` (another group than `except`) already named `at.displayName`, if any. */
export function siblingNamed(tree: GroupTree, at: Placement, except?: string): DeviceGroup | undefined {
  return tree
    .childrenOf(at.parentGroupUuid)
    .find((g) => g.displayName === at.displayName && g.uuid !== except);
}

const TWO_RUNS =
  "If that group belongs to this stack and gets another name or parent in this same change, ESET still refuses: " +
  "Pulumi makes both changes at once and ESET checks names at each call, so make them in two pulumi up runs.";

function parentMissing(tree: GroupTree, parent: string, verb: string): TreeRuleBreak {
  return {
    rule: "parent-missing",
    property: "parentGroupUuid",
    reason:
      `${parent} is not a group of this tenant, so ESET cannot ${verb} under it. Use another Group's uuid output, ` +
      `the uuid ESET PROTECT shows in the group's details, or ${ALL_GROUP_UUID} for "All".`,
  };
}

function createBreaks(tree: GroupTree, to: Placement, ownUuids: readonly string[] = []): TreeRuleBreak[] {
  if (!tree.byUuid.has(to.parentGroupUuid))
    return [parentMissing(tree, to.parentGroupUuid, "create a group")];
  const clash = tree
    .childrenOf(to.parentGroupUuid)
    .find((g) => g.displayName === to.displayName && !ownUuids.includes(g.uuid));
  if (!clash) return [];
  return [
    {
      rule: "name-taken",
      property: "displayName",
      reason:
        `a group with this name already exists under ${groupText(tree, to.parentGroupUuid)}: ${clash.uuid}. ` +
        `To manage that group with this resource, set existingUuid: "${clash.uuid}" on it; to create a separate ` +
        `group, choose another displayName.`,
    },
  ];
}

/** The rules of the group itself: it exists, and ESET lets the API change it (adoption: group-kinds.ts's words). */
function targetBreaks(tree: GroupTree, uuid: string, property: string, adopting: boolean): TreeRuleBreak[] {
  const group = tree.byUuid.get(uuid);
  if (!group) {
    return [
      {
        rule: "group-missing",
        property,
        reason: adopting
          ? adoptionMissingReason(uuid)
          : `the group ${uuid} no longer exists in ESET. Run pulumi refresh so the stack forgets it; the next ` +
            `pulumi up creates it again.`,
      },
    ];
  }
  const special = specialGroupName(tree, uuid);
  if (special) {
    return [
      {
        rule: "special-group",
        property,
        reason: adopting
          ? adoptionRefusalReason(tree, group, { kind: "special", name: special })
          : `${uuid} is ESET's built-in group "${special}", which the API can never rename, move or delete. ` +
            `Stop managing it with this resource.`,
      },
    ];
  }
  if (isLinked(group.linkedEntityType)) {
    if (adopting) {
      const linkedEntityType = linkedType(group.linkedEntityType) ?? group.linkedEntityType;
      const reason = adoptionRefusalReason(tree, group, { kind: "linked", linkedEntityType });
      return [{ rule: "linked-group", property, reason }];
    }
    const type = shortEntityType(group.linkedEntityType);
    const linked =
      `group "${group.displayName}" (${uuid}) is linked to an ESET entity (${type}): ESET renames, moves and ` +
      `deletes linked groups only with the entity they stand for, never through the API.`;
    return [
      {
        rule: "linked-group",
        property,
        reason:
          `${linked} Keep displayName "${group.displayName}" and parentGroupUuid ` +
          `${group.parentGroupUuid ?? ""} as they are, and manage the static groups below it instead.`,
      },
    ];
  }
  return [];
}

function placeBreaks(tree: GroupTree, change: Extract<TreeChange, { kind: "place" }>): TreeRuleBreak[] {
  const { uuid, from, to } = change;
  const moved = from.parentGroupUuid !== to.parentGroupUuid;
  const renamed = from.displayName !== to.displayName;
  if (!moved && !renamed && !change.adopting) return [];
  const property = change.adopting ? "existingUuid" : moved ? "parentGroupUuid" : "displayName";
  const target = targetBreaks(tree, uuid, property, change.adopting === true);
  // An adopted group already in place needs no call, so only its existence and kind matter.
  if (target.length > 0 || (!moved && !renamed)) return target;
  if (moved) {
    if (!tree.byUuid.has(to.parentGroupUuid))
      return [parentMissing(tree, to.parentGroupUuid, "move a group")];
    if (subtreeOf(tree, uuid).has(to.parentGroupUuid)) {
      const where =
        to.parentGroupUuid === uuid
          ? "the group itself"
          : `its own subgroup ${groupText(tree, to.parentGroupUuid)}`;
      return [
        {
          rule: "own-subtree",
          property: "parentGroupUuid",
          reason:
            `${to.parentGroupUuid} is ${where}: a group cannot move below itself. Choose a parent outside ` +
            `its subtree, or move that subgroup out first.`,
        },
      ];
    }
  }
  const clash = siblingNamed(tree, to, uuid);
  if (clash) {
    return [
      {
        rule: "name-taken",
        property: renamed ? "displayName" : "parentGroupUuid",
        reason:
          `${groupText(tree, to.parentGroupUuid)} already holds another group named "${to.displayName}" ` +
          `(${clash.uuid}), and ESET refuses two siblings with one name. Choose another displayName, or rename ` +
          `or move that group first. ${TWO_RUNS}`,
      },
    ];
  }
  if (moved && renamed) {
    // Two calls: each order passes through one intermediate placement, which must be free too.
    const moveFirst = siblingNamed(tree, { ...from, parentGroupUuid: to.parentGroupUuid }, uuid);
    const renameFirst = siblingNamed(tree, { ...from, displayName: to.displayName }, uuid);
    if (moveFirst && renameFirst) {
      return [
        {
          rule: "no-order",
          property: "parentGroupUuid",
          reason:
            `the rename and the move are two calls, and either order clashes: the new parent already holds ` +
            `"${from.displayName}" (${moveFirst.uuid}) and the old one already holds "${to.displayName}" ` +
            `(${renameFirst.uuid}). Make the change in two pulumi up runs (first the move, with the current name, ` +
            `to a name free under the new parent).`,
        },
      ];
    }
  }
  return [];
}

function enrolBreaks(tree: GroupTree, uuid: string): TreeRuleBreak[] {
  const group = tree.byUuid.get(uuid);
  if (!group) {
    return [
      {
        rule: "group-missing-for-enrol",
        property: "securityGroupUuid",
        reason:
          `${uuid} is not a group of this tenant, so devices cannot join it. Use a Group's uuid output or the uuid ` +
          `ESET PROTECT shows in the group's details, or leave securityGroupUuid out.`,
      },
    ];
  }
  if (isDynamicGroup(group)) {
    return [
      {
        rule: "dynamic-group",
        property: "securityGroupUuid",
        reason:
          `group "${group.displayName}" (${uuid}) is a dynamic group; devices enrol into a static group only. ` +
          `Use the uuid of a static group (a Group of this stack, or the static group above it).`,
      },
    ];
  }
  return [];
}

/** The rules `change` would break in `tree` (empty when ESET should accept it). */
export function treeRuleBreaks(tree: GroupTree, change: TreeChange): TreeRuleBreak[] {
  switch (change.kind) {
    case "create":
      return createBreaks(tree, change.to, change.ownUuids);
    case "place":
      return placeBreaks(tree, change);
    case "enrol":
      return enrolBreaks(tree, change.securityGroupUuid);
  }
}

/** Rules of a delete: never All or Lost & found, never a linked group (itself or below it). */
export function deleteBreak(tree: GroupTree, uuid: string): { special?: string; linked?: DeviceGroup } {
  const special = specialGroupName(tree, uuid);
  if (special) return { special };
  for (const inside of subtreeOf(tree, uuid)) {
    const group = tree.byUuid.get(inside);
    if (group && isLinked(group.linkedEntityType)) return { linked: group };
  }
  return {};
}

/**
 * Thrown before a call (or in preview) when a change would break one of ESET's tree rules; one
 * line per broken rule, each naming the input: `group "Sales": parentGroupUuid: ...`.
 */
export class TreeRuleError extends Error {
  constructor(
    readonly subject: string,
    readonly breaks: TreeRuleBreak[],
    note?: string,
  ) {
    super(breaks.map((b) => `${subject}: ${b.property}: ${b.reason}`).join("\n") + (note ? ` ${note}` : ""));
    this.name = "TreeRuleError";
  }
}
