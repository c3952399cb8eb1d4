/**
 * What the client returns, and the zod schemas that check each response. Extra fields are
 * ignored. Fields that protobuf's JSON mapping leaves out when they hold their default (false,
 * empty string, the UNSPECIFIED enum value) are accepted as missing and filled with that default;
 * only fields without a sensible default (uuid, displayName, a moved group's parent) are required.
 */
import { z } from "zod";
import { OperationInfo, ResponseValidationError } from "./errors";
import { ApiResponse } from "./http";
import { toAssetEntityType } from "./linked-entity";

export { LINKED_ENTITY_TYPES, toAssetEntityType } from "./linked-entity";
export type { LinkedEntityType } from "./linked-entity";

/** A group as asset management returns it (create, move, rename). */
export interface Group {
  uuid: string;
  displayName: string;
  /** Set at creation only; listings do not return it. */
  description?: string;
  parentGroupUuid: string;
  /** Tenant that owns the group (read-only). */
  ownerUuid?: string;
  /** A LinkedEntityType; kept as a string so that a value added by ESET later does not fail reads. */
  linkedEntityType: string;
}

/** A group as device management lists it, with linkedEntityType in asset-management words. */
export interface DeviceGroup {
  uuid: string;
  displayName: string;
  /** Missing only for the root group "All". */
  parentGroupUuid?: string;
  /**
   * true for static groups, false for dynamic ones; false when ESET leaves it out (protobuf's zero
   * value). Linked groups may carry either or none: tell kinds with isDynamicGroup, never this alone.
   */
  isSecurityGroup: boolean;
  linkedEntityType: string;
  etag?: string;
}

export interface Device {
  uuid: string;
  displayName: string;
  groupUuid: string;
}

const nonEmpty = z.string().min(1);
const optionalText = z.string().optional();

const groupSchema = z.object({
  uuid: nonEmpty,
  displayName: nonEmpty,
  description: optionalText,
  parentGroupUuid: nonEmpty,
  ownerUuid: optionalText,
  linkedEntityType: z.string().default("GROUP_ENTITY_TYPE_UNSPECIFIED"),
});

/** create, move and rename answer `{ group: v1Group }`. */
export const groupResponse = z.object({ group: groupSchema });

const deviceGroupSchema = z.object({
  uuid: nonEmpty,
  displayName: nonEmpty,
  parentGroupUuid: optionalText,
  isSecurityGroup: z.boolean().default(false),
  linkedEntityType: z.string().default("DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED"),
  etag: optionalText,
});

export const deviceGroupPage = z.object({
  deviceGroups: z.array(deviceGroupSchema).default([]),
  nextPageToken: optionalText,
});

export const devicePage = z.object({
  devices: z
    .array(z.object({ uuid: nonEmpty, displayName: z.string().default(""), groupUuid: nonEmpty }))
    .default([]),
  nextPageToken: optionalText,
});

/**
 * `GET /v1/devices`: each device of the tenant once, with the group it sits in (`parentGroupUuid`),
 * current rather than a replicated projection. A device without a group (a zero value left out) is
 * kept with groupUuid "" and counts in no group.
 */
export const tenantDevicePage = z.object({
  devices: z
    .array(
      z.object({
        uuid: nonEmpty,
        displayName: z.string().default(""),
        parentGroupUuid: z.string().default(""),
      }),
    )
    .default([]),
  nextPageToken: optionalText,
});

export const gpoSccmFileResponse = z.object({ gpoSccmFile: nonEmpty });

export function toGroup(group: z.infer<typeof groupSchema>): Group {
  const out: Group = {
    uuid: group.uuid,
    displayName: group.displayName,
    parentGroupUuid: group.parentGroupUuid,
    linkedEntityType: group.linkedEntityType,
  };
  if (group.description) out.description = group.description;
  if (group.ownerUuid) out.ownerUuid = group.ownerUuid;
  return out;
}

export function toDeviceGroup(group: z.infer<typeof deviceGroupSchema>): DeviceGroup {
  const out: DeviceGroup = {
    uuid: group.uuid,
    displayName: group.displayName,
    isSecurityGroup: group.isSecurityGroup,
    linkedEntityType: toAssetEntityType(group.linkedEntityType),
  };
  if (group.parentGroupUuid) out.parentGroupUuid = group.parentGroupUuid;
  if (group.etag) out.etag = group.etag;
  return out;
}

/**
 * A group found in a listing, as the client returns a created group (both creates return the
 * group an earlier attempt or run made this way). Listings lack the description: the group was
 * created with the wanted one.
 */
export function groupFromListing(
  found: DeviceGroup,
  wanted: { parentGroupUuid: string; description?: string },
): Group {
  const group: Group = {
    uuid: found.uuid,
    displayName: found.displayName,
    parentGroupUuid: found.parentGroupUuid ?? wanted.parentGroupUuid,
    linkedEntityType: found.linkedEntityType,
  };
  if (wanted.description) group.description = wanted.description;
  return group;
}

/**
 * Checks a successful response's body against its schema. A mismatch gives a
 * ResponseValidationError naming the fields (never their values) and the request-id.
 */
export function parseResponse<T extends z.ZodType>(
  schema: T,
  response: ApiResponse,
  operation: OperationInfo,
): z.infer<T> {
  const parsed = schema.safeParse(response.body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  throw new ResponseValidationError(
    `ESET Connect answered ${response.status} while ${operation.description}, but the response is not in the expected shape: ${issues.join("; ")}. The API may have changed: upgrade pulumi-eset-connect or report this${response.requestId ? ` (request-id ${response.requestId})` : ""}`,
    { operation: operation.name, requestId: response.requestId, issues },
  );
}
