import { createHash, randomUUID } from "node:crypto";
import { ModelError } from "./errors";
import { Tenant } from "./tenant";
import {
  DEFAULT_LISTING_RULES,
  DEFAULT_TREE_RULES,
  type DeviceRecord,
  type ListingRules,
  type TreeRules,
} from "./types";
import { DEFAULT_POLICY_RULES, type PolicyRules } from "./policies";
import { newUser, passwordMatches, type UserRecord } from "./users";
import { optionalUuid, requireText } from "./validate";

/** The tenant, user and password every fresh or reset emulator has. */
export const DEMO_TENANT = "demo";
export const DEMO_USERNAME = "demo@example.com";
export const DEMO_PASSWORD = "demo-password";

export interface CloudOptions {
  /** Source of server-assigned uuids. Default: random RFC 4122 v4. */
  newUuid?: () => string;
  /**
   * The time membership changes are stamped with (membership lag); the emulator passes its
   * virtual clock. Default Date.now.
   */
  now?: () => number;
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
 * What the emulated cloud holds (tenants with their trees and devices, the API users) and what
 * every way of changing it shares: ownership across tenants, uuids, the tree-rule switches and
 * change notification. The API's operations (`cloud.ts`) and the console's (`console.ts`) both
 * stand on it; it lives apart from them so that neither has to import the other.
 */
export class CloudStore {
  readonly tenants = new Map<string, Tenant>();
  readonly users = new Map<string, UserRecord>();
  rules: TreeRules = { ...DEFAULT_TREE_RULES };
  listing: ListingRules = { ...DEFAULT_LISTING_RULES };
  policyRules: PolicyRules = { ...DEFAULT_POLICY_RULES };
  /** Now, for stamping membership changes. */
  readonly now: () => number;
  /** Called after every change (once per batch), for persistence. */
  onChange: () => void = () => undefined;
  private readonly newUuid: () => string;
  private batchDepth = 0;
  private changedInBatch = false;

  constructor(options: CloudOptions = {}) {
    this.newUuid = options.newUuid ?? randomUUID;
    this.now = options.now ?? Date.now;
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

  /** A server-assigned uuid for a policy or an assignment. */
  serverUuid(): string {
    return this.newUuid();
  }

  /** Whether a group anywhere has this uuid now. */
  groupUuidInUse(uuid: string): boolean {
    return [...this.tenants.values()].some((t) => t.groups.has(uuid));
  }

  /** Whether a deletion anywhere removed a group with this uuid. */
  groupUuidDeleted(uuid: string): boolean {
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
   * Adds a device (the console or a seed: the API cannot); uuids in ESET's format. `joinedAt` stamps
   * its memberships for the membership lag; without it (a seed) they count as settled long ago.
   */
  addDevice(tenantId: string, device: NewDevice, joinedAt?: number): DeviceRecord {
    const tenant = this.tenant(tenantId);
    const others = device.otherGroupUuids ?? [];
    for (const g of [device.groupUuid, ...others]) this.ownGroup(tenant, g);
    const uuid = optionalUuid(device.uuid, "device.uuid") ?? this.newUuid();
    if ([...this.tenants.values()].some((t) => t.devices.has(uuid))) {
      throw new ModelError("already-exists", `device ${uuid} already exists`);
    }
    return this.changed(
      tenant.addDevice(
        {
          uuid,
          displayName: requireText(device.displayName, "device.displayName"),
          groupUuid: device.groupUuid,
          otherGroupUuids: others,
        },
        joinedAt,
      ),
    );
  }
}
