import { createHash, randomUUID } from "node:crypto";
import { parseGroupEntityType } from "./entity-types";
import { ModelError } from "./errors";
import { encodeGpoSccmFile } from "./gpo-sccm-file";
import { type Page, paginate } from "./pagination";
import { Tenant } from "./tenant";
import {
  ALL_GROUP_UUID,
  DEFAULT_TREE_RULES,
  type Deletion,
  type Device,
  type DeviceGroup,
  type EmulatorState,
  type Group,
  LOST_AND_FOUND_UUID,
  type TreeRules,
} from "./types";
import { newUser, passwordMatches, type UserRecord } from "./users";
import { optionalBoolean, optionalGroupUuid, optionalText, requireText } from "./validate";

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

/**
 * The emulated ESET cloud: tenants with their group trees and devices, and the API users. Every
 * operation runs on behalf of one tenant; an object of another tenant is reported as such, which
 * the HTTP layer turns into 403.
 */
export class EsetCloud {
  readonly tenants = new Map<string, Tenant>();
  readonly users = new Map<string, UserRecord>();
  rules: TreeRules = { ...DEFAULT_TREE_RULES };
  /** Called after every change (once per batch), for persistence. */
  onChange: () => void = () => undefined;
  private readonly newUuid: () => string;
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
  private ownGroup(tenant: Tenant, uuid: string, role = "group"): void {
    if (tenant.groups.has(uuid)) return;
    for (const other of this.tenants.values()) {
      if (other.groups.has(uuid)) {
        throw new ModelError("other-tenant", `${role} ${uuid} belongs to another tenant`);
      }
    }
    throw new ModelError("not-found", `${role} ${uuid} not found`);
  }

  private uuidInUse(uuid: string): boolean {
    return [...this.tenants.values()].some((t) => t.groups.has(uuid));
  }

  private changed<T>(result: T): T {
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

  createGroup(tenantId: string, request: CreateGroupRequest): Group {
    const tenant = this.tenant(tenantId);
    const displayName = requireText(request.displayName, "group.displayName");
    const parentGroupUuid = requireText(request.parentGroupUuid, "group.parentGroupUuid");
    const description = optionalText(request.description, "group.description") ?? "";
    const linkedEntityType = parseGroupEntityType(request.linkedEntityType, "group.linkedEntityType");
    const wanted = optionalGroupUuid(request.uuid, "group.uuid");
    this.ownGroup(tenant, parentGroupUuid, "parent group");
    const honoured = wanted !== undefined && !this.rules.ignoreClientUuid;
    if (honoured && this.uuidInUse(wanted)) {
      throw new ModelError("already-exists", `group uuid ${wanted} is already in use`);
    }
    const uuid = honoured ? wanted : this.newUuid();
    const group = tenant.createGroup(
      { uuid, displayName, description, parentGroupUuid, linkedEntityType },
      this.rules,
    );
    return this.changed(tenant.toGroup(group));
  }

  moveGroup(tenantId: string, uuid: string, newParentUuid: unknown): Group {
    const tenant = this.tenant(tenantId);
    this.ownGroup(tenant, uuid);
    const parent = requireText(newParentUuid, "newParentUuid");
    this.ownGroup(tenant, parent, "new parent group");
    return this.changed(tenant.toGroup(tenant.moveGroup(uuid, parent, this.rules)));
  }

  renameGroup(tenantId: string, uuid: string, displayName: unknown): Group {
    const tenant = this.tenant(tenantId);
    this.ownGroup(tenant, uuid);
    const name = requireText(displayName, "displayName");
    return this.changed(tenant.toGroup(tenant.renameGroup(uuid, name, this.rules)));
  }

  deleteGroup(tenantId: string, uuid: string, releaseConsumedUnits: unknown): Deletion {
    const tenant = this.tenant(tenantId);
    this.ownGroup(tenant, uuid);
    const release = optionalBoolean(releaseConsumedUnits, "releaseConsumedUnits", false);
    return this.changed(tenant.deleteGroup(uuid, release));
  }

  listDeviceGroups(tenantId: string, pageSize: unknown, pageToken: unknown): Page<DeviceGroup> {
    const tenant = this.tenant(tenantId);
    // Page the records first: only the page's groups get converted.
    const page = paginate([...tenant.groups.values()], pageSize, pageToken);
    return { ...page, items: page.items.map((g) => tenant.toDeviceGroup(g)) };
  }

  listDevices(
    tenantId: string,
    groupUuid: string,
    options: { recurseSubgroups: unknown; pageSize: unknown; pageToken: unknown },
  ): Page<Device> {
    const tenant = this.tenant(tenantId);
    this.ownGroup(tenant, groupUuid);
    const recurse = optionalBoolean(options.recurseSubgroups, "recurseSubgroups", false);
    return paginate(tenant.devicesIn(groupUuid, recurse), options.pageSize, options.pageToken);
  }

  addDevice(tenantId: string, device: { uuid?: string; displayName: string; groupUuid: string }): Device {
    const tenant = this.tenant(tenantId);
    this.ownGroup(tenant, device.groupUuid);
    const uuid = device.uuid ?? this.newUuid();
    if ([...this.tenants.values()].some((t) => t.devices.has(uuid))) {
      throw new ModelError("already-exists", `device uuid ${uuid} is already in use`);
    }
    return this.changed(
      tenant.addDevice({ uuid, displayName: device.displayName, groupUuid: device.groupUuid }),
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
    const group = groupUuid === undefined ? undefined : tenant.group(groupUuid);
    return encodeGpoSccmFile({
      tenant: tenant.id,
      securityGroup: group && { uuid: group.uuid, displayName: group.displayName },
      sendAnonymousDiagnosticData: optionalBoolean(
        request.sendAnonymousDiagnosticData,
        "sendAnonymousDiagnosticData",
        false,
      ),
      generatedAt,
      generationId: randomUUID(),
    });
  }

  state(): EmulatorState {
    return {
      tenants: [...this.tenants.values()].map((t) => ({
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
        devices: [...t.devices.values()].map((d) => ({ ...d })),
        deletions: t.deletions.map((d) => ({
          ...d,
          groupUuids: [...d.groupUuids],
          deviceUuids: [...d.deviceUuids],
        })),
      })),
      users: [...this.users.values()].map((u) => ({ username: u.username, tenant: u.tenant })),
    };
  }
}
