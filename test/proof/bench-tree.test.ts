import {
  depthOf,
  editTree,
  parentsFirst,
  pathsByKey,
  realisticTree,
  type DeclaredTree,
} from "../../tools/bench/tree";
import { compareWithDeclared, describeMismatch } from "../../tools/bench/verify";
import type { EmulatorState } from "../support/emulator";

const ALL = "00000000-0000-0000-7001-000000000001";
const LOST = "00000000-0000-0000-7001-000000000002";

function depths(tree: DeclaredTree): number[] {
  const counts = [0, 0, 0, 0];
  for (const node of tree.nodes) counts[depthOf(tree, node.key) - 1]++;
  return counts;
}

function siblingNamesAreUnique(tree: DeclaredTree): boolean {
  const seen = new Set<string>();
  for (const node of tree.nodes) {
    const id = `${node.parentKey ?? ""}\u0000${node.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

describe("realisticTree", () => {
  it.each([
    [10, [1, 2, 6, 1]],
    [100, [5, 10, 30, 55]],
    [300, [15, 30, 90, 165]],
    [1000, [48, 96, 288, 568]],
  ])("builds %i groups four levels deep: customers, sites, departments, teams", (n, perLevel) => {
    const tree = realisticTree(n);
    expect(tree.nodes).toHaveLength(n);
    expect(depths(tree)).toEqual(perLevel);
    expect(new Set(tree.nodes.map((t) => t.key)).size).toBe(n);
    expect(siblingNamesAreUnique(tree)).toBe(true);
    expect(parentsFirst(tree.nodes)).toEqual(tree.nodes);
  });

  it("names groups like an MSP's tree, with paths from the top", () => {
    const paths = [...pathsByKey(realisticTree(10)).values()];
    expect(paths).toEqual([
      "Customer 001",
      "Customer 001/Site 001-1",
      "Customer 001/Site 001-2",
      "Customer 001/Site 001-1/Sales",
      "Customer 001/Site 001-2/Sales",
      "Customer 001/Site 001-1/Engineering",
      "Customer 001/Site 001-2/Engineering",
      "Customer 001/Site 001-1/Finance",
      "Customer 001/Site 001-2/Finance",
      "Customer 001/Site 001-1/Sales/Laptops",
    ]);
  });

  it.each([0, 9, 10.5, -1])("refuses %p groups, which cannot reach depth 4", (n) => {
    expect(() => realisticTree(n)).toThrow(
      `a tree of depth 4 needs a whole number of at least 10 groups (got ${n})`,
    );
  });
});

describe("editTree", () => {
  const before = realisticTree(100);

  it("renames and moves in place: same keys, new names and parents, sibling names still unique", () => {
    const edit = editTree(before, { renames: 5, moves: 5 });
    expect(edit.renamed).toHaveLength(5);
    expect(edit.moved).toHaveLength(5);
    expect(edit.tree.nodes.map((n) => n.key).sort()).toEqual(before.nodes.map((n) => n.key).sort());
    const old = new Map(before.nodes.map((n) => [n.key, n]));
    const changed = edit.tree.nodes.filter((n) => {
      const was = old.get(n.key);
      return was?.name !== n.name || was?.parentKey !== n.parentKey;
    });
    expect(changed.map((n) => n.key).sort()).toEqual([...edit.renamed, ...edit.moved].sort());
    for (const key of edit.renamed) {
      expect(edit.tree.nodes.find((n) => n.key === key)?.name).toBe(`${old.get(key)?.name} (renamed)`);
    }
    for (const key of edit.moved) {
      const moved = edit.tree.nodes.find((n) => n.key === key);
      expect(depthOf(edit.tree, key)).toBe(2);
      expect(moved?.parentKey).not.toBe(old.get(key)?.parentKey);
    }
    expect(siblingNamesAreUnique(edit.tree)).toBe(true);
    expect(parentsFirst(edit.tree.nodes)).toEqual(edit.tree.nodes);
  });

  it("adds Contractors teams and removes whole teams only", () => {
    const edit = editTree(before, { adds: 4, removes: 6 });
    expect(edit.added).toHaveLength(4);
    expect(edit.removed).toHaveLength(6);
    expect(edit.tree.nodes).toHaveLength(100 + 4 - 6);
    for (const key of edit.removed) expect(depthOf(before, key)).toBe(4);
    for (const key of edit.added) {
      const node = edit.tree.nodes.find((n) => n.key === key);
      expect(node?.name).toBe("Contractors");
      expect(depthOf(edit.tree, key)).toBe(4);
    }
  });

  it("is deterministic", () => {
    expect(editTree(before, { renames: 3, moves: 3, adds: 3, removes: 3 })).toEqual(
      editTree(before, { renames: 3, moves: 3, adds: 3, removes: 3 }),
    );
  });
});

describe("compareWithDeclared", () => {
  const tree: DeclaredTree = {
    nodes: [
      { key: "a", name: "A" },
      { key: "a/b", name: "B", parentKey: "a" },
      { key: "c", name: "C" },
    ],
  };
  const group = (uuid: string, displayName: string, parentGroupUuid: string | null) => ({
    uuid,
    displayName,
    parentGroupUuid,
    description: "",
    linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED" as const,
    ownerUuid: "owner",
  });
  const state = (groups: ReturnType<typeof group>[]): EmulatorState => ({
    tenants: [
      {
        id: "demo",
        ownerUuid: "owner",
        allGroupUuid: ALL,
        lostAndFoundUuid: LOST,
        groups: [group(ALL, "All", null), group(LOST, "Lost & found", ALL), ...groups],
        devices: [],
        deletions: [],
      },
    ],
    users: [],
  });

  it("matches a live tree with the declared paths, and gives each key its uuid", () => {
    const result = compareWithDeclared(
      state([group("1", "A", ALL), group("2", "B", "1"), group("3", "C", ALL)]),
      tree,
    );
    expect(describeMismatch(result)).toBe("");
    expect(Object.fromEntries(result.uuidByKey)).toEqual({ a: "1", "a/b": "2", c: "3" });
  });

  it("reports missing, unexpected and duplicated groups by path", () => {
    const result = compareWithDeclared(
      state([group("1", "A", ALL), group("2", "B", "1"), group("4", "B", "1"), group("5", "D", "2")]),
      tree,
    );
    expect(result).toMatchObject({ missing: ["C"], unexpected: ["A/B/D"], duplicates: ["A/B"] });
    expect(describeMismatch(result)).toBe("missing (1): C\nunexpected (1): A/B/D\nduplicated (1): A/B");
  });
});
