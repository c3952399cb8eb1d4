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

/** Paths of the groups with a linkedEntityType (of one type, when given: "SITE" or "GROUP_ENTITY_TYPE_SITE"). */
export function linkedPaths(yaml: string, type?: string): string[] {
  const file = parse(yaml) as HierarchyFile;
  const root = file.parent ? `All/${file.parent.replace(/^All\//, "")}` : "All";
  const out: string[] = [];
  const walk = (nodes: Node[], prefix: string) => {
    for (const n of nodes) {
      const here = `${prefix}/${n.name}`;
      const linked =
        typeof n.linkedEntityType === "string" ? n.linkedEntityType.replace(/^GROUP_ENTITY_TYPE_/, "") : "";
      if (linked && linked !== "UNSPECIFIED" && (!type || linked === type)) out.push(here);
      walk(n.children ?? [], here);
    }
  };
  walk(file.groups, root);
  return out.sort();
}
