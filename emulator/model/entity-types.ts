import { ModelError } from "./errors";
import { optionalText } from "./validate";

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

/**
 * An enum field: a missing or empty value is the enum's value 0 (its first name, `*_UNSPECIFIED`);
 * anything else must be one of its names, or a ModelError names the field and the choices.
 */
function parseEnum<T extends string>(names: readonly T[], value: unknown, field: string): T {
  if (value === undefined || value === null || value === "") return names[0];
  if (typeof value === "string" && (names as readonly string[]).includes(value)) return value as T;
  throw new ModelError(
    "invalid",
    `${field} must be one of ${names.join(", ")} (got ${JSON.stringify(value)})`,
  );
}

/** Accepts a missing value as UNSPECIFIED; anything else must be one of the asset-management names. */
export function parseGroupEntityType(value: unknown, field: string): GroupEntityType {
  return parseEnum(GROUP_ENTITY_TYPES, value, field);
}

/**
 * `externalType` of a group: what the external system calls the asset [spec: v1ExternalAssetType].
 * Any other value is a validation error.
 */
export const EXTERNAL_ASSET_TYPES = [
  "EXTERNAL_ASSET_TYPE_UNSPECIFIED",
  "EXTERNAL_ASSET_TYPE_AZURE_RESOURCE_GROUP",
  "EXTERNAL_ASSET_TYPE_AZURE_SUBSCRIPTION",
  "EXTERNAL_ASSET_TYPE_AWS_ACCOUNT",
  "EXTERNAL_ASSET_TYPE_AWS_REGION",
  "EXTERNAL_ASSET_TYPE_GCP_PROJECT",
  "EXTERNAL_ASSET_TYPE_AZURE_VIRTUAL_MACHINE",
  "EXTERNAL_ASSET_TYPE_AWS_EC2_INSTANCE",
  "EXTERNAL_ASSET_TYPE_GCP_COMPUTE_ENGINE_INSTANCE",
  "EXTERNAL_ASSET_TYPE_ENTRA_ID_USER",
  "EXTERNAL_ASSET_TYPE_MICROSOFT_ACTIVE_DIRECTORY_USER",
  "EXTERNAL_ASSET_TYPE_OBSERVED_USER",
  "EXTERNAL_ASSET_TYPE_MICROSOFT_ACTIVE_DIRECTORY_MANAGED_SERVICE_ACCOUNT",
  "EXTERNAL_ASSET_TYPE_ENTRA_ID_APPLICATION",
  "EXTERNAL_ASSET_TYPE_ENTRA_ID_SERVICE_PRINCIPAL",
  "EXTERNAL_ASSET_TYPE_PALO_ALTO_FIREWALL",
] as const;
export type ExternalAssetType = (typeof EXTERNAL_ASSET_TYPES)[number];

export function parseExternalAssetType(value: unknown, field: string): ExternalAssetType {
  return parseEnum(EXTERNAL_ASSET_TYPES, value, field);
}

/**
 * `externalReference` and `externalType` of a group create, validated: kept and echoed back like
 * every other field of v1Group [spec].
 */
export function parseExternalFields(request: { externalReference?: unknown; externalType?: unknown }): {
  externalReference: string;
  externalType: ExternalAssetType;
} {
  return {
    externalReference: optionalText(request.externalReference, "group.externalReference") ?? "",
    externalType: parseExternalAssetType(request.externalType, "group.externalType"),
  };
}

/** `functionalityStatus` of a device [spec: v1DeviceFunctionalityStatus]; `maxLength` 100. */
export const DEVICE_FUNCTIONALITY_STATUSES = [
  "DEVICE_FUNCTIONALITY_STATUS_UNSPECIFIED",
  "DEVICE_FUNCTIONALITY_STATUS_OK",
  "DEVICE_FUNCTIONALITY_STATUS_ATTENTION_RECOMMENDED",
  "DEVICE_FUNCTIONALITY_STATUS_ATTENTION_REQUIRED",
] as const;
export type DeviceFunctionalityStatus = (typeof DEVICE_FUNCTIONALITY_STATUSES)[number];

export function parseFunctionalityStatus(value: unknown, field: string): DeviceFunctionalityStatus {
  return parseEnum(DEVICE_FUNCTIONALITY_STATUSES, value, field);
}
