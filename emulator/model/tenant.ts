import { createHash } from "node:crypto";
import { type ExternalAssetType, type GroupEntityType, toDeviceGroupEntityType } from "./entity-types";
import { ModelError } from "./errors";
import { GroupIndex } from "./group-index";
import { PolicyBook } from "./policy-book";
import {
  ALL_GROUP_UUID,
  type Deletion,
  type DeviceGroup,
  type DeviceRecord,
  type Group,
  type GroupRecord,
  type LinkedSecurityGroup,
  LOST_AND_FOUND_UUID,
  type MemberDevice,
  type TreeRules,
} from "./types";
import { STATIC_GROUP_TYPE } from "./entity-types";

/** A membership that ended, kept so a lagging member listing can still show it. */
interface Departure {
  device: MemberDevice;
  joinedAt: number;
  leftAt: number;
}

/** When a member listing is read and how far it lags behind membership changes. */
export interface ListingMoment {
  now: number;
  lagMs: number;
}

/** Joined before anything was stamped: a seeded or restored membership counts as settled. */
const SETTLED = Number.NEGATIVE_INFINITY;

/** A group to add, already validated for shape; `uuid` is the one the cloud decided on. */
export interface NewGroup {
  uuid: string;
  displayName: string;
  description: string;
  parentGroupUuid: string;
  linkedEntityType: GroupEntityType;
  externalReference: string;
  externalType: ExternalAssetType;
}

export function describeGroup(group: GroupRecord): string {
  return `group "${group.displayName}" (${group.uuid})`;
}

/**
 * One customer's group tree and devices. Every uuid passed in must already be known to belong to
 * this tenant (the cloud checks that and reports other tenants' objects). The tenant enforces what
 * holds for everyone, the console included: a tree (no cycles), All fixed, Lost & found in place,
 * sibling names. What only the API may not do is in `api-rules.ts`.
 */
export class Tenant {
  /** Insertion order is the listing order. Read here; change only through the methods. */
  readonly groups = new Map<string, GroupRecord>();
  private readonly index = new GroupIndex();
  private readonly etags = new Map<string, { version: number; etag: string }>();
  readonly devices = new Map<string, DeviceRecord>();
  readonly deletions: Deletion[] = [];
  /** Policies (built-ins seeded) and their assignments. */
  readonly policyBook = new PolicyBook();
  /** Every group uuid a deletion removed, for `deletedUuidReuse`. */
  private readonly deletedUuids = new Set<string>();
  /** When each current membership (`device uuid` + `group uuid`) began; absent: settled. */
  private readonly joinedAt = new Map<string, number>();
  /** Memberships that ended, oldest first, for the membership lag. */
  private readonly departures: Departure[] = [];
  /** Source of group versions; only grows, so an etag never repeats. */
  private changeCounter = 0;

  constructor(
    readonly id: string,
    readonly ownerUuid: string,
  ) {
    this.put(this.record(ALL_GROUP_UUID, "All", undefined));
    this.put(this.record(LOST_AND_FOUND_UUID, "Lost & found", ALL_GROUP_UUID));
  }

  private put(group: GroupRecord): void {
    this.groups.set(group.uuid, group);
    this.index.link(group);
  }

  private record(uuid: string, displayName: string, parent: string | undefined): GroupRecord {
    return {
      uuid,
      displayName,
      description: "",
      parentGroupUuid: parent,
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
      externalReference: "",
      externalType: "EXTERNAL_ASSET_TYPE_UNSPECIFIED",
      version: ++this.changeCounter,
    };
  }

  /** Replaces the whole tree with saved groups (persistence); versions continue above the highest seen. */
  restoreGroups(groups: GroupRecord[]): void {
    this.groups.clear();
    this.index.clear();
    for (const group of groups) {
      this.put({ ...group });
      this.changeCounter = Math.max(this.changeCounter, group.version);
    }
  }

  /** Deletions from a saved state. */
  restoreDeletions(deletions: Deletion[]): void {
    for (const d of deletions) {
      this.deletions.push(d);
      for (const g of d.groupUuids) this.deletedUuids.add(g);
    }
  }

  wasDeleted(uuid: string): boolean {
    return this.deletedUuids.has(uuid);
  }

  group(uuid: string): GroupRecord {
    const group = this.groups.get(uuid);
    if (!group) throw new ModelError("not-found", `group ${uuid} not found`);
    return group;
  }

  childrenOf(uuid: string): GroupRecord[] {
    return this.index.childUuids(uuid).map((c) => this.group(c));
  }

  /** The group and everything below it, parents before children. */
  subtree(uuid: string): GroupRecord[] {
    const out: GroupRecord[] = [];
    const visit = (g: GroupRecord): void => {
      out.push(g);
      for (const child of this.childrenOf(g.uuid)) visit(child);
    };
    visit(this.group(uuid));
    return out;
  }

