import { createHash, randomUUID } from "node:crypto";
import { EsetConsole } from "./console";
import { assertApiMayChange, assertApiMayCreate } from "./api-rules";
import { parseGroupEntityType } from "./entity-types";
import { ModelError } from "./errors";
import { encodeGpoSccmFile } from "./gpo-sccm-file";
import { type Page, paginate } from "./pagination";
import { deviceView, stateOf } from "./state";
import { Tenant } from "./tenant";
import {
  DEFAULT_TREE_RULES,
  type Deletion,
  type Device,
  type DeviceGroup,
  type DeviceRecord,
  type EmulatorState,
  type Group,
  type MemberDevice,
  type TenantDevice,
  type TreeRules,
} from "./types";
import { newUser, passwordMatches, type UserRecord } from "./users";
import { optionalBoolean, optionalText, optionalUuid, requireText, requireUuid } from "./validate";

/** The tenant, user and password every fresh or reset emulator has. */
export const DEMO_TENANT = "demo";
export const DEMO_USERNAME = "demo@example.com";
export const DEMO_PASSWORD = "demo-password";

/** The body of a create, fields as the caller sent them (validated here). */
export interface CreateGroupRequest {
  displayName?: unknown;
  description?: unknown;
  parentGroupUuid?: unknown;
  linkedEntityType?: unknown;
  uuid?: unknown;
}

export interface CloudOptions {
  /** Source of server-assigned uuids. Default: random RFC 4122 v4. */
  newUuid?: () => string;
}

