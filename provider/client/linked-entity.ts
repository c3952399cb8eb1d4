/**
 * The two vocabularies ESET uses for what a group is linked to. Asset management (where groups
 * are written) says `GROUP_ENTITY_TYPE_CUSTOMER`; device management (where they are read) says
 * `DEVICE_GROUP_ENTITY_TYPE_COMPANY` for the same thing. Inputs and outputs use the asset-management
 * names, so a value read back never looks like a change.
 */

export const LINKED_ENTITY_TYPES = [
  "GROUP_ENTITY_TYPE_UNSPECIFIED",
  "GROUP_ENTITY_TYPE_CUSTOMER",
  "GROUP_ENTITY_TYPE_MSP",
  "GROUP_ENTITY_TYPE_SITE",
  "GROUP_ENTITY_TYPE_HOUSEHOLD",
] as const;
export type LinkedEntityType = (typeof LINKED_ENTITY_TYPES)[number];

/** The same types without the `GROUP_ENTITY_TYPE_` prefix, the way people write them. */
export const LINKED_ENTITY_TYPE_NAMES = ["UNSPECIFIED", "CUSTOMER", "MSP", "SITE", "HOUSEHOLD"] as const;
export type LinkedEntityTypeName = (typeof LINKED_ENTITY_TYPE_NAMES)[number];

const ENTITY_PREFIX = "GROUP_ENTITY_TYPE_";

export const DEFAULT_LINKED_ENTITY_TYPE: LinkedEntityType = "GROUP_ENTITY_TYPE_UNSPECIFIED";

const BY_SHORT_NAME: Record<string, LinkedEntityType> = {
  UNSPECIFIED: "GROUP_ENTITY_TYPE_UNSPECIFIED",
  CUSTOMER: "GROUP_ENTITY_TYPE_CUSTOMER",
  COMPANY: "GROUP_ENTITY_TYPE_CUSTOMER",
  MSP: "GROUP_ENTITY_TYPE_MSP",
  SITE: "GROUP_ENTITY_TYPE_SITE",
  HOUSEHOLD: "GROUP_ENTITY_TYPE_HOUSEHOLD",
};

/**
 * The asset-management name for any spelling ESET or a user might use: full names of either API,
 * or the short name (`CUSTOMER`, `COMPANY`, `MSP`, ...), in any case. Undefined when unrecognised.
 */
export function normaliseLinkedEntityType(value: string): LinkedEntityType | undefined {
  const short = value
    .trim()
    .toUpperCase()
    .replace(/^(DEVICE_)?GROUP_ENTITY_TYPE_/, "");
  return BY_SHORT_NAME[short];
}

/**
 * True for groups ESET ties to a customer, MSP, site or household (it refuses to delete them): the
 * one test of "linked" for the resources' rules, the plan, `export` and the anchors. No value (or
 * a blank one, which protobuf's JSON mapping means the same way) and UNSPECIFIED in either API's
 * spelling and any case are not linked; any other value is, including a type this package has no
 * name for, so a type ESET adds later is never taken for a static group.
 */
export function isLinked(type: string | undefined): boolean {
  if (type === undefined || type.trim() === "") return false;
  return normaliseLinkedEntityType(type) !== DEFAULT_LINKED_ENTITY_TYPE;
}

/** `CUSTOMER` → `GROUP_ENTITY_TYPE_CUSTOMER`; full names are returned as they are. */
export function fullEntityType(value: LinkedEntityTypeName | LinkedEntityType): LinkedEntityType {
  return (value.startsWith(ENTITY_PREFIX) ? value : `${ENTITY_PREFIX}${value}`) as LinkedEntityType;
}

/** `GROUP_ENTITY_TYPE_CUSTOMER` → `CUSTOMER`. */
export function shortEntityType(value: string): string {
  return value.startsWith(ENTITY_PREFIX) ? value.slice(ENTITY_PREFIX.length) : value;
}

/**
 * A device-management value in asset-management words (`DEVICE_GROUP_ENTITY_TYPE_COMPANY` →
 * `GROUP_ENTITY_TYPE_CUSTOMER`). A value this package does not know is kept as it is, so that a type
 * ESET adds later does not fail reads.
 */
export function toAssetEntityType(value: string): string {
  if (value === "DEVICE_GROUP_ENTITY_TYPE_COMPANY") return "GROUP_ENTITY_TYPE_CUSTOMER";
  if (value.startsWith("DEVICE_GROUP_ENTITY_TYPE_")) return value.replace(/^DEVICE_/, "");
  return value;
}
