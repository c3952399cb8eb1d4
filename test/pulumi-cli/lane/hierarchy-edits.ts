// Edits of a hierarchy.yaml the way a user makes them, by key (so they keep working when the
// example's tree changes), and the paths the file declares.
import { parse, stringify } from "yaml";

interface Node {
  name: string;
  key?: string;
  children?: Node[];
  [field: string]: unknown;
}

interface HierarchyFile {
  parent?: string;
  groups: Node[];
}

function find(nodes: Node[], key: string): { node: Node; siblings: Node[] } | undefined {
  for (const node of nodes) {
    if (node.key === key) return { node, siblings: nodes };
    const below = find(node.children ?? [], key);
    if (below) return below;
  }
  return undefined;
}

function edit(yaml: string, change: (file: HierarchyFile, at: (key: string) => Node) => void): string {
  const file = parse(yaml) as HierarchyFile;
  const at = (key: string) => {
    const found = find(file.groups, key);
    if (!found) throw new Error(`hierarchy.yaml has no group with key ${key}`);
    return found.node;
  };
  change(file, at);
  return stringify(file);
}

export function renameGroup(yaml: string, key: string, name: string): string {
  return edit(yaml, (_file, at) => (at(key).name = name));
}

/** Moves the group `key` (with its subtree) under the group `parentKey`. */
export function moveGroup(yaml: string, key: string, parentKey: string): string {
  return edit(yaml, (file, at) => {
    const { node, siblings } = find(file.groups, key)!;
    siblings.splice(siblings.indexOf(node), 1);
    const parent = at(parentKey);
    parent.children = [...(parent.children ?? []), node];
  });
}

/**
 * Every path the file declares (names joined by "/", below its parent, "All" by default), sorted,
 * and the path of each explicit key.
 */
export function declared(yaml: string): { paths: string[]; byKey: Record<string, string> } {
  const file = parse(yaml) as HierarchyFile;
  const root = file.parent ? `All/${file.parent.replace(/^All\//, "")}` : "All";
  const paths: string[] = [];
  const byKey: Record<string, string> = {};
  const walk = (nodes: Node[], prefix: string) => {
    for (const n of nodes) {
      const here = `${prefix}/${n.name}`;
      paths.push(here);
      if (n.key) byKey[n.key] = here;
      walk(n.children ?? [], here);
    }
  };
  walk(file.groups, root);
  return { paths: paths.sort(), byKey };
}

/** A group of an emulator seed (emulator-seed.yaml), as far as its place in the tree goes. */
interface SeededGroup {
  uuid?: string;
  displayName: string;
  parentGroupUuid?: string;
}

/**
 * The path (below "All") and uuid of every group an emulator seed creates in its first tenant:
 * the groups ESET made, which the stack refers to and must leave as they are.
 */
export function seeded(seed: { tenants?: { groups?: SeededGroup[] }[] }): Record<string, string> {
  const groups = seed.tenants?.[0]?.groups ?? [];
  const byUuid = new Map(groups.map((g) => [g.uuid, g]));
  const pathOf = (g: SeededGroup): string => {
    const parent = g.parentGroupUuid ? byUuid.get(g.parentGroupUuid) : undefined;
    return `${parent ? pathOf(parent) : "All"}/${g.displayName}`;
  };
  const out: Record<string, string> = {};
  for (const g of groups) {
    if (!g.uuid) throw new Error(`seed group ${g.displayName} has no uuid`);
    out[pathOf(g)] = g.uuid;
  }
  return out;
}
