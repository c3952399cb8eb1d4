/**
 * The live tree: ESET's groups as the device-management listing returns them, with the lookups the
 * plan, `export` and `tree` need (children by parent, path of names, a uuid-or-path reference).
 */
import { isLostAndFound } from "../client/well-known-groups";
import { ALL_GROUP_UUID } from "./format";
import { childPath, parsePath } from "./paths";

/** A group as listed by ESET (the client's `DeviceGroup` fits). */
export interface LiveGroup {
  uuid: string;
  displayName: string;
  /** Missing for the root All. */
  parentGroupUuid?: string;
  /** Asset-management vocabulary (`GROUP_ENTITY_TYPE_*`). Default: unspecified. */
  linkedEntityType?: string;
  /** False for dynamic groups, which the asset-management API does not manage. Default: true. */
  isSecurityGroup?: boolean;
}

export class LiveTree {
  private readonly byUuid = new Map<string, LiveGroup>();
  private readonly children = new Map<string, LiveGroup[]>();

  /**
   * @param groups Every group of the tenant. Dynamic groups (`isSecurityGroup: false`) are left
   *   out: they are rule-based and cannot be created, moved or renamed through the API.
   */
  constructor(groups: readonly LiveGroup[]) {
    for (const group of groups) {
      if (group.isSecurityGroup !== false) this.byUuid.set(group.uuid, group);
    }
    if (!this.byUuid.has(ALL_GROUP_UUID)) {
      this.byUuid.set(ALL_GROUP_UUID, { uuid: ALL_GROUP_UUID, displayName: "All" });
    }
    for (const group of this.byUuid.values()) {
      if (group.uuid === ALL_GROUP_UUID || group.parentGroupUuid === undefined) continue;
      const siblings = this.children.get(group.parentGroupUuid) ?? [];
      siblings.push(group);
      this.children.set(group.parentGroupUuid, siblings);
    }
    for (const siblings of this.children.values()) {
      siblings.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.uuid.localeCompare(b.uuid));
    }
  }

  /** The root group All. */
  get root(): LiveGroup {
    return this.byUuid.get(ALL_GROUP_UUID)!;
  }

  get(uuid: string): LiveGroup | undefined {
    return this.byUuid.get(uuid);
  }

  /** Direct children, sorted by name. */
  childrenOf(uuid: string): readonly LiveGroup[] {
    return this.children.get(uuid) ?? [];
  }

  /** Every group below `uuid`, parents before children. */
  descendantsOf(uuid: string): LiveGroup[] {
    const found: LiveGroup[] = [];
    const visit = (parent: string): void => {
      for (const child of this.childrenOf(parent)) {
        found.push(child);
        visit(child.uuid);
      }
    };
    visit(uuid);
    return found;
  }

  /** Path of names below All (`Customers/Acme`); "" for All itself. */
  pathOf(uuid: string): string {
    const names: string[] = [];
    const seen = new Set<string>();
    let current = this.byUuid.get(uuid);
    while (current && current.uuid !== ALL_GROUP_UUID && !seen.has(current.uuid)) {
      seen.add(current.uuid);
      names.unshift(current.displayName);
      current = current.parentGroupUuid ? this.byUuid.get(current.parentGroupUuid) : undefined;
    }
    return names.reduce((path, name) => childPath(path, name), "");
  }

  /** True for All and for ESET's built-in Lost & found group, which nobody declares or removes. */
  isBuiltIn(uuid: string): boolean {
    if (uuid === ALL_GROUP_UUID) return true;
    const group = this.byUuid.get(uuid);
    return group !== undefined && isLostAndFound(group);
  }

  /**
   * The group a user means by `ref`: a uuid, or a path of names below All. "", "/" and "All" are
   * All; a leading "All/" is accepted when no top-level group is itself named "All".
   */
  resolve(ref: string): LiveGroup | undefined {
    const byUuid = this.byUuid.get(ref) ?? this.byUuid.get(ref.toLowerCase());
    if (byUuid) return byUuid;
    let names = parsePath(ref.trim());
    const rootName = this.root.displayName;
    if (names[0] === rootName && !this.childrenOf(ALL_GROUP_UUID).some((g) => g.displayName === rootName)) {
      names = names.slice(1);
    }
    let current: LiveGroup | undefined = this.root;
    for (const name of names) {
      current = this.childrenOf(current.uuid).find((child) => child.displayName === name);
      if (!current) return undefined;
    }
    return current;
  }
}
