import type {
  DeviceFunctionalityStatus,
  DeviceGroupEntityType,
  ExternalAssetType,
  GroupEntityType,
} from "./entity-types";
import type { Policy, PolicyAssignment } from "./policies";

/** The root group of every tenant; its uuid is the same everywhere (seen in public clients). */
export const ALL_GROUP_UUID = "00000000-0000-0000-7001-000000000001";
/**
 * "Lost & found", where unassigned devices land. ESET does not publish its uuid; the emulator
 * uses this one in every tenant (assumed).
 */
export const LOST_AND_FOUND_UUID = "00000000-0000-0000-7001-000000000002";

/** A group as the model keeps it. `version` grows on every change and feeds the etag. */
export interface GroupRecord {
  uuid: string;
  displayName: string;
  description: string;
  /** Undefined only for All. */
  parentGroupUuid: string | undefined;
  linkedEntityType: GroupEntityType;
  /** What an external system calls it; "" when none [spec: v1Group.externalReference]. */
  externalReference: string;
  externalType: ExternalAssetType;
  version: number;
}

/**
 * A device as the model keeps it. `groupUuid` is the static group that "exclusively contains the
 * device" (v1Device.parentGroupUuid [spec]); a device may be a member of further groups [spec:
 * "a device can be a member of many arbitrary groups"], kept in `otherGroupUuids`.
 */
export interface DeviceRecord {
  uuid: string;
  displayName: string;
  groupUuid: string;
  otherGroupUuids: string[];
}

/**
 * A device in `GET /_emulator/state`: `groupUuids` (every membership, `groupUuid` first) appears
 * only when the device belongs to more than one group.
 */
export interface Device {
  uuid: string;
  displayName: string;
  groupUuid: string;
  groupUuids?: string[];
}

/** One entry of a group's device list (v1MemberDevice [spec]): one per membership. */
export interface MemberDevice {
  uuid: string;
  displayName: string;
  /** The group this entry is a membership of. */
  groupUuid: string;
}

/**
 * One entry of `GET /v1/devices` (v1Device [spec], the fields the emulator knows). Every emulated
 * device is functioning (OK) and not muted [assumed]; the filters of the call act on these.
 */
export interface TenantDevice {
  uuid: string;
  displayName: string;
  parentGroupUuid: string;
  functionalityStatus: DeviceFunctionalityStatus;
  isMuted: boolean;
}

/** The filters of `GET /v1/devices`, as the query gave them (validated by the operation). */
export interface TenantDeviceQuery {
  displayNames?: unknown;
  functionalityStatus?: unknown;
  isMuted?: unknown;
  pageSize?: unknown;
  pageToken?: unknown;
}

/** What one delete removed, kept so tests can check `releaseConsumedUnits` and the cascade. */
export interface Deletion {
  groupUuid: string;
  releaseConsumedUnits: boolean;
  groupUuids: string[];
  deviceUuids: string[];
}

/** A group in asset-management vocabulary (`v1Group`). */
export interface Group {
  uuid: string;
  displayName: string;
  description: string;
  parentGroupUuid: string;
  ownerUuid: string;
  linkedEntityType: GroupEntityType;
  externalReference: string;
  externalType: ExternalAssetType;
}

/** A group in device-management vocabulary: no description, COMPANY instead of CUSTOMER. */
export interface DeviceGroup {
  uuid: string;
  displayName: string;
  /** Absent for All. */
  parentGroupUuid?: string;
  /** True for static groups; for linked ones what `linkedSecurityGroup` says (absent: no field). */
  isSecurityGroup?: boolean;
  linkedEntityType: DeviceGroupEntityType;
  etag: string;
}

/** The body of a group create (API or console), fields as the caller sent them (validated by the operation). */
export interface CreateGroupRequest {
  displayName?: unknown;
  description?: unknown;
  parentGroupUuid?: unknown;
  linkedEntityType?: unknown;
  externalReference?: unknown;
  externalType?: unknown;
  uuid?: unknown;
}

/** Switches that change the tree rules; set through the emulator settings. */
export interface TreeRules {
  /** Let siblings share a displayName. Default false (a duplicate is refused). */
  allowDuplicateSiblingNames: boolean;
  /** Assign a server uuid even when the client supplies one. Default false (an unused uuid is honoured). */
  ignoreClientUuid: boolean;
  /**
   * Whether a create may use the uuid of a deleted group. ESET's answer is unknown [assumed].
   * Default "refuse" (already exists).
   */
  deletedUuidReuse: "allow" | "refuse";
}

export const DEFAULT_TREE_RULES: TreeRules = {
  allowDuplicateSiblingNames: false,
  ignoreClientUuid: false,
  deletedUuidReuse: "refuse",
};

/**
 * What a linked group (CUSTOMER, MSP, SITE, HOUSEHOLD, EXTERNAL_CONTAINER) carries in
 * `isSecurityGroup`: nothing public shows it [assumed], so the emulator plays each candidate.
 */
export const LINKED_SECURITY_GROUP = ["true", "false", "absent"] as const;
export type LinkedSecurityGroup = (typeof LINKED_SECURITY_GROUP)[number];

/** How device-management listings look; set through the emulator settings. */
export interface ListingRules {
  /** `isSecurityGroup` of linked groups. Default "true". */
  linkedSecurityGroup: LinkedSecurityGroup;
  /**
   * Milliseconds a membership change takes to reach member-device listings ("a replicated
   * projection" [spec]). Default 0.
   */
  membershipLagMs: number;
}

export const DEFAULT_LISTING_RULES: ListingRules = { linkedSecurityGroup: "true", membershipLagMs: 0 };

/** `GET /_emulator/state`: the trees and devices of every tenant, and the users (no passwords). */
export interface EmulatorState {
  tenants: Array<{
    id: string;
    ownerUuid: string;
    allGroupUuid: string;
    lostAndFoundUuid: string;
    groups: Array<{
      uuid: string;
      displayName: string;
      description: string;
      parentGroupUuid: string | null;
      linkedEntityType: GroupEntityType;
      ownerUuid: string;
    }>;
    devices: Device[];
    deletions: Deletion[];
    // The emulator always fills the two below; they are optional only so that states written by
    // hand before policies existed still type-check. `emulatorControl().policies()` and
    // `.policyAssignments()` read them without the `undefined`.
    /** Built-ins first, then custom policies in creation order. */
    policies?: Policy[];
    /** By target (in the order targets were first assigned), then rank. */
    policyAssignments?: PolicyAssignment[];
  }>;
  users: Array<{ username: string; tenant: string }>;
}
