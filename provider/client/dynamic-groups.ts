/**
 * Which listed groups are dynamic (rule-based; the product leaves them out of plan, `export`,
 * anchors and enrolment). ESET says `isSecurityGroup` is true for static groups and false for dynamic
 * ones [spec], but nothing public shows what it sends for linked groups (customer, MSP, site,
 * household, external container), and a gRPC-gateway answer leaves a false field out. So:
 * - a group linked to an entity (any `linkedEntityType` other than UNSPECIFIED) is never dynamic,
 *   whatever `isSecurityGroup` says or if it is missing: ESET creates it and it anchors a tree;
 * - All and Lost & found are never dynamic;
 * - any other group is dynamic when `isSecurityGroup` is false, and a missing `isSecurityGroup` in
 *   ESET's answer means false (protobuf's JSON mapping leaves a false field out; the client's schema
 *   fills it in that way), so an unlinked group without the field is taken for dynamic.
 * See docs/client.md, "Static, linked and dynamic groups".
 */
import { isLinked } from "./linked-entity";
import { ALL_GROUP_UUID, isLostAndFound } from "./well-known-groups";

export interface KindedGroup {
  uuid: string;
  displayName: string;
  parentGroupUuid?: string;
  linkedEntityType?: string;
  /** As listed; a caller that does not know leaves it out (then the group counts as static). */
  isSecurityGroup?: boolean;
}

/** True for a dynamic group: not linked, not All or Lost & found, and `isSecurityGroup` false. */
export function isDynamicGroup(group: KindedGroup): boolean {
  if (group.isSecurityGroup !== false) return false;
  if (isLinked(group.linkedEntityType)) return false;
  if (group.uuid.toLowerCase() === ALL_GROUP_UUID || group.parentGroupUuid === undefined) return false;
  return !isLostAndFound(group);
}
