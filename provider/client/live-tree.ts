/**
 * The live tree as people name its groups: ESET's static groups, with the lookups the hierarchy's
 * plan, `export`, the `eset-connect` commands and `GroupAnchor` need (children by name, the path
 * of names below All, a uuid-or-path reference). A thin view: the groups, the lookups and the
 * walks are the one `GroupTree` model's (./tree.ts).
 */
import { buildTree, descendantsOf, ancestryOf, type GroupTree } from "./tree";
import { ALL_GROUP_UUID, isLostAndFound } from "./well-known-groups";
import { childPath, parsePath } from "./group-paths";
import { isDynamicGroup } from "./dynamic-groups";

/** A group as listed by ESET (the client's `DeviceGroup` fits). */
export interface LiveGroup {
  uuid: string;
  displayName: string;
  /** Missing for the root All. */
  parentGroupUuid?: string;
  /** Asset-management vocabulary (`GROUP_ENTITY_TYPE_*`). Default: unspecified. */
  linkedEntityType?: string;
  /**
   * False for dynamic groups, which the asset-management API does not manage; ignored for linked
   * groups and All / Lost & found (see isDynamicGroup). Default: true.
   */
  isSecurityGroup?: boolean;
}

function byName(a: LiveGroup, b: LiveGroup): number {
  return a.displayName.localeCompare(b.displayName) || a.uuid.localeCompare(b.uuid);
}

export class LiveTree {
  /** The static and linked groups, All included, each group's children sorted by name. */
  readonly tree: GroupTree<LiveGroup>;

  /**
   * @param groups Every group of the tenant. Dynamic groups (isDynamicGroup) are left out: they are
   *   rule-based and cannot be created, moved or renamed through the API. Linked groups are kept
   *   whatever their `isSecurityGroup` says: they are the anchors of an MSP tree.
   */
  constructor(groups: readonly LiveGroup[]) {
    const kept = groups.filter((group) => !isDynamicGroup(group));
    if (!kept.some((group) => group.uuid === ALL_GROUP_UUID)) {
      kept.push({ uuid: ALL_GROUP_UUID, displayName: "All" });
    }
    // All is the root even if a listing gave it a parent.
    const rooted = kept.map((group) =>
      group.uuid === ALL_GROUP_UUID && group.parentGroupUuid !== undefined
        ? { ...group, parentGroupUuid: undefined }
        : group,
    );
    this.tree = buildTree(rooted.sort(byName));
  }

  /** The root group All. */
  get root(): LiveGroup {
    return this.tree.byUuid.get(ALL_GROUP_UUID)!;
  }

  get(uuid: string): LiveGroup | undefined {
    return this.tree.byUuid.get(uuid);
  }

  /** Direct children, sorted by name. */
  childrenOf(uuid: string): readonly LiveGroup[] {
    return this.tree.childrenOf(uuid);
  }

  /** Every group below `uuid`, parents before children. */
  descendantsOf(uuid: string): LiveGroup[] {
    return descendantsOf(this.tree, uuid);
  }

  /** Path of names below All (`Customers/Acme`); "" for All itself. */
  pathOf(uuid: string): string {
    const { groups } = ancestryOf(this.tree, uuid);
    const below = groups.slice(0, groups.findIndex((group) => group.uuid === ALL_GROUP_UUID) >>> 0);
    return below.reduceRight((path, group) => childPath(path, group.displayName), "");
  }

  /** True for All and for ESET's built-in Lost & found group, which nobody declares or removes. */
  isBuiltIn(uuid: string): boolean {
    if (uuid === ALL_GROUP_UUID) return true;
    const group = this.tree.byUuid.get(uuid);
    return group !== undefined && isLostAndFound(group);
  }

  /**
   * The group a user means by `ref`: a uuid, or a path of names below All. "", "/" and "All" are
   * All; a leading "All/" is accepted when no top-level group is itself named "All".
   */
  resolve(ref: string): LiveGroup | undefined {
    const byUuid = this.findUuid(ref);
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

  /** The group with this uuid, written in any case. */
  findUuid(uuid: string): LiveGroup | undefined {
    return this.get(uuid) ?? this.get(uuid.toLowerCase());
  }

  /** `"Customers/Acme" (uuid)`, the way messages about the hierarchy and anchors name a group. */
  describe(group: LiveGroup): string {
    return `"${this.pathOf(group.uuid) || group.displayName}" (${group.uuid})`;
  }
}
