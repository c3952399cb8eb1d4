/**
 * The group tree built from one listing, the one walk down a subtree and the one walk up to the
 * root, and the pure updates that writes from this process make to it (so that a read right after
 * a write sees the write without another listing). The resources' rules, the hierarchy's plan and
 * `export`, and both anchor lookups all read groups through this model.
 */
import { DeviceGroup } from "./schemas";

/** What a group must carry to sit in a tree (the client's `DeviceGroup` and the hierarchy's `LiveGroup` fit). */
export interface TreeGroup {
  uuid: string;
  displayName: string;
  /** Missing for a root (All). */
  parentGroupUuid?: string;
}

/** An immutable view of every group of the tenant. */
export interface GroupTree<G extends TreeGroup = DeviceGroup> {
  /** Every group by uuid. */
  readonly byUuid: ReadonlyMap<string, G>;
  /** The groups whose parent is `uuid`, in listing order (empty for an unknown uuid). */
  childrenOf(uuid: string): readonly G[];
  /**
   * Display names from the root down to the group, e.g. `["All", "EMEA", "Berlin"]`; undefined
   * for an unknown uuid or a group whose chain of parents is broken or loops.
   */
  pathOf(uuid: string): string[] | undefined;
  /** Every group, in listing order. */
  readonly groups: readonly G[];
}

const NO_CHILDREN: readonly never[] = Object.freeze([]);

export function buildTree<G extends TreeGroup = DeviceGroup>(groups: readonly G[]): GroupTree<G> {
  const byUuid = new Map<string, G>();
  const children = new Map<string, G[]>();
  for (const group of groups) byUuid.set(group.uuid, group);
  for (const group of byUuid.values()) {
    if (group.parentGroupUuid === undefined) continue;
    const list = children.get(group.parentGroupUuid);
    if (list) list.push(group);
    else children.set(group.parentGroupUuid, [group]);
  }
  const tree: GroupTree<G> = {
    byUuid,
    groups: [...byUuid.values()],
    childrenOf: (uuid) => children.get(uuid) ?? NO_CHILDREN,
    pathOf: (uuid) => {
      const { groups: chain, complete } = ancestryOf(tree, uuid);
      return complete ? chain.map((group) => group.displayName).reverse() : undefined;
    },
  };
  return tree;
}

/**
 * The group and its parents, from the group up to the root: the one walk up the tree. It stops
 * at a parent that is not in the tree or at a group seen before (a loop); `complete` is true only
 * when it ended at a group without a parent. Empty (and not complete) for an unknown uuid.
 */
export function ancestryOf<G extends TreeGroup>(
  tree: GroupTree<G>,
  uuid: string,
): { groups: G[]; complete: boolean } {
  const groups: G[] = [];
  const seen = new Set<string>();
  let current = tree.byUuid.get(uuid);
  while (current && !seen.has(current.uuid)) {
    seen.add(current.uuid);
    groups.push(current);
    if (current.parentGroupUuid === undefined) return { groups, complete: true };
    current = tree.byUuid.get(current.parentGroupUuid);
  }
  return { groups, complete: false };
}

/**
 * Every group below `uuid` (not itself), each once, parents before children and nearer groups
 * first (level by level, each level in `childrenOf` order): the one walk down the tree. A loop in
 * the listing ends the walk instead of repeating it.
 */
export function descendantsOf<G extends TreeGroup>(tree: GroupTree<G>, uuid: string): G[] {
  const out: G[] = [];
  const seen = new Set([uuid]);
  const queue = [...tree.childrenOf(uuid)];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next.uuid)) continue;
    seen.add(next.uuid);
    out.push(next);
    queue.push(...tree.childrenOf(next.uuid));
  }
  return out;
}

/** Every uuid in the subtree of `uuid`, itself included (first), in `descendantsOf` order. */
export function subtreeOf<G extends TreeGroup>(tree: GroupTree<G>, uuid: string): Set<string> {
  return new Set([uuid, ...descendantsOf(tree, uuid).map((group) => group.uuid)]);
}

/** A write this process made, as it affects the tree. */
export type TreeWrite =
  | { kind: "create"; group: DeviceGroup }
  | { kind: "move"; uuid: string; parentGroupUuid: string }
  | { kind: "rename"; uuid: string; displayName: string }
  | { kind: "delete"; uuid: string };

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
