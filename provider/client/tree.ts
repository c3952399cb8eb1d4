/**
 * The group tree built from one listing, and the pure updates that writes from this process make
 * to it (so that a read right after a write sees the write without another listing).
 */
import { DeviceGroup } from "./schemas";

/** An immutable view of every group of the tenant. */
export interface GroupTree {
  /** Every group by uuid. */
  readonly byUuid: ReadonlyMap<string, DeviceGroup>;
  /** The groups whose parent is `uuid`, in listing order (empty for an unknown uuid). */
  childrenOf(uuid: string): readonly DeviceGroup[];
  /**
   * Display names from the root down to the group, e.g. `["All", "EMEA", "Berlin"]`; undefined
   * for an unknown uuid or a group whose chain of parents is broken or loops.
   */
  pathOf(uuid: string): string[] | undefined;
  /** Every group, in listing order. */
  readonly groups: readonly DeviceGroup[];
}

const NO_CHILDREN: readonly DeviceGroup[] = Object.freeze([]);

export function buildTree(groups: readonly DeviceGroup[]): GroupTree {
  const byUuid = new Map<string, DeviceGroup>();
  const children = new Map<string, DeviceGroup[]>();
  for (const group of groups) byUuid.set(group.uuid, group);
  for (const group of byUuid.values()) {
    if (group.parentGroupUuid === undefined) continue;
    const list = children.get(group.parentGroupUuid);
    if (list) list.push(group);
    else children.set(group.parentGroupUuid, [group]);
  }
  const ordered = [...byUuid.values()];
  return {
    byUuid,
    groups: ordered,
    childrenOf: (uuid) => children.get(uuid) ?? NO_CHILDREN,
    pathOf: (uuid) => {
      const names: string[] = [];
      const seen = new Set<string>();
      let current = byUuid.get(uuid);
      while (current) {
        if (seen.has(current.uuid)) return undefined;
        seen.add(current.uuid);
        names.unshift(current.displayName);
        if (current.parentGroupUuid === undefined) return names;
        current = byUuid.get(current.parentGroupUuid);
      }
      return undefined;
    },
  };
}

/** A write this process made, as it affects the tree. */
export type TreeWrite =
  | { kind: "create"; group: DeviceGroup }
  | { kind: "move"; uuid: string; parentGroupUuid: string }
  | { kind: "rename"; uuid: string; displayName: string }
  | { kind: "delete"; uuid: string };

/** Every uuid in the subtree of `uuid`, itself included. */
export function subtreeOf(tree: GroupTree, uuid: string): Set<string> {
  const out = new Set<string>();
  const queue = [uuid];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (out.has(next)) continue;
    out.add(next);
    for (const child of tree.childrenOf(next)) queue.push(child.uuid);
  }
  return out;
}

/**
 * The tree after a write. Idempotent, because a listing that was running during the write may
 * already show it: creating an existing uuid updates it, deleting a missing group does nothing.
 */
export function applyWrite(tree: GroupTree, write: TreeWrite): GroupTree {
  switch (write.kind) {
    case "create": {
      const exists = tree.byUuid.has(write.group.uuid);
      return buildTree(
        exists
          ? tree.groups.map((g) => (g.uuid === write.group.uuid ? { ...g, ...write.group } : g))
          : [...tree.groups, write.group],
      );
    }
    case "move":
      if (!tree.byUuid.has(write.uuid)) return tree;
      return buildTree(
        tree.groups.map((g) =>
          g.uuid === write.uuid ? { ...g, parentGroupUuid: write.parentGroupUuid } : g,
        ),
      );
    case "rename":
      if (!tree.byUuid.has(write.uuid)) return tree;
      return buildTree(
        tree.groups.map((g) => (g.uuid === write.uuid ? { ...g, displayName: write.displayName } : g)),
      );
    case "delete": {
      if (!tree.byUuid.has(write.uuid)) return tree;
      const gone = subtreeOf(tree, write.uuid);
      return buildTree(tree.groups.filter((g) => !gone.has(g.uuid)));
    }
  }
}