  private checkSiblingName(
    parentUuid: string,
    displayName: string,
    self: string | undefined,
    rules: TreeRules,
  ) {
    if (rules.allowDuplicateSiblingNames) return;
    const clash = this.index.uuidsNamed(parentUuid, displayName).find((u) => u !== self);
    if (clash) {
      throw new ModelError(
        "refused",
        `${describeGroup(this.group(parentUuid))} already has a subgroup named "${displayName}" (${clash})`,
      );
    }
  }

  createGroup(input: NewGroup, rules: TreeRules): GroupRecord {
    this.group(input.parentGroupUuid);
    this.checkSiblingName(input.parentGroupUuid, input.displayName, undefined, rules);
    const group: GroupRecord = { ...input, version: ++this.changeCounter };
    this.put(group);
    return group;
  }

  moveGroup(uuid: string, newParentUuid: string, rules: TreeRules): GroupRecord {
    const group = this.group(uuid);
    const newParent = this.group(newParentUuid);
    if (uuid === ALL_GROUP_UUID) throw new ModelError("refused", "the All group cannot be moved");
    if (uuid === LOST_AND_FOUND_UUID)
      throw new ModelError("refused", "the Lost & found group cannot be moved");
    // Repeating a move after an unknown outcome must succeed.
    if (group.parentGroupUuid === newParentUuid) return group;
    if (this.subtree(uuid).some((g) => g.uuid === newParentUuid)) {
      throw new ModelError(
        "refused",
        `${describeGroup(group)} cannot be moved under ${newParentUuid === uuid ? "itself" : `its own subgroup ${describeGroup(newParent)}`}`,
      );
    }
    this.checkSiblingName(newParentUuid, group.displayName, uuid, rules);
    this.index.unlink(group);
    group.parentGroupUuid = newParentUuid;
    this.index.link(group);
    group.version = ++this.changeCounter;
    return group;
  }

  renameGroup(uuid: string, displayName: string, rules: TreeRules): GroupRecord {
    const group = this.group(uuid);
    if (uuid === ALL_GROUP_UUID) throw new ModelError("refused", "the All group cannot be renamed");
    // Lost & found may be renamed here: ESET's web console can; the API cannot (api-rules.ts).
    if (group.displayName === displayName) return group;
    this.checkSiblingName(group.parentGroupUuid as string, displayName, uuid, rules);
    this.index.unlink(group);
    group.displayName = displayName;
    this.index.link(group);
    group.version = ++this.changeCounter;
    return group;
  }

  deleteGroup(uuid: string, releaseConsumedUnits: boolean, at: number = SETTLED): Deletion {
    this.group(uuid);
    if (uuid === ALL_GROUP_UUID) throw new ModelError("refused", "the All group cannot be deleted");
    if (uuid === LOST_AND_FOUND_UUID)
      throw new ModelError("refused", "the Lost & found group cannot be deleted");
    const groups = this.subtree(uuid);
    const groupUuids = new Set(groups.map((g) => g.uuid));
    // "If there are objects under the deleted groups, all of them will be deleted as well" [spec]: a
    // device goes with the group that contains it; a membership elsewhere does not keep it, and a
    // device contained elsewhere only loses its memberships here [assumed].
    const deviceUuids: string[] = [];
    for (const device of [...this.devices.values()]) {
      if (groupUuids.has(device.groupUuid)) {
        for (const g of [device.groupUuid, ...device.otherGroupUuids]) this.leave(device, g, at);
        this.devices.delete(device.uuid);
        deviceUuids.push(device.uuid);
      } else if (device.otherGroupUuids.some((g) => groupUuids.has(g))) {
        for (const g of device.otherGroupUuids.filter((g) => groupUuids.has(g))) this.leave(device, g, at);
        device.otherGroupUuids = device.otherGroupUuids.filter((g) => !groupUuids.has(g));
      }
    }
    for (const g of groups) {
      this.index.unlink(g);
      this.index.forget(g.uuid);
      this.groups.delete(g.uuid);
      this.etags.delete(g.uuid);
      this.deletedUuids.add(g.uuid);
    }
    const deletion: Deletion = {
      groupUuid: uuid,
      releaseConsumedUnits,
      groupUuids: [...groupUuids],
      deviceUuids,
    };
    this.deletions.push(deletion);
    return deletion;
  }

  /** Adds a device to its group and further memberships; "a device group can contain any device at most once" [spec]. */
  addDevice(device: DeviceRecord, at: number = SETTLED): DeviceRecord {
    const memberships = [device.groupUuid, ...device.otherGroupUuids];
    for (const g of memberships) this.group(g);
    const twice = memberships.find((g, i) => memberships.indexOf(g) !== i);
    if (twice !== undefined) {
      throw new ModelError("invalid", `device ${device.uuid} is listed twice as a member of group ${twice}`);
    }
    const record = { ...device, otherGroupUuids: [...device.otherGroupUuids] };
    this.devices.set(device.uuid, record);
    for (const g of memberships) this.join(device.uuid, g, at);
    return record;
  }

