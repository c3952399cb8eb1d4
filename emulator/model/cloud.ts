import { CloudStore } from "./cloud-store";
import { EsetConsole } from "./console";
import { assertApiMayChange, assertApiMayCreate } from "./api-rules";
import { parseExternalFields, parseFunctionalityStatus, parseGroupEntityType } from "./entity-types";
import { ModelError } from "./errors";
import { encodeGpoSccmFile } from "./gpo-sccm-file";
import { type Page, paginate } from "./pagination";
import { PolicyManagement } from "./policy-management";
import { stateOf } from "./state";
import type { Tenant } from "./tenant";
import type {
  CreateGroupRequest,
  Deletion,
  DeviceGroup,
  EmulatorState,
  Group,
  MemberDevice,
  TenantDevice,
  TenantDeviceQuery,
} from "./types";
import {
  optionalBoolean,
  optionalJsonBoolean,
  optionalText,
  optionalUuid,
  requireText,
  requireUuid,
  textList,
} from "./validate";

/**
 * The emulated ESET cloud as the API sees it: what it holds is in `cloud-store.ts`, the API's
 * operations on it are here. Every operation runs on behalf of one tenant; an object of another
 * tenant is reported as such, which the HTTP layer turns into 403. The group operations here are
 * the API's (`api-rules.ts` applies); what ESET or a person does outside the API is in `console.ts`.
 */
export class EsetCloud extends CloudStore {
  /** What ESET and people do outside the API (linked groups, drift, devices). */
  readonly console: EsetConsole = new EsetConsole(this);
  /** The Policy Management v2 service (policies and their assignments). */
  readonly policies: PolicyManagement = new PolicyManagement(this);

  /**
   * `POST /v1/groups`. A client uuid "must be collision-free" [spec: v1Group.uuid]: one a group has
   * is refused as already existing; one a deleted group had is refused unless `deletedUuidReuse`
   * is "allow" (ESET's answer is unknown [assumed]).
   */
  createGroup(tenantId: string, request: CreateGroupRequest): Group {
    const tenant = this.tenant(tenantId);
    const displayName = requireText(request.displayName, "group.displayName");
    const parentGroupUuid = requireText(request.parentGroupUuid, "group.parentGroupUuid");
    const description = optionalText(request.description, "group.description") ?? "";
    const linkedEntityType = parseGroupEntityType(request.linkedEntityType, "group.linkedEntityType");
    const external = parseExternalFields(request);
    const wanted = optionalUuid(request.uuid, "group.uuid");
    assertApiMayCreate(linkedEntityType);
    this.ownGroup(tenant, parentGroupUuid, "parent group");
    const honoured = wanted !== undefined && !this.rules.ignoreClientUuid;
    if (honoured && this.groupUuidInUse(wanted)) {
      throw new ModelError("already-exists", `group ${wanted} already exists`);
    }
    if (honoured && this.rules.deletedUuidReuse === "refuse" && this.groupUuidDeleted(wanted)) {
      throw new ModelError(
        "already-exists",
        `group ${wanted} already exists: a deleted group had this uuid and it cannot be used again`,
      );
    }
    const uuid = honoured ? wanted : this.newGroupUuid();
    const group = tenant.createGroup(
      { uuid, displayName, description, parentGroupUuid, linkedEntityType, ...external },
      this.rules,
    );
    return this.changed(tenant.toGroup(group));
  }

  /** The tenant and its group `uuid` as a path names it: ESET's uuid format, this tenant's. */
  private pathGroup(tenantId: string, uuid: string): Tenant {
    const tenant = this.tenant(tenantId);
    requireUuid(uuid, "groupUuid");
    this.ownGroup(tenant, uuid);
    return tenant;
  }

  moveGroup(tenantId: string, uuid: string, newParentUuid: unknown): Group {
    const tenant = this.pathGroup(tenantId, uuid);
    const parent = requireText(newParentUuid, "newParentUuid");
    this.ownGroup(tenant, parent, "new parent group");
    assertApiMayChange(tenant, uuid, "moved");
    return this.changed(tenant.toGroup(tenant.moveGroup(uuid, parent, this.rules)));
  }

  renameGroup(tenantId: string, uuid: string, displayName: unknown): Group {
    const tenant = this.pathGroup(tenantId, uuid);
    const name = requireText(displayName, "displayName");
    assertApiMayChange(tenant, uuid, "renamed");
    return this.changed(tenant.toGroup(tenant.renameGroup(uuid, name, this.rules)));
  }

