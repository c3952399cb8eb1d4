/**
 * The declared tree the benchmark and the chaos test deploy: an MSP's shape four levels deep
 * (customer → site → department → team), as a flat list of nodes with stable keys, parents first,
 * written for the program as hierarchy YAML (docs/hierarchy.md). Pure functions: the same N
 * always gives the same tree, and edits are picked deterministically, so runs are comparable.
 */
import { stringify } from "yaml";
import type { HierarchyNode, HierarchySpec } from "../../provider/hierarchy";

/** One declared group. The key is the Pulumi resource name, so it never changes across edits. */
export interface TreeNode {
  key: string;
  name: string;
  /** The parent's key; none for a top-level group (under All). */
  parentKey?: string;
  /** Default UNSPECIFIED. The benchmark leaves it out: ESET refuses to delete linked groups. */
  linkedEntityType?: string;
  /**
   * Policy uuids, rank 1 first (the benchmark's --policies). Uuids, not names: a name costs a
   * policy listing in every preview, and the no-op preview must make no call.
   */
  policies?: string[];
}

/** What the Pulumi program reads: every node, each parent listed before its children. */
export interface DeclaredTree {
  nodes: TreeNode[];
}

const DEPARTMENTS = ["Sales", "Engineering", "Finance"];
const TEAMS = ["Laptops", "Servers"];
// Children per node at each level: 2 sites per customer, 3 departments per site, 2 teams each.
const BRANCHING = [2, DEPARTMENTS.length, TEAMS.length];
/** The smallest tree that reaches depth 4: a customer, its 2 sites, their 6 departments, a team. */
export const MIN_GROUPS = 1 + 2 + 2 * 3 + 1;
/** Groups under one fully populated customer, itself included. */
const PER_CUSTOMER = 1 + 2 + 2 * 3 + 2 * 3 * 2;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function childOf(parent: TreeNode, depth: number, index: number): TreeNode {
  if (depth === 1) {
    // Site names are unique across customers, so a site can move to another customer.
    const id = `${parent.key}-s${index + 1}`;
    return {
      key: id,
      name: `Site ${parent.name.slice("Customer ".length)}-${index + 1}`,
      parentKey: parent.key,
    };
  }
  const name = depth === 2 ? DEPARTMENTS[index] : TEAMS[index];
  return { key: `${parent.key}/${name.toLowerCase()}`, name, parentKey: parent.key };
}

/**
 * N groups, four levels deep: enough customers for N, then sites, departments and teams filled
 * level by level until there are N (the last level may be partly filled). N must be at least
 * MIN_GROUPS (10).
 */
export function realisticTree(n: number): DeclaredTree {
  if (!Number.isInteger(n) || n < MIN_GROUPS) {
    throw new Error(`a tree of depth 4 needs a whole number of at least ${MIN_GROUPS} groups (got ${n})`);
  }
  const customers = Math.max(1, Math.ceil(n / PER_CUSTOMER));
  let level: TreeNode[] = [];
  for (let i = 0; i < customers; i++)
    level.push({ key: `c${pad(i + 1, 3)}`, name: `Customer ${pad(i + 1, 3)}` });
  const nodes = [...level];
  for (let depth = 1; depth < 4 && nodes.length < n; depth++) {
    const next: TreeNode[] = [];
    for (let index = 0; index < BRANCHING[depth - 1]; index++) {
      // Round-robin over parents, so a partly filled level is spread over every customer.
      for (const parent of level) {
        if (nodes.length + next.length >= n) break;
        next.push(childOf(parent, depth, index));
      }
    }
    nodes.push(...next);
    level = next;
  }
  return { nodes: nodes.slice(0, n) };
}

/** How deep a node is (1 = under All). */
export function depthOf(tree: DeclaredTree, key: string): number {
  const byKey = new Map(tree.nodes.map((n) => [n.key, n]));
  let depth = 0;
  for (let node = byKey.get(key); node; node = node.parentKey ? byKey.get(node.parentKey) : undefined)
    depth++;
  return depth;
}

/** What an edit changed, by key. */
export interface TreeEdit {
  tree: DeclaredTree;
  renamed: string[];
  moved: string[];
  added: string[];
  removed: string[];
}

export interface EditCounts {
  renames?: number;
  moves?: number;
  adds?: number;
  removes?: number;
}

