import type { GroupRecord } from "./types";

/**
 * Children by parent, and group uuids by parent and name: without them every sibling-name check
 * and every subtree walk would scan all groups, which dominates big trees (thousands of groups).
 * The index only follows; the tenant tells it when a group is placed under a parent or taken away.
 */
export class GroupIndex {
  private readonly children = new Map<string, Set<string>>();
  private readonly byParentAndName = new Map<string, Set<string>>();

  /** Records the group under its parent and name (All, which has no parent, is not indexed). */
  link(group: GroupRecord): void {
    if (group.parentGroupUuid === undefined) return;
    addTo(this.children, group.parentGroupUuid, group.uuid);
    addTo(this.byParentAndName, nameKey(group.parentGroupUuid, group.displayName), group.uuid);
  }

  /** Takes the group away from its parent and name, before a move, a rename or a delete. */
  unlink(group: GroupRecord): void {
    if (group.parentGroupUuid === undefined) return;
    this.children.get(group.parentGroupUuid)?.delete(group.uuid);
    const key = nameKey(group.parentGroupUuid, group.displayName);
    const named = this.byParentAndName.get(key);
    named?.delete(group.uuid);
    if (named?.size === 0) this.byParentAndName.delete(key);
  }

  /** Drops what is kept for a deleted group's own children. */
  forget(uuid: string): void {
    this.children.delete(uuid);
  }

  childUuids(uuid: string): string[] {
    return [...(this.children.get(uuid) ?? [])];
  }

  /** The uuids of the children of `parentUuid` named `displayName`. */
  uuidsNamed(parentUuid: string, displayName: string): string[] {
    return [...(this.byParentAndName.get(nameKey(parentUuid, displayName)) ?? [])];
  }

  clear(): void {
    this.children.clear();
    this.byParentAndName.clear();
  }
}

function nameKey(parentUuid: string, displayName: string): string {
  return `${parentUuid}\u0000${displayName}`;
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}
