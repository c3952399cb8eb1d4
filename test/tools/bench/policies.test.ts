import { parse } from "yaml";
import {
  ANTIVIRUS_BALANCED_POLICY_UUID,
  LOGGING_IMPORTANT_EVENTS_POLICY_UUID,
  type PolicyAssignment,
} from "../../../emulator";
import {
  assignmentCount,
  describePolicyMismatch,
  pages,
  POLICIES_BY_DEPTH,
  reorderPolicies,
  withPolicies,
  withPolicyNames,
} from "../../../tools/bench/policies";
import { depthOf, hierarchyYaml, realisticTree } from "../../../tools/bench/tree";

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("the benchmark tree with policies", () => {
  it("gives every group the two policies of its level, rank 1 first", () => {
    const tree = withPolicies(realisticTree(100));
    expect(assignmentCount(tree)).toBe(200);
    for (const node of tree.nodes)
      expect(node.policies).toEqual([...POLICIES_BY_DEPTH[depthOf(tree, node.key) - 1]]);
    expect(tree.nodes[0].policies).toEqual([
      ANTIVIRUS_BALANCED_POLICY_UUID,
      LOGGING_IMPORTANT_EVENTS_POLICY_UUID,
    ]);
  });

  it("writes the policies into the YAML as uuids, so a preview needs no policy listing to resolve names", () => {
    const spec = parse(hierarchyYaml(withPolicies(realisticTree(10)))) as {
      groups: { key: string; policies?: string[]; children?: unknown[] }[];
    };
    const customer = spec.groups[0];
    expect(customer.policies).toHaveLength(2);
    for (const uuid of customer.policies ?? []) expect(uuid).toMatch(UUID_SHAPE);
  });

  it("gives the same policies by display name for the names preview, in the same order", () => {
    const tree = withPolicies(realisticTree(10));
    const named = withPolicyNames(tree);
    expect(named.nodes[0].policies).toEqual(["Antivirus - Balanced", "Logging - Log important events only"]);
    expect(hierarchyYaml(named)).not.toMatch(UUID_SHAPE.source.slice(1, -1));
    expect(named.nodes.map((n) => n.key)).toEqual(tree.nodes.map((n) => n.key));
  });

  it("leaves the YAML without policies when the tree has none (the group figures stay comparable)", () => {
    expect(hierarchyYaml(realisticTree(10))).not.toContain("policies");
  });
});

describe("the reorder edit", () => {
  const tree = withPolicies(realisticTree(300));
  const { tree: edited, reordered } = reorderPolicies(tree);

  it("swaps the two policies on 10% of the groups, spread over every level", () => {
    expect(reordered).toHaveLength(30);
    expect(new Set(reordered.map((key) => depthOf(tree, key))).size).toBe(4);
    const before = new Map(tree.nodes.map((n) => [n.key, n.policies]));
    for (const node of edited.nodes) {
      const was = before.get(node.key) ?? [];
      expect(node.policies).toEqual(reordered.includes(node.key) ? [was[1], was[0]] : was);
    }
  });

  it("changes nothing else: same keys, names and parents, and the original tree untouched", () => {
    const original = withPolicies(realisticTree(300));
    const shape = (t: typeof tree) => t.nodes.map(({ key, name, parentKey }) => ({ key, name, parentKey }));
    expect(shape(edited)).toEqual(shape(tree));
    expect(tree).toEqual(original);
  });

  it("reorders at least one group of a small tree", () => {
    expect(reorderPolicies(withPolicies(realisticTree(10))).reordered).toHaveLength(1);
  });
});

describe("comparing live assignments with the declared policies", () => {
  const tree = withPolicies(realisticTree(10));
  const uuidByKey = new Map(tree.nodes.map((n, i) => [n.key, `group-${i}`]));
  const live = (t = tree): PolicyAssignment[] =>
    t.nodes.flatMap((n, i) =>
      // Listed highest rank first, to show the comparison goes by rank, not by listing order.
      (n.policies ?? [])
        .map((policyUuid, r) => ({
          uuid: `a-${i}-${r}`,
          policyUuid,
          target: { deviceGroupUuid: `group-${i}` },
          rank: r + 1,
        }))
        .reverse(),
    );

  it("finds nothing when every group carries its policies in rank order", () => {
    expect(describePolicyMismatch(live(), tree, uuidByKey)).toBe("");
  });

  it("names a group whose live order differs from the declared one", () => {
    const { tree: edited, reordered } = reorderPolicies(tree);
    expect(describePolicyMismatch(live(), edited, uuidByKey)).toContain(`${reordered[0]}: declared`);
  });

  it("names an assignment on a group nobody declared, and one missing", () => {
    const extra = { uuid: "x", policyUuid: "p", target: { deviceGroupUuid: "elsewhere" }, rank: 1 };
    expect(describePolicyMismatch([...live(), extra], tree, uuidByKey)).toContain(
      "undeclared group elsewhere",
    );
    expect(describePolicyMismatch(live().slice(1), tree, uuidByKey)).toContain("policies differ");
  });
});

describe("listing pages", () => {
  it("counts ⌈items ÷ 1000⌉ pages, and one for an empty listing", () => {
    expect([0, 1, 1000, 1001, 2000].map(pages)).toEqual([1, 1, 1, 2, 2]);
  });
});