/** Picks `count` items spread evenly over `items` (deterministic). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count <= 0 || items.length === 0) return [];
  const step = items.length / Math.min(count, items.length);
  return Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor(i * step)]);
}

/**
 * Renames, moves, adds and removes, each on different nodes:
 * - renames: departments and teams get " (renamed)" appended (in place, same key);
 * - moves: sites move to the next customer (their subtree goes with them, in place);
 * - adds: a "Contractors" team under departments that have none;
 * - removes: whole teams (leaves), so nothing the stack still manages is inside.
 */
export function editTree(tree: DeclaredTree, counts: EditCounts): TreeEdit {
  const nodes = tree.nodes.map((n) => ({ ...n }));
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const depth = (n: TreeNode) => depthOf({ nodes }, n.key);
  const customers = nodes.filter((n) => depth(n) === 1);
  const sites = nodes.filter((n) => depth(n) === 2);
  const departments = nodes.filter((n) => depth(n) === 3);
  const teams = nodes.filter((n) => depth(n) === 4);

  const removed = spread(
    teams.filter((_, i) => i % 2 === 1),
    counts.removes ?? 0,
  ).map((n) => n.key);
  const gone = new Set(removed);

  const moved = customers.length < 2 ? [] : spread(sites, counts.moves ?? 0).map((n) => n.key);
  for (const key of moved) {
    const site = byKey.get(key) as TreeNode;
    const at = customers.findIndex((c) => c.key === site.parentKey);
    site.parentKey = customers[(at + 1) % customers.length].key;
  }

  const renamable = [...departments, ...teams.filter((t) => !gone.has(t.key))];
  const renamed = spread(renamable, counts.renames ?? 0).map((n) => n.key);
  for (const key of renamed) (byKey.get(key) as TreeNode).name += " (renamed)";

  const added: string[] = [];
  const kept = nodes.filter((n) => !gone.has(n.key));
  for (const department of spread(departments, counts.adds ?? 0)) {
    const key = `${department.key}/contractors`;
    if (byKey.has(key)) continue;
    kept.push({ key, name: "Contractors", parentKey: department.key });
    added.push(key);
  }
  return { tree: { nodes: parentsFirst(kept) }, renamed, moved, added, removed };
}

/** Orders nodes so that every parent comes before its children (stable otherwise). */
export function parentsFirst(nodes: readonly TreeNode[]): TreeNode[] {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const out: TreeNode[] = [];
  const done = new Set<string>();
  const visit = (node: TreeNode) => {
    if (done.has(node.key)) return;
    const parent = node.parentKey ? byKey.get(node.parentKey) : undefined;
    if (node.parentKey && !parent)
      throw new Error(`node ${node.key} names a missing parent ${node.parentKey}`);
    if (parent) visit(parent);
    done.add(node.key);
    out.push(node);
  };
  nodes.forEach(visit);
  return out;
}

/** Each node's path of names from the top (`Customer 001/Site 001-1/Sales`), by key. */
export function pathsByKey(tree: DeclaredTree): Map<string, string> {
  const byKey = new Map(tree.nodes.map((n) => [n.key, n]));
  const paths = new Map<string, string>();
  const pathOf = (node: TreeNode): string => {
    const known = paths.get(node.key);
    if (known !== undefined) return known;
    const parent = node.parentKey ? byKey.get(node.parentKey) : undefined;
    const path = parent ? `${pathOf(parent)}/${node.name}` : node.name;
    paths.set(node.key, path);
    return path;
  };
  tree.nodes.forEach(pathOf);
  return paths;
}

/** The tree in the hierarchy format the `Hierarchy` component reads, every node with its key. */
export function toHierarchySpec(tree: DeclaredTree): HierarchySpec {
  const byKey = new Map<string, HierarchyNode>();
  const groups: HierarchyNode[] = [];
  for (const node of parentsFirst(tree.nodes)) {
    const out: HierarchyNode = { name: node.name, key: node.key };
    if (node.linkedEntityType)
      out.linkedEntityType = node.linkedEntityType as HierarchyNode["linkedEntityType"];
    if (node.policies) out.policies = [...node.policies];
    byKey.set(node.key, out);
    const parent = node.parentKey === undefined ? undefined : byKey.get(node.parentKey);
    if (parent) (parent.children ??= []).push(out);
    else groups.push(out);
  }
  return { groups };
}

/** hierarchy.yaml for the tree. */
export function hierarchyYaml(tree: DeclaredTree): string {
  return stringify(toHierarchySpec(tree));
}