/** A stable owner uuid per tenant id, so a reset does not change it. */
export function ownerUuidOf(tenantId: string): string {
  const h = createHash("sha256").update(`tenant:${tenantId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A device to add: memberships are `groupUuid` plus `otherGroupUuids`. */
export interface NewDevice {
  uuid?: string;
  displayName: string;
  groupUuid: string;
  otherGroupUuids?: string[];
}

/**
 * The emulated ESET cloud: tenants with their group trees and devices, and the API users. Every
 * operation runs on behalf of one tenant; an object of another tenant is reported as such, which
 * the HTTP layer turns into 403. The group operations here are the API's (`api-rules.ts` applies);
 * what ESET or a person does outside the API is in `console.ts`.
 */
export class EsetCloud {
  readonly tenants = new Map<string, Tenant>();
  readonly users = new Map<string, UserRecord>();
  rules: TreeRules = { ...DEFAULT_TREE_RULES };
  /** Called after every change (once per batch), for persistence. */
  onChange: () => void = () => undefined;
  private readonly newUuid: () => string;
  /** What ESET and people do outside the API (linked groups, drift, devices). */
  readonly console: EsetConsole = new EsetConsole(this);
  private batchDepth = 0;
  private changedInBatch = false;

  constructor(options: CloudOptions = {}) {
    this.newUuid = options.newUuid ?? randomUUID;
    this.reset();
  }

  /** Back to one tenant `demo` with user `demo@example.com` / `demo-password` and an empty tree. */
  reset(): void {
    this.tenants.clear();
    this.users.clear();
    this.addTenant(DEMO_TENANT);
    this.addUser(DEMO_TENANT, DEMO_USERNAME, DEMO_PASSWORD);
    this.changed(undefined);
  }

  addTenant(id: string): Tenant {
    const existing = this.tenants.get(id);
    if (existing) return existing;
    const tenant = new Tenant(requireText(id, "tenant id"), ownerUuidOf(id));
    this.tenants.set(id, tenant);
    return this.changed(tenant);
  }

  /** Adds a user, or sets a new password for an existing user of the same tenant. */
  addUser(tenantId: string, username: string, password: string): void {
    requireText(username, "username");
    requireText(password, "password");
    const existing = this.users.get(username);
    if (existing && existing.tenant !== tenantId) {
      throw new ModelError("already-exists", `user ${username} already belongs to tenant ${existing.tenant}`);
    }
    this.users.set(username, newUser(username, this.tenant(tenantId).id, password));
    this.changed(undefined);
  }

  tenant(id: string): Tenant {
    const tenant = this.tenants.get(id);
    if (!tenant) throw new ModelError("not-found", `tenant ${id} not found`);
    return tenant;
  }

  /** The user whose credentials these are; the same error whether the user or the password is wrong. */
  authenticate(username: string, password: string): UserRecord {
    const user = this.users.get(username);
    if (!user || !passwordMatches(user, password)) {
      throw new ModelError("bad-credentials", "invalid username or password");
    }
    return user;
  }

  /** Throws "other-tenant" or "not-found" unless the group is in this tenant. */
  ownGroup(tenant: Tenant, uuid: string, role = "group"): void {
    if (tenant.groups.has(uuid)) return;
    for (const other of this.tenants.values()) {
      if (other.groups.has(uuid)) {
        throw new ModelError("other-tenant", `${role} ${uuid} belongs to another tenant`);
      }
    }
    throw new ModelError("not-found", `${role} ${uuid} not found`);
  }

  /** A server-assigned uuid. */
  newGroupUuid(): string {
    return this.newUuid();
  }

  /** Whether a group anywhere has this uuid now. */
  groupUuidInUse(uuid: string): boolean {
    return [...this.tenants.values()].some((t) => t.groups.has(uuid));
  }

  private groupUuidDeleted(uuid: string): boolean {
    return [...this.tenants.values()].some((t) => t.wasDeleted(uuid));
  }

  changed<T>(result: T): T {
    if (this.batchDepth > 0) this.changedInBatch = true;
    else this.onChange();
    return result;
  }

  /** Runs many changes with one change notification at the end (a seed of thousands of groups). */
  batch<T>(work: () => T): T {
    this.batchDepth++;
    try {
      return work();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.changedInBatch) {
        this.changedInBatch = false;
        this.onChange();
      }
    }
  }

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
      { uuid, displayName, description, parentGroupUuid, linkedEntityType },
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
    return this.changed(tenant.deleteGroup(uuid, release));
  }

  listDeviceGroups(tenantId: string, pageSize: unknown, pageToken: unknown): Page<DeviceGroup> {
    const tenant = this.tenant(tenantId);
    // Page the records first: only the page's groups get converted.
    const page = paginate([...tenant.groups.values()], pageSize, pageToken);
    return { ...page, items: page.items.map((g) => tenant.toDeviceGroup(g)) };
  }

  /** `GET /v1/device_groups/{groupUuid}/devices`: one entry per membership. */
  listDevices(
    tenantId: string,
    groupUuid: string,
    options: { recurseSubgroups: unknown; pageSize: unknown; pageToken: unknown },
  ): Page<MemberDevice> {
    const tenant = this.pathGroup(tenantId, groupUuid);
    const recurse = optionalBoolean(options.recurseSubgroups, "recurseSubgroups", false);
    return paginate(tenant.devicesIn(groupUuid, recurse), options.pageSize, options.pageToken);
  }

  /** `GET /v1/devices`: every device of the tenant once, in the order they were added. */
  listTenantDevices(tenantId: string, pageSize: unknown, pageToken: unknown): Page<TenantDevice> {
    const tenant = this.tenant(tenantId);
    const page = paginate([...tenant.devices.values()], pageSize, pageToken);
    return {
      ...page,
      items: page.items.map((d) => ({
        uuid: d.uuid,
        displayName: d.displayName,
        parentGroupUuid: d.groupUuid,
      })),
    };
  }

  /** Adds a device (the console or a seed: the API cannot); uuids in ESET's format. */
  addDevice(tenantId: string, device: NewDevice): DeviceRecord {
    const tenant = this.tenant(tenantId);
    const others = device.otherGroupUuids ?? [];
    for (const g of [device.groupUuid, ...others]) this.ownGroup(tenant, g);
    const uuid = optionalUuid(device.uuid, "device.uuid") ?? this.newUuid();
    if ([...this.tenants.values()].some((t) => t.devices.has(uuid))) {
      throw new ModelError("already-exists", `device ${uuid} already exists`);
    }
    return this.changed(
      tenant.addDevice({
        uuid,
        displayName: requireText(device.displayName, "device.displayName"),
        groupUuid: device.groupUuid,
        otherGroupUuids: others,
      }),
    );
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
      sendAnonymousDiagnosticData: optionalBoolean(
        request.sendAnonymousDiagnosticData,
        "sendAnonymousDiagnosticData",
        false,
      ),
      generatedAt,
    });
  }

  /** A device as `GET /_emulator/state` shows it: `groupUuids` only with several memberships. */
  deviceView(d: DeviceRecord): Device {
    return deviceView(d);
  }

  state(): EmulatorState {
    return stateOf(this);
  }
}
