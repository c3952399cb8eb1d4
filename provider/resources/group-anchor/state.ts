/** What a GroupAnchor records (its inputs after `check`, and its outputs): the live group as ESET lists it. */

/** What an anchor records (inputs after `check`, and outputs): the live group as ESET lists it. */
export interface AnchorState {
  uuid: string;
  displayName: string;
  /** "" for All. */
  parentGroupUuid: string;
  /** Asset-management spelling, e.g. `GROUP_ENTITY_TYPE_CUSTOMER`. */
  linkedEntityType: string;
  /** Names below All joined by "/" (`Customers/Acme Corp`); "" for All. */
  path: string;
}

/** The fields `check` fills in from the live group; `uuid` alone decides a replacement. */
export const ANCHOR_FIELDS = ["uuid", "displayName", "parentGroupUuid", "linkedEntityType", "path"] as const;
