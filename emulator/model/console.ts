import type { CloudStore, NewDevice } from "./cloud-store";
import { parseExternalFields, parseGroupEntityType } from "./entity-types";
import { ModelError } from "./errors";
import {
  ALL_GROUP_UUID,
  type CreateGroupRequest,
  type Deletion,
  type DeviceRecord,
  type Group,
} from "./types";
import { optionalBoolean, optionalText, optionalUuid, requireText, requireUuid } from "./validate";

/**
 * What ESET itself or a person in ESET's web console does outside the API: customer onboarding
 * creates linked groups (their life cycle "is governed by the life cycle of the entities they
 * represent" [spec: v1Group]), an admin renames, moves or deletes any group, devices enrol and are
 * moved. The tree stays a tree (All fixed, Lost & found in place, sibling names) but the API's
 * rules on special and linked groups (`api-rules.ts`) do not apply; the console may rename Lost &
 * found [doc]. Seeds use these operations too.
 */
export class EsetConsole {
  constructor(private readonly cloud: CloudStore) {}

  /**
   * A group of any type (a linked one is what onboarding a customer creates). The uuid is the
   * given one when no group has it (even a deleted group's), else a new one; parent default All.
   */
  createGroup(tenantId: string, request: CreateGroupRequest): Group {
    const tenant = this.cloud.tenant(tenantId);
    const displayName = requireText(request.displayName, "group.displayName");
    const parentGroupUuid = optionalText(request.parentGroupUuid, "group.parentGroupUuid") ?? ALL_GROUP_UUID;
    const description = optionalText(request.description, "group.description") ?? "";
    const linkedEntityType = parseGroupEntityType(request.linkedEntityType, "group.linkedEntityType");
    const external = parseExternalFields(request);
    const wanted = optionalUuid(request.uuid, "group.uuid");
    this.cloud.ownGroup(tenant, parentGroupUuid, "parent group");
    if (wanted !== undefined && this.cloud.groupUuidInUse(wanted)) {
      throw new ModelError("already-exists", `group ${wanted} already exists`);
    }
    const group = tenant.createGroup(
      {
        uuid: wanted ?? this.cloud.newGroupUuid(),
        displayName,
        description,
        parentGroupUuid,
        linkedEntityType,
        ...external,
      },
      this.cloud.rules,
    );
    return this.cloud.changed(tenant.toGroup(group));
  }

  renameGroup(tenantId: string, uuid: string, displayName: unknown): Group {
    const tenant = this.groupOf(tenantId, uuid);
    const name = requireText(displayName, "displayName");
    return this.cloud.changed(tenant.toGroup(tenant.renameGroup(uuid, name, this.cloud.rules)));
  }

  moveGroup(tenantId: string, uuid: string, newParentUuid: unknown): Group {
    const tenant = this.groupOf(tenantId, uuid);
    const parent = requireText(newParentUuid, "newParentUuid");
    this.cloud.ownGroup(tenant, parent, "new parent group");
    return this.cloud.changed(tenant.toGroup(tenant.moveGroup(uuid, parent, this.cloud.rules)));
  }

  /** Deletes the group, its subtree and the devices in it, linked groups included. */
  deleteGroup(tenantId: string, uuid: string, releaseConsumedUnits: unknown): Deletion {
    const tenant = this.groupOf(tenantId, uuid);
    const release = optionalBoolean(releaseConsumedUnits, "releaseConsumedUnits", false);
    const deletion = tenant.deleteGroup(uuid, release, this.cloud.now());
    tenant.policyBook.groupsDeleted(deletion, this.cloud.policyRules.policyAssignmentsOnGroupDelete);
    return this.cloud.changed(deletion);
  }

  /** A device enrols now (member listings show it once the membership lag has passed). */
  addDevice(tenantId: string, device: NewDevice): DeviceRecord {
    return this.cloud.addDevice(tenantId, device, this.cloud.now());
  }

  /** Puts a device into another group of its tenant; its other memberships stay. */
  moveDevice(tenantId: string, deviceUuid: string, groupUuid: unknown): DeviceRecord {
    const tenant = this.cloud.tenant(tenantId);
    requireUuid(deviceUuid, "deviceUuid");
    tenant.device(deviceUuid);
    const target = requireText(groupUuid, "groupUuid");
    this.cloud.ownGroup(tenant, target);
    return this.cloud.changed(tenant.moveDevice(deviceUuid, target, this.cloud.now()));
  }

  private groupOf(tenantId: string, uuid: string) {
    const tenant = this.cloud.tenant(tenantId);
    requireUuid(uuid, "groupUuid");
    this.cloud.ownGroup(tenant, uuid);
    return tenant;
  }
}