  deleteGroup(tenantId: string, uuid: string, releaseConsumedUnits: unknown): Deletion {
    const tenant = this.pathGroup(tenantId, uuid);
    const release = optionalBoolean(releaseConsumedUnits, "releaseConsumedUnits", false);
    assertApiMayChange(tenant, uuid, "deleted");
    const deletion = tenant.deleteGroup(uuid, release, this.now());
    tenant.policyBook.groupsDeleted(deletion, this.policyRules.policyAssignmentsOnGroupDelete);
    return this.changed(deletion);
  }

  listDeviceGroups(tenantId: string, pageSize: unknown, pageToken: unknown): Page<DeviceGroup> {
    const tenant = this.tenant(tenantId);
    // Page the records first: only the page's groups get converted.
    const page = paginate([...tenant.groups.values()], pageSize, pageToken);
    return {
      ...page,
      items: page.items.map((g) => tenant.toDeviceGroup(g, this.listing.linkedSecurityGroup)),
    };
  }

  /**
   * `GET /v1/device_groups/{groupUuid}/devices`: one entry per membership, as far as replication has
   * caught up: the listing is "a replicated projection" of device data, device and membership
   * lifecycles are "uncorrelated" and "CAP theorem applies here" [spec: device-management], so with
   * `membershipLagMs` a change shows that long after it happened.
   */
  listDevices(
    tenantId: string,
    groupUuid: string,
    options: { recurseSubgroups: unknown; pageSize: unknown; pageToken: unknown },
  ): Page<MemberDevice> {
    const tenant = this.pathGroup(tenantId, groupUuid);
    const recurse = optionalBoolean(options.recurseSubgroups, "recurseSubgroups", false);
    const moment = { now: this.now(), lagMs: this.listing.membershipLagMs };
    return paginate(tenant.devicesIn(groupUuid, recurse, moment), options.pageSize, options.pageToken);
  }

  /**
   * `GET /v1/devices`: every device of the tenant once, in the order they were added, filtered as
   * the spec says: `displayNames` ("exactly matching one of the strings"; empty: no constraint),
   * `functionalityStatus` (one of the enum; UNSPECIFIED or empty: any), `isMuted` (a boolean; unset:
   * any) [spec: device-management GET /v1/devices].
   */
  listTenantDevices(tenantId: string, query: TenantDeviceQuery): Page<TenantDevice> {
    const tenant = this.tenant(tenantId);
    const names = textList(query.displayNames, "displayNames");
    const status = parseFunctionalityStatus(query.functionalityStatus, "functionalityStatus");
    const muted = query.isMuted === undefined ? undefined : optionalBoolean(query.isMuted, "isMuted", false);
    const devices: TenantDevice[] = [...tenant.devices.values()].map((d) => ({
      uuid: d.uuid,
      displayName: d.displayName,
      parentGroupUuid: d.groupUuid,
      functionalityStatus: "DEVICE_FUNCTIONALITY_STATUS_OK",
      isMuted: false,
    }));
    const matching = devices.filter(
      (d) =>
        (names.length === 0 || names.includes(d.displayName)) &&
        (status === "DEVICE_FUNCTIONALITY_STATUS_UNSPECIFIED" || d.functionalityStatus === status) &&
        (muted === undefined || d.isMuted === muted),
    );
    return paginate(matching, query.pageSize, query.pageToken);
  }

  /** Base64 of a fresh configuration file; never stored, so two calls differ. */
  generateGpoSccmFile(
    tenantId: string,
    request: { securityGroupUuid?: unknown; sendAnonymousDiagnosticData?: unknown },
    generatedAt: Date,
  ): string {
    const tenant = this.tenant(tenantId);
    const groupUuid = optionalText(request.securityGroupUuid, "deviceEnrollmentSettings.securityGroupUuid");
    if (groupUuid !== undefined) this.ownGroup(tenant, groupUuid, "security group");
    return encodeGpoSccmFile({
      ownerUuid: tenant.ownerUuid,
      securityGroupUuid: groupUuid,
      // A JSON boolean [spec: v1GenerateGpoSccmFileRequest, "type": "boolean"].
      sendAnonymousDiagnosticData: optionalJsonBoolean(
        request.sendAnonymousDiagnosticData,
        "sendAnonymousDiagnosticData",
        false,
      ),
      generatedAt,
    });
  }

  /** `GET /_emulator/state`. */
  state(): EmulatorState {
    return stateOf(this);
  }
}
