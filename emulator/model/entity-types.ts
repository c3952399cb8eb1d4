import { ModelError } from "./errors";

/**
 * `linkedEntityType` as asset management names it [spec: v1GroupEntityType]. Every value but
 * UNSPECIFIED marks a group linked to an entity; EXTERNAL_CONTAINER is "an external container (e.g.,
 * Azure Resource Group, AWS Account). Such groups are managed by the integration connector".
 */
export const GROUP_ENTITY_TYPES = [
  "GROUP_ENTITY_TYPE_UNSPECIFIED",
  "GROUP_ENTITY_TYPE_CUSTOMER",
  "GROUP_ENTITY_TYPE_MSP",
  "GROUP_ENTITY_TYPE_SITE",
  "GROUP_ENTITY_TYPE_HOUSEHOLD",
  "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER",
] as const;

/** The type of every static group, the only kind the API may create, rename, move or delete. */
export const STATIC_GROUP_TYPE = "GROUP_ENTITY_TYPE_UNSPECIFIED";
export type GroupEntityType = (typeof GROUP_ENTITY_TYPES)[number];

/** `linkedEntityType` as device management names it: CUSTOMER is called COMPANY there. */
export type DeviceGroupEntityType =
  | "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED"
  | "DEVICE_GROUP_ENTITY_TYPE_COMPANY"
  | "DEVICE_GROUP_ENTITY_TYPE_MSP"
  | "DEVICE_GROUP_ENTITY_TYPE_SITE"
  | "DEVICE_GROUP_ENTITY_TYPE_HOUSEHOLD";

// Device management's enum has no EXTERNAL_CONTAINER [spec: v1DeviceGroupEntityType]; such a group
// shows as UNSPECIFIED there [assumed], so a reader of the tree cannot tell it from a static group.
const TO_DEVICE_MANAGEMENT: Record<GroupEntityType, DeviceGroupEntityType> = {
  GROUP_ENTITY_TYPE_UNSPECIFIED: "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED",
  GROUP_ENTITY_TYPE_CUSTOMER: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
  GROUP_ENTITY_TYPE_MSP: "DEVICE_GROUP_ENTITY_TYPE_MSP",
  GROUP_ENTITY_TYPE_SITE: "DEVICE_GROUP_ENTITY_TYPE_SITE",
  GROUP_ENTITY_TYPE_HOUSEHOLD: "DEVICE_GROUP_ENTITY_TYPE_HOUSEHOLD",
  GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER: "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED",
};

export function toDeviceGroupEntityType(type: GroupEntityType): DeviceGroupEntityType {
  return TO_DEVICE_MANAGEMENT[type];
}

/** Accepts a missing value as UNSPECIFIED; anything else must be one of the asset-management names. */
export function parseGroupEntityType(value: unknown, field: string): GroupEntityType {
  if (value === undefined || value === null || value === "") return "GROUP_ENTITY_TYPE_UNSPECIFIED";
  if (typeof value === "string" && (GROUP_ENTITY_TYPES as readonly string[]).includes(value)) {
    return value as GroupEntityType;
  }
  throw new ModelError(
    "invalid",
    `${field} must be one of ${GROUP_ENTITY_TYPES.join(", ")} (got ${JSON.stringify(value)})`,
  );
}
