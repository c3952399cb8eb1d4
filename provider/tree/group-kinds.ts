/**
 * What ESET Connect lets the API do with a group depends on its kind. ESET's OpenAPI for asset
 * management (`v1Group`) says: "Groups 'All' and 'Lost&Found' are 'special' groups and are not
 * governed by this API; therefore, they cannot be created, deleted, renamed, or moved. All groups
 * that are linked to an entity cannot be created, deleted, renamed, or moved." So a `Group` manages
 * static groups only; linked and special groups can only be referred to (`GroupAnchor`).
 */
import type { DeviceGroup, GroupTree } from "../client";
import { ALL_GROUP_UUID, isLostAndFound } from "../client/well-known-groups";
import { normaliseLinkedEntityType } from "../client/linked-entity";

export type GroupKind =
  | { kind: "static" }
  | { kind: "linked"; linkedEntityType: string }
  | { kind: "special"; name: "All" | "Lost & found" };

/**
 * The asset-management name of a linked entity type other than UNSPECIFIED, including the ones this
 * package has no constant for (`GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER`, or a type ESET adds later);
 * undefined for UNSPECIFIED or no value.
 */
export function linkedType(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const known = normaliseLinkedEntityType(value);
  if (known === "GROUP_ENTITY_TYPE_UNSPECIFIED") return undefined;
  if (known) return known;
  const short = value
    .trim()
    .toUpperCase()
    .replace(/^(DEVICE_)?GROUP_ENTITY_TYPE_/, "");
  return `GROUP_ENTITY_TYPE_${short}`;
}

/** What `group` is, judged from the live listing. */
export function groupKind(group: DeviceGroup): GroupKind {
  if (group.uuid === ALL_GROUP_UUID || group.parentGroupUuid === undefined) {
    return { kind: "special", name: "All" };
  }
  if (isLostAndFound(group)) return { kind: "special", name: "Lost & found" };
  const linked = linkedType(group.linkedEntityType);
  return linked ? { kind: "linked", linkedEntityType: linked } : { kind: "static" };
}

/** `"Customers / Acme" (uuid)`, the way messages name a live group. */
export function liveGroupText(tree: GroupTree, group: DeviceGroup): string {
  const path = tree.pathOf(group.uuid);
  return `"${(path ?? [group.displayName]).join(" / ")}" (${group.uuid})`;
}

/** Why a Group must not declare `linkedEntityType` (the `check` failure reason). */
export function linkedInputReason(type: string): string {
  return (
    `is ${type}: ESET creates linked groups (customer, MSP, site, household, external container) itself, ` +
    `for example when a customer is onboarded, and ESET Connect cannot create, rename, move or delete them. ` +
    `A Group manages a static group only: leave linkedEntityType out (default GROUP_ENTITY_TYPE_UNSPECIFIED), ` +
    `and refer to the existing linked group as an anchor (GroupAnchor, or anchor: true in a hierarchy) ` +
    `to put Groups below it.`
  );
}

/** Why a Group stored by an older version as linked cannot be kept (the `check` failure reason). */
export function linkedStateReason(type: string): string {
  return (
    `was recorded as ${type} by an earlier version of pulumi-eset-connect, but ESET Connect cannot rename, ` +
    `move or delete a linked group, so a Group cannot manage it. Replace this Group in the program with a ` +
    `GroupAnchor (anchor: true in a hierarchy) that refers to the same group: removing the Group only drops it ` +
    `from the stack (its delete never calls ESET for a linked group), and the Groups below keep their place.`
  );
}

/** A kind of group that ESET Connect cannot rename, move or delete, so a Group cannot manage it. */
export type UnmanagedKind = Exclude<GroupKind, { kind: "static" }>;

/**
 * Why `existingUuid` may not name this group, or undefined when it may (a static group). Used by
 * `check` (preview) and again by the create, before any write.
 */
export function adoptionRefusal(tree: GroupTree, group: DeviceGroup): string | undefined {
  const kind = groupKind(group);
  return kind.kind === "static" ? undefined : adoptionRefusalReason(tree, group, kind);
}

/**
 * Why `existingUuid` may not name `group`, of a kind a Group cannot manage: the one text for every
 * path that refuses such an adoption (`check`, the create, and the tree rules of rules.ts,
 * which judge the kind themselves). It follows the field's name: `existingUuid: is ...`.
 */
export function adoptionRefusalReason(tree: GroupTree, group: DeviceGroup, kind: UnmanagedKind): string {
  if (kind.kind === "special" && kind.name === "All") {
    return (
      `is the top-level group "All" (${group.uuid}), which ESET Connect cannot rename, move or delete, so a ` +
      `Group cannot manage it. To build below it, set parentGroupUuid: "${group.uuid}" and remove existingUuid.`
    );
  }
  const where = liveGroupText(tree, group);
  if (kind.kind === "special") {
    return (
      `is ESET's special group ${where}, which ESET Connect cannot rename, move or delete, so a ` +
      `Group cannot manage it. Remove existingUuid; to refer to the group, use a GroupAnchor.`
    );
  }
  return (
    `is ${where}, a group linked to an ESET entity (${kind.linkedEntityType}): ESET governs its life cycle ` +
    `and ESET Connect cannot rename, move or delete it, so a Group cannot manage it. Remove existingUuid. To put ` +
    `Groups below it, refer to it as an anchor (GroupAnchor with uuid: "${group.uuid}", or anchor: true in a ` +
    `hierarchy), or set parentGroupUuid: "${group.uuid}" on those Groups.`
  );
}

/** Why `existingUuid` may not name `uuid`: no group of the tenant has it (it follows the field's name). */
export function adoptionMissingReason(uuid: string): string {
  return (
    `${uuid} is not a group of this tenant. Fix the uuid (ESET PROTECT shows it in the group's details), ` +
    `or remove existingUuid to create a new group.`
  );
}