  device(uuid: string): DeviceRecord {
    const device = this.devices.get(uuid);
    if (!device) throw new ModelError("not-found", `device ${uuid} not found`);
    return device;
  }

  /** Puts the device into another group; its other memberships stay (one of them may become the group). */
  moveDevice(uuid: string, groupUuid: string, at: number = SETTLED): DeviceRecord {
    const device = this.device(uuid);
    this.group(groupUuid);
    const wasMember = device.groupUuid === groupUuid || device.otherGroupUuids.includes(groupUuid);
    if (device.groupUuid !== groupUuid) this.leave(device, device.groupUuid, at);
    if (!wasMember) this.join(uuid, groupUuid, at);
    device.otherGroupUuids = device.otherGroupUuids.filter((g) => g !== groupUuid);
    device.groupUuid = groupUuid;
    return device;
  }

  private join(deviceUuid: string, groupUuid: string, at: number): void {
    if (at !== SETTLED) this.joinedAt.set(`${deviceUuid} ${groupUuid}`, at);
  }

  private leave(device: DeviceRecord, groupUuid: string, at: number): void {
    const key = `${device.uuid} ${groupUuid}`;
    const joinedAt = this.joinedAt.get(key) ?? SETTLED;
    this.joinedAt.delete(key);
    if (at === SETTLED) return;
    this.departures.push({
      device: { uuid: device.uuid, displayName: device.displayName, groupUuid },
      joinedAt,
      leftAt: at,
    });
  }

  /**
   * Device list entries of a group, or of its whole subtree: "If a device has membership in
   * multiple groups, it is listed multiple times, once for every group" [spec].
   */
  devicesIn(uuid: string, recurseSubgroups: boolean, moment?: ListingMoment): MemberDevice[] {
    const groups = new Set(
      recurseSubgroups ? this.subtree(uuid).map((g) => g.uuid) : [this.group(uuid).uuid],
    );
    const lag = moment?.lagMs ?? 0;
    // With a lag, the listing is what replication has caught up with: memberships that began at
    // least `lag` ago, and ended ones whose end has not reached it yet (listed after the current).
    const replicated = (joinedAt: number) => lag === 0 || joinedAt + lag <= (moment?.now ?? 0);
    const out: MemberDevice[] = [];
    for (const d of this.devices.values()) {
      for (const g of [d.groupUuid, ...d.otherGroupUuids]) {
        if (groups.has(g) && replicated(this.joinedAt.get(`${d.uuid} ${g}`) ?? SETTLED)) {
          out.push({ uuid: d.uuid, displayName: d.displayName, groupUuid: g });
        }
      }
    }
    if (lag > 0 && moment) {
      for (const gone of this.departures) {
        if (
          groups.has(gone.device.groupUuid) &&
          replicated(gone.joinedAt) &&
          gone.leftAt + lag > moment.now
        ) {
          out.push({ ...gone.device });
        }
      }
    }
    return out;
  }

  toGroup(record: GroupRecord): Group {
    return {
      uuid: record.uuid,
      displayName: record.displayName,
      description: record.description,
      parentGroupUuid: record.parentGroupUuid ?? "",
      ownerUuid: this.ownerUuid,
      linkedEntityType: record.linkedEntityType,
      externalReference: record.externalReference,
      externalType: record.externalType,
    };
  }

  /**
   * A group as `GET /v1/device_groups` lists it. Static groups are security groups ("Static groups
   * have is_security_group == true" [spec: v1DeviceGroup]); what linked groups carry is unknown
   * [assumed], so `linkedSecurityGroup` says.
   */
  toDeviceGroup(g: GroupRecord, linkedSecurityGroup: LinkedSecurityGroup = "true"): DeviceGroup {
    const linked = g.linkedEntityType !== STATIC_GROUP_TYPE;
    const securityGroup = linked ? linkedSecurityGroup : "true";
    return {
      uuid: g.uuid,
      displayName: g.displayName,
      ...(g.parentGroupUuid === undefined ? {} : { parentGroupUuid: g.parentGroupUuid }),
      ...(securityGroup !== "absent" && { isSecurityGroup: securityGroup === "true" }),
      linkedEntityType: toDeviceGroupEntityType(g.linkedEntityType),
      etag: this.etagOf(g),
    };
  }

  // Hashing thousands of groups on every page would dominate listing time; cache per version.
  private etagOf(group: GroupRecord): string {
    const cached = this.etags.get(group.uuid);
    if (cached?.version === group.version) return cached.etag;
    const etag = etagOf(group);
    this.etags.set(group.uuid, { version: group.version, etag });
    return etag;
  }
}

/**
 * Opaque, changes with every version of the group, and quoted: "An entity-tag consists of an
 * opaque quoted string ... eTag value must follow RFC7232, Section 2.3" [spec: v1DeviceGroup.etag].
 */
export function etagOf(group: GroupRecord): string {
  return `"${createHash("sha256").update(`${group.uuid}:${group.version}`).digest("hex").slice(0, 20)}"`;
}
