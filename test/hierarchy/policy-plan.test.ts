// The policies part of the plan: declared order against live assignments per group (added,
// removed, reordered), what a group removal drops, and how text, Markdown, Mermaid and JSON show it.
import {
  ALL_GROUP_UUID as ALL,
  declareHierarchy,
  LiveTree,
  parseHierarchyYaml,
  planHierarchy,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanMermaid,
  renderPlanText,
} from "../../provider/hierarchy";
import { withBlastRadius } from "../../provider/hierarchy/blast-radius";
import { policyUuidsByKey } from "../../provider/hierarchy/policy-names";
import { diffGroupPolicies, withPolicyChanges } from "../../provider/hierarchy/policy-plan";
import type { AssignmentSummary, TenantPolicies } from "../../provider/hierarchy/policy-data";

const BALANCED = "p-balanced";
const MAXIMUM = "p-maximum";
const USB = "p-usb";
const LOGGING = "p-logging";
const POLICIES = [
  { uuid: BALANCED, displayName: "Antivirus - Balanced", builtIn: true },
  { uuid: MAXIMUM, displayName: "Antivirus - Maximum security", builtIn: true },
  { uuid: USB, displayName: "Device control - Maximum security", builtIn: true },
  { uuid: LOGGING, displayName: "Logging - Full diagnostic logging", builtIn: true },
];

let next = 0;
const assigned = (policyUuid: string, group: string, rank: number): AssignmentSummary => ({
  uuid: `a-${++next}`,
  policyUuid,
  target: { deviceGroupUuid: group },
  rank,
});

