import type { CloudStore } from "./cloud-store";
import { copyPolicy } from "./policy-book";
import {
  ALL_GROUP_UUID,
  type Device,
  type DeviceRecord,
  type EmulatorState,
  LOST_AND_FOUND_UUID,
} from "./types";

/** A device as `GET /_emulator/state` shows it: `groupUuids` only with several memberships. */
export function deviceView(d: DeviceRecord): Device {
  return {
    uuid: d.uuid,
    displayName: d.displayName,
    groupUuid: d.groupUuid,
    ...(d.otherGroupUuids.length > 0 && { groupUuids: [d.groupUuid, ...d.otherGroupUuids] }),
  };
}

/** `GET /_emulator/state`: every tenant's tree, devices and deletions, and the users (no passwords). */
export function stateOf(cloud: CloudStore): EmulatorState {
  return {
    tenants: [...cloud.tenants.values()].map((t) => ({
      id: t.id,
      ownerUuid: t.ownerUuid,
      allGroupUuid: ALL_GROUP_UUID,
      lostAndFoundUuid: LOST_AND_FOUND_UUID,
      groups: [...t.groups.values()].map((g) => ({
        uuid: g.uuid,
        displayName: g.displayName,
        description: g.description,
        parentGroupUuid: g.parentGroupUuid ?? null,
        linkedEntityType: g.linkedEntityType,
        ownerUuid: t.ownerUuid,
      })),
      devices: [...t.devices.values()].map((d) => deviceView(d)),
      deletions: t.deletions.map((d) => ({
        ...d,
        groupUuids: [...d.groupUuids],
        deviceUuids: [...d.deviceUuids],
      })),
      policies: [...t.policyBook.policies.values()].map(copyPolicy),
      policyAssignments: t.policyBook.list(),
    })),
    users: [...cloud.users.values()].map((u) => ({ username: u.username, tenant: u.tenant })),
  };
}