const GROUPS = [
  { uuid: ALL, displayName: "All" },
  { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
  {
    uuid: "acme",
    displayName: "Acme",
    parentGroupUuid: "cust",
    linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
  },
  { uuid: "servers", displayName: "Servers", parentGroupUuid: "acme" },
];
const REMOVED = [
  { uuid: "old", displayName: "Old", parentGroupUuid: "cust" },
  { uuid: "temp", displayName: "Temp", parentGroupUuid: "old" },
];

const FILE = `
parent: Customers
groups:
  - name: Acme
    key: acme
    anchor: true
    policies: [Antivirus - Balanced]
    children:
      - name: Servers
        key: servers
        policies:
          - Antivirus - Maximum security
          - Device control - Maximum security
      - name: Laptops
        policies: [Antivirus - Balanced]
`;

function planFor(tenant: TenantPolicies, file = FILE, knownUuids?: Record<string, string>) {
  const declared = declareHierarchy(parseHierarchyYaml(file, "h.yaml").spec);
  const live = new LiveTree(knownUuids ? [...GROUPS, ...REMOVED] : GROUPS);
  const plan = planHierarchy(declared, live, { rootUuid: "cust", knownUuids });
  return withPolicyChanges(plan, policyUuidsByKey(declared, tenant.policies), tenant);
}

describe("diffGroupPolicies", () => {
  const nameOf = (uuid: string) => uuid.replace("p-", "");
  const where = { key: "k", uuid: "g", path: "G" };
  const liveOf = (...uuids: string[]) => uuids.map((uuid, i) => assigned(uuid, "g", i + 1));

  it.each<[string, string[], string[], object | undefined]>([
    ["the same policies in the same order: no change", ["a", "b"], ["a", "b"], undefined],
    ["[] on a group with none: no change", [], [], undefined],
    [
      "a policy added in the middle gets its declared rank, without a reorder",
      ["a", "n", "b"],
      ["a", "b"],
      { added: [{ uuid: "n", name: "n", rank: 2 }], removed: [] },
    ],
    [
      "an undeclared assignment is removed",
      ["a"],
      ["a", "x"],
      { added: [], removed: [{ uuid: "x", name: "x", assignmentUuid: expect.any(String) }] },
    ],
    [
      "the kept policies in another order are reordered",
      ["b", "a"],
      ["a", "b"],
      {
        added: [],
        removed: [],
        reordered: {
          from: [
            { uuid: "a", name: "a" },
            { uuid: "b", name: "b" },
          ],
          to: [
            { uuid: "b", name: "b" },
            { uuid: "a", name: "a" },
          ],
        },
      },
    ],
    [
      "a policy assigned twice keeps its first (highest) rank; the other is removed",
      ["a"],
      ["a", "a"],
      { added: [], removed: [{ uuid: "a", name: "a", assignmentUuid: expect.any(String) }] },
    ],
    [
      "policies: [] removes every assignment",
      [],
      ["a", "b"],
      {
        added: [],
        removed: [expect.objectContaining({ uuid: "a" }), expect.objectContaining({ uuid: "b" })],
      },
    ],
  ])("%s", (_title, declared, liveUuids, expected) => {
    const change = diffGroupPolicies(declared, liveOf(...liveUuids), nameOf, where);
    expect(change).toEqual(expected === undefined ? undefined : { kind: "policies", ...where, ...expected });
  });
});

describe("the plan with policies", () => {
  const drifted: TenantPolicies = {
    policies: POLICIES,
    // Servers: reordered by hand and a policy added by hand; Acme: nothing yet.
    assignments: [
      assigned(USB, "servers", 1),
      assigned(MAXIMUM, "servers", 2),
      assigned(LOGGING, "servers", 3),
    ],
  };

  it("shows assignments added, removed and reordered per group, with totals", () => {
    const plan = planFor(drifted);
    expect(plan.summary).toMatchObject({ policies: 3, create: 1, anchors: 1, unchanged: 0 });
    expect(renderPlanText(plan, { source: "h.yaml" })).toBe(
      [
        "Plan for h.yaml under Customers (cust):",
        "",
        "   Customers",
        '*  └── Acme (anchor) (policies: + "Antivirus - Balanced" at rank 1)',
        '*      ├── Servers (policies: - "Logging - Full diagnostic logging"; reorder "Device control - Maximum security", "Antivirus - Maximum security" → "Antivirus - Maximum security", "Device control - Maximum security")',
        '+*     └── Laptops (policies: + "Antivirus - Balanced" at rank 1)',
        "",
        "1 to create, 3 with policy changes; 0 unchanged, 1 anchor (never changed).",
        "Policy assignments: 2 to add, 1 to remove, 1 group to reorder.",
        "",
      ].join("\n"),
    );
  });

  it("finds no difference once the assignments are the declared ones", () => {
    const file = FILE.replace("      - name: Laptops\n        policies: [Antivirus - Balanced]\n", "");
    const plan = planFor(
      {
        policies: POLICIES,
        assignments: [
          assigned(BALANCED, "acme", 1),
          assigned(MAXIMUM, "servers", 1),
          assigned(USB, "servers", 2),
        ],
      },
      file,
    );
    expect(plan.changes).toEqual([]);
    expect(renderPlanText(plan, { source: "h.yaml" })).toBe(
      "No differences: the groups under Customers match h.yaml (1 group, 1 anchor (never changed)).\n",
    );
  });

  it("unassigns what a node's former policies: managed once it is removed from the file, leaving the rest", () => {
    const file = "parent: Customers\ngroups:\n  - name: Acme\n    anchor: true\n";
    const declared = declareHierarchy(parseHierarchyYaml(file, "h.yaml").spec);
    const tenant = {
      policies: POLICIES,
      assignments: [assigned(BALANCED, "acme", 1), assigned(LOGGING, "acme", 2)],
    };
    const plan = withPolicyChanges(
      planHierarchy(declared, new LiveTree(GROUPS), { rootUuid: "cust" }),
      policyUuidsByKey(declared, POLICIES),
      tenant,
      { acme: [BALANCED] },
    );
    expect(plan.changes).toContainEqual(
      expect.objectContaining({ kind: "policies", key: "acme", released: true, added: [] }),
    );
    expect(renderPlanText(plan)).toContain(
      '* └── Acme (anchor) (policies: no longer declared, unassigned: - "Antivirus - Balanced")',
    );
  });

  it("leaves a group without policies: alone, whatever it carries", () => {
    const file = "parent: Customers\ngroups:\n  - name: Acme\n    anchor: true\n";
    const plan = planFor({ policies: POLICIES, assignments: [assigned(BALANCED, "acme", 1)] }, file);
    expect(plan.changes.map((change) => change.kind)).toEqual(["unmanaged"]); // Servers, not declared
  });

  it("draws policy changes in the Mermaid picture, an anchor still as a hexagon", () => {
    const mermaid = renderPlanMermaid(planFor(drifted));
    expect(mermaid).toContain(
      '  n1{{"Acme<br/>anchor<br/>+ policy Antivirus - Balanced (rank 1)"}}:::change',
    );
    expect(mermaid).toContain(
      '  n2["Servers<br/>- policy Logging - Full diagnostic logging<br/>policy order: Antivirus - Maximum security, Device control - Maximum security (was Device control - Maximum security, Antivirus - Maximum security)"]:::change',
    );
    expect(mermaid).toContain(
      '  n3["Laptops<br/>create<br/>+ policy Antivirus - Balanced (rank 1)"]:::create',
    );
  });

  it("puts the policy totals and the * legend in the Markdown comment", () => {
    const markdown = renderPlanMarkdown(planFor(drifted), { source: "h.yaml" });
    expect(markdown).toContain(
      "**1 to create, 3 with policy changes; 0 unchanged, 1 anchor (never changed)** under `Customers`.\n\nPolicy assignments: 2 to add, 1 to remove, 1 group to reorder.\n",
    );
    expect(markdown).toContain("· `*` policy assignments added, removed or reordered\n");
  });

  it("gives each policy change in JSON with uuids, names and ranks", () => {
    const json = JSON.parse(renderPlanJson(planFor(drifted))) as { changes: object[] };
    expect(json.changes).toContainEqual({
      kind: "policies",
      key: "acme/laptops",
      path: "Customers/Acme/Laptops",
      added: [{ uuid: BALANCED, name: "Antivirus - Balanced", rank: 1 }],
      removed: [],
    });
  });
});

describe("what a group removal drops", () => {
  const file = "parent: Customers\ngroups:\n  - name: Acme\n    anchor: true\n";
  const tenant: TenantPolicies = {
    policies: POLICIES,
    assignments: [assigned(BALANCED, "old", 1), assigned(LOGGING, "temp", 1), assigned(USB, "acme", 1)],
  };

  it("lists the assignments on the removed group and on the undeclared groups below it", () => {
    const plan = withBlastRadius(planFor(tenant, file, { old: "old" }), [], tenant);
    const removal = plan.changes.find((change) => change.kind === "remove");
    expect(removal).toMatchObject({
      deletesWith: {
        devices: [],
        assignments: [
          { policyUuid: BALANCED, policyName: "Antivirus - Balanced", groupUuid: "old", groupName: "Old" },
          {
            policyUuid: LOGGING,
            policyName: "Logging - Full diagnostic logging",
            groupUuid: "temp",
            groupName: "Temp",
          },
        ],
      },
    });
    expect(plan.deletesWith).toEqual({ devices: 0, groups: 1, assignments: 2 });
    const text = renderPlanText(plan, { source: "h.yaml" });
    expect(text).toContain(
      '- └── Old (no longer declared: key old, old; ESET deletes with it 1 undeclared group ("Temp"); its 2 policy assignments ("Antivirus - Balanced", "Logging - Full diagnostic logging on Temp") go with it)',
    );
    expect(text).toContain(
      "Deleting the removed groups also deletes 1 undeclared group in ESET, and drops 2 policy assignments.",
    );
    expect(renderPlanMermaid(plan)).toContain("delete with 1 undeclared group and 2 policy assignments");
  });

  it("says nothing of assignments when they were not listed", () => {
    const plan = withBlastRadius(planFor(tenant, file, { old: "old" }), []);
    expect(renderPlanText(plan)).not.toContain("policy");
  });
});
