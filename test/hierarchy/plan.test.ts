import {
  ALL_GROUP_UUID as ALL,
  declareHierarchy,
  LiveTree,
  parseHierarchyYaml,
  planHierarchy,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  type LiveGroup,
  type PlanOptions,
} from "../../provider/hierarchy";
import {
  deviceListingRoot,
  planDeletesDevices,
  withBlastRadius,
  type DeviceMembership,
} from "../../provider/hierarchy/blast-radius";
import { mermaidLabelText, renderPlanMermaid } from "../../provider/hierarchy/mermaid";
import { LOST_AND_FOUND_UUID } from "../../provider/client/well-known-groups";

/** A live tenant: Customers/{Globex, Initech/Paris}, plus Lost & found. */
function tenant(extra: LiveGroup[] = []): LiveTree {
  return new LiveTree([
    { uuid: ALL, displayName: "All" },
    { uuid: "lf", displayName: "Lost & found", parentGroupUuid: ALL },
    { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
    { uuid: "globex", displayName: "Globex", parentGroupUuid: "cust" },
    { uuid: "initech", displayName: "Initech", parentGroupUuid: "cust" },
    { uuid: "paris", displayName: "Paris", parentGroupUuid: "initech" },
    ...extra,
  ]);
}

const BASE = `
parent: Customers
groups:
  - name: Globex
    key: globex
  - name: Initech
    key: initech
    children:
      - name: Paris
        key: paris
`;

function plan(yaml: string, live = tenant(), options: Partial<PlanOptions> = {}) {
  const declared = declareHierarchy(parseHierarchyYaml(yaml).spec);
  const root = live.resolve(declared.parent ?? ALL);
  if (!root) throw new Error("root not found");
  return planHierarchy(declared, live, { rootUuid: root.uuid, ...options });
}

describe("planHierarchy", () => {
  it("finds no difference when the declared tree is the live tree", () => {
    const result = plan(BASE);
    expect(result.changes).toEqual([]);
    expect(result.summary.unchanged).toBe(3);
    expect(renderPlanText(result, { source: "h.yaml" })).toBe(
      "No differences: the groups under Customers match h.yaml (3 groups).\n",
    );
  });

  it("plans creates for new groups, parents before children", () => {
    const result = plan(`${BASE}  - name: Acme\n    children:\n      - name: Berlin\n`);
    expect(result.changes).toEqual([
      { kind: "create", key: "acme", path: "Customers/Acme" },
      { kind: "create", key: "acme/berlin", path: "Customers/Acme/Berlin" },
    ]);
    expect(renderPlanText(result, { source: "h.yaml" })).toBe(
      [
        "Plan for h.yaml under Customers (cust):",
        "",
        "  Customers",
        "+ └── Acme",
        "+     └── Berlin",
        "",
        "2 to create; 3 unchanged.",
        "",
      ].join("\n"),
    );
  });

  it("sees a rename of an adopted group as a rename (old → new)", () => {
    const result = plan("parent: Customers\ngroups:\n  - name: Globex Corp\n    existingUuid: globex\n");
    expect(result.changes.filter((c) => c.kind !== "unmanaged")).toEqual([
      {
        kind: "rename",
        key: "globex-corp",
        uuid: "globex",
        path: "Customers/Globex Corp",
        from: "Globex",
        to: "Globex Corp",
      },
    ]);
  });

  it("sees a move through the uuids Pulumi recorded for the keys (from path → to path)", () => {
    const moved = BASE.replace("    children:\n      - name: Paris\n        key: paris\n", "").replace(
      "    key: globex\n",
      "    key: globex\n    children:\n      - name: Paris\n        key: paris\n",
    );
    const result = plan(moved, tenant(), {
      knownUuids: { globex: "globex", initech: "initech", paris: "paris" },
    });
    expect(result.changes).toEqual([
      {
        kind: "move",
        key: "paris",
        uuid: "paris",
        path: "Customers/Globex/Paris",
        fromPath: "Customers/Initech/Paris",
        toPath: "Customers/Globex/Paris",
      },
    ]);
    expect(renderPlanText(result)).toContain(
      "  └── Globex\n→     └── Paris (from Customers/Initech/Paris → Customers/Globex/Paris)",
    );
  });

  it("shows a group made by hand under the managed root as not declared, with its subtree", () => {
    const live = tenant([
      { uuid: "hand", displayName: "Temp", parentGroupUuid: "globex" },
      { uuid: "hand-2", displayName: "Laptops", parentGroupUuid: "hand" },
      { uuid: "outside", displayName: "Elsewhere", parentGroupUuid: ALL },
    ]);
    const result = plan(BASE, live);
    expect(result.changes).toEqual([
      { kind: "unmanaged", uuid: "hand", path: "Customers/Globex/Temp" },
      { kind: "unmanaged", uuid: "hand-2", path: "Customers/Globex/Temp/Laptops" },
    ]);
    expect(renderPlanText(result, { source: "h.yaml" })).toBe(
      [
        "Plan for h.yaml under Customers (cust):",
        "",
        "  Customers",
        "  └── Globex",
        "?     └── Temp (in ESET, not declared: hand)",
        "?         └── Laptops (in ESET, not declared: hand-2)",
        "",
        "2 not declared; 3 unchanged.",
        "",
      ].join("\n"),
    );
  });

  it("never reports All's Lost & found as not declared", () => {
    const result = plan("groups:\n  - name: Customers\n    existingUuid: cust\n    children: []\n");
    expect(result.changes.map((c) => c.path)).toEqual([
      "Customers/Globex",
      "Customers/Initech",
      "Customers/Initech/Paris",
    ]);
  });

  // Lost & found by the spec's spelling, an extra space, or renamed in the console at its uuid.
  it.each([
    ["lf", "Lost&Found"],
    ["lf", " Lost & Found "],
    [LOST_AND_FOUND_UUID, "Perdus et trouvés"],
  ])("never reports Lost & found (%s named %j) as not declared under All", (uuid, name) => {
    const live = new LiveTree([
      { uuid: ALL, displayName: "All" },
      { uuid, displayName: name, parentGroupUuid: ALL },
      { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
    ]);
    const result = plan("groups:\n  - name: Customers\n    existingUuid: cust\n", live);
    expect(result.changes).toEqual([]);
  });

  it("marks a recorded group no longer declared as a delete", () => {
    const result = plan(
      BASE.replace("    children:\n      - name: Paris\n        key: paris\n", ""),
      tenant(),
      {
        knownUuids: { globex: "globex", initech: "initech", paris: "paris" },
      },
    );
    expect(result.changes).toEqual([
      { kind: "remove", uuid: "paris", path: "Customers/Initech/Paris", formerKey: "paris" },
    ]);
    expect(renderPlanText(result)).toContain("-     └── Paris (no longer declared: key paris, paris)");
  });

  it("warns when a group to create would collide with a same-named group already there", () => {
    const result = plan(
      `${BASE}  - name: Temp\n`,
      tenant([{ uuid: "hand", displayName: "Temp", parentGroupUuid: "cust" }]),
      {
        knownUuids: { globex: "globex", initech: "initech", paris: "paris" },
      },
    );
    expect(result.changes).toEqual([
      { kind: "create", key: "temp", path: "Customers/Temp", conflictUuid: "hand" },
      { kind: "unmanaged", uuid: "hand", path: "Customers/Temp" },
    ]);
    expect(renderPlanText(result)).toContain(
      [
        "+ ├── Temp (a group with this name already exists here, hand: the create will fail; adopt it with existingUuid)",
        "? └── Temp (in ESET, not declared: hand)",
      ].join("\n"),
    );
  });

  it("reports an adopted uuid that is gone", () => {
    const result = plan(BASE + "  - name: Umbrella\n    existingUuid: gone-uuid\n");
    expect(result.changes).toEqual([
      { kind: "create", key: "umbrella", path: "Customers/Umbrella", missingUuid: "gone-uuid" },
    ]);
    expect(renderPlanText(result)).toContain("+ └── Umbrella (its group gone-uuid no longer exists in ESET)");
  });

  it("renames and moves one group at once, and moves a child whose new parent is yet to be created", () => {
    const result = plan(
      "parent: Customers\ngroups:\n  - name: Globex\n  - name: Initech\n  - name: Acme\n    children:\n      - name: Paris Nord\n        existingUuid: paris\n",
    );
    const text = renderPlanText(result);
    expect(text).toContain("+  └── Acme");
    expect(text).toContain(
      "~→     └── Paris → Paris Nord (from Customers/Initech/Paris → Customers/Acme/Paris Nord)",
    );
    expect(result.summary).toMatchObject({ create: 1, rename: 1, move: 1 });
  });

  it("renders Markdown for a pull-request comment, with a marker to find the comment again", () => {
    const result = plan(
      `${BASE}  - name: Acme\n`,
      tenant([{ uuid: "hand", displayName: "Temp", parentGroupUuid: "cust" }]),
    );
    expect(renderPlanMarkdown(result, { source: "hierarchy.yaml" })).toBe(
      [
        "<!-- eset-connect-plan -->",
        "### ESET group hierarchy plan for `hierarchy.yaml`",
        "",
        "**1 to create, 1 not declared; 3 unchanged** under `Customers`.",
        "",
        "```diff",
        "  Customers",
        "+ ├── Acme",
        "? └── Temp (in ESET, not declared: hand)",
        "```",
        "",
        "`+` create · `-` delete · `~` rename · `→` move · `!` replace (entity type) · `?` in ESET but not declared (made by hand? add it to the file with existingUuid, or delete it)",
        "",
        "```mermaid",
        "flowchart TD",
        '  n0(["Customers"])',
        '  n1["Acme<br/>create"]:::create',
        "  n0 --> n1",
        '  n2["Temp<br/>not declared"]:::unmanaged',
        "  n0 --> n2",
        '  n0u["… 3 unchanged groups"]:::context',
        "  n0 -.- n0u",
        "  classDef create fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        "  classDef unmanaged fill:#f6f8fa,stroke:#57606a,color:#1f2328,stroke-dasharray:4 3",
        "  classDef context fill:#ffffff,stroke:#8c959f,color:#57606a",
        "```",
        "",
      ].join("\n"),
    );
  });

  it("keeps a group name with backticks from closing the Markdown code block", () => {
    const result = plan(`${BASE}  - name: "a \`\`\` b"\n    key: odd\n`);
    const markdown = renderPlanMarkdown(result);
    expect(markdown).toContain("````diff\n");
    expect(markdown).toContain("\n````\n");
  });

  it("renders JSON with the root, the summary and each change", () => {
    const result = plan(`${BASE}  - name: Acme\n`);
    expect(JSON.parse(renderPlanJson(result))).toEqual({
      root: { uuid: "cust", path: "Customers", name: "Customers" },
      summary: {
        create: 1,
        remove: 0,
        rename: 0,
        move: 0,
        retype: 0,
        unmanaged: 0,
        policies: 0,
        unchanged: 3,
        anchors: 0,
      },
      changes: [{ kind: "create", key: "acme", path: "Customers/Acme" }],
    });
  });
});

/**
 * A removal with devices below it: Old "Office" #1 (recorded as key old, no longer declared) holds
 * pc-1 and the hand-made group Temp <b>, which holds pc-2 — and pc-1 again (ESET lists a device once
 * per group it is a member of). Paris is renamed and keeps its own device; Acme is created.
 */
function removalPlan() {
  const live = tenant([
    { uuid: "old", displayName: 'Old "Office" #1', parentGroupUuid: "initech" },
    { uuid: "temp", displayName: "Temp <b>", parentGroupUuid: "old" },
  ]);
  const yaml = BASE.replace("- name: Paris\n", "- name: Paris Nord\n") + "  - name: Acme\n";
  return plan(yaml, live, {
    knownUuids: { globex: "globex", initech: "initech", paris: "paris", old: "old" },
  });
}

const DEVICES: DeviceMembership[] = [
  { uuid: "d1", displayName: "pc-1", groupUuid: "old" },
  { uuid: "d2", displayName: "pc-2", groupUuid: "temp" },
  { uuid: "d1", displayName: "pc-1", groupUuid: "temp" },
  { uuid: "d3", displayName: "paris-pc", groupUuid: "paris" },
];

describe("blast radius of removals", () => {
  it("lists devices only below the removals, and not at all when nothing is removed", () => {
    expect(deviceListingRoot(removalPlan())).toBe("old");
    expect(deviceListingRoot(plan(`${BASE}  - name: Acme\n`))).toBeUndefined();
    const two = plan(
      BASE.replace("    children:\n      - name: Paris\n        key: paris\n", ""),
      tenant([{ uuid: "old", displayName: "Old", parentGroupUuid: "globex" }]),
      { knownUuids: { globex: "globex", initech: "initech", paris: "paris", old: "old" } },
    );
    expect(two.changes.map((c) => c.kind)).toEqual(["remove", "remove"]);
    expect(deviceListingRoot(two)).toBe("cust"); // the deepest group above both removals
  });

  it("counts each device once and names the undeclared groups deleted with a removal", () => {
    const result = withBlastRadius(removalPlan(), DEVICES);
    expect(result.changes.find((c) => c.kind === "remove")).toEqual({
      kind: "remove",
      uuid: "old",
      path: 'Customers/Initech/Old "Office" #1',
      formerKey: "old",
      deletesWith: {
        devices: [
          { uuid: "d1", displayName: "pc-1" },
          { uuid: "d2", displayName: "pc-2" },
        ],
        groups: [
          { uuid: "temp", displayName: "Temp <b>", path: 'Customers/Initech/Old "Office" #1/Temp <b>' },
        ],
      },
    });
    expect(result.deletesWith).toEqual({ devices: 2, groups: 1 });
    expect(planDeletesDevices(result)).toBe(true);
  });

  it("counts a device for the nearest removed group above it (Pulumi deletes children first)", () => {
    const live = tenant([
      { uuid: "old", displayName: "Old", parentGroupUuid: "cust" },
      { uuid: "old-sub", displayName: "Sub", parentGroupUuid: "old" },
    ]);
    const result = withBlastRadius(
      plan(BASE, live, {
        knownUuids: {
          globex: "globex",
          initech: "initech",
          paris: "paris",
          old: "old",
          "old/sub": "old-sub",
        },
      }),
      [
        { uuid: "d1", displayName: "a", groupUuid: "old" },
        { uuid: "d2", displayName: "b", groupUuid: "old-sub" },
      ],
    );
    const removals = result.changes.filter((c) => c.kind === "remove");
    expect(removals.map((c) => [c.uuid, c.deletesWith?.devices.map((d) => d.uuid)])).toEqual([
      ["old", ["d1"]],
      ["old-sub", ["d2"]],
    ]);
    expect(result.deletesWith).toEqual({ devices: 2, groups: 0 });
  });

  it("says an empty removal holds no devices", () => {
    const result = withBlastRadius(
      plan(BASE, tenant([{ uuid: "old", displayName: "Old", parentGroupUuid: "cust" }]), {
        knownUuids: { globex: "globex", initech: "initech", paris: "paris", old: "old" },
      }),
      [{ uuid: "d3", displayName: "paris-pc", groupUuid: "paris" }],
    );
    expect(planDeletesDevices(result)).toBe(false);
    expect(renderPlanText(result, { source: "h.yaml" })).toBe(
      [
        "Plan for h.yaml under Customers (cust):",
        "",
        "  Customers",
        "- └── Old (no longer declared: key old, old; it holds no devices)",
        "",
        "1 to delete; 3 unchanged.",
        "The groups to delete hold no devices.",
        "",
      ].join("\n"),
    );
  });

  const REMOVAL_TREE = [
    "  Customers",
    "  ├── Initech",
    "~ │   ├── Paris → Paris Nord",
    '- │   └── Old "Office" #1 (no longer declared: key old, old; ESET deletes with it 2 devices ("pc-1", "pc-2") and 1 undeclared group ("Temp <b>"))',
    '- │       └── Temp <b> (in ESET, not declared: temp; deleted with Old "Office" #1)',
    "+ └── Acme",
  ];

  it("renders text with what each removal deletes and the plan's total", () => {
    expect(renderPlanText(withBlastRadius(removalPlan(), DEVICES), { source: "h.yaml" })).toBe(
      [
        "Plan for h.yaml under Customers (cust):",
        "",
        ...REMOVAL_TREE,
        "",
        "1 to create, 1 to delete, 1 to rename, 1 not declared; 2 unchanged.",
        "Deleting the removed groups also deletes 2 devices and 1 undeclared group in ESET.",
        "",
      ].join("\n"),
    );
  });

  const REMOVAL_MERMAID = [
    "flowchart TD",
    '  n0(["Customers"])',
    '  n1["Initech"]:::context',
    "  n0 --> n1",
    '  n2["Paris → Paris Nord<br/>rename"]:::change',
    "  n1 --> n2",
    '  n3["Old #quot;Office#quot; #35;1<br/>delete with 2 devices and 1 undeclared group<br/>devices: pc-1, pc-2"]:::remove',
    "  n1 --> n3",
    '  n4["Temp #lt;b#gt;<br/>not declared<br/>deleted with Old #quot;Office#quot; #35;1"]:::deletedWith',
    "  n3 --> n4",
    '  n5["Acme<br/>create"]:::create',
    "  n0 --> n5",
    '  n0u["… 1 unchanged group"]:::context',
    "  n0 -.- n0u",
    "  classDef create fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
    "  classDef remove fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-width:2px",
    "  classDef deletedWith fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:4 3",
    "  classDef change fill:#fff8c5,stroke:#9a6700,color:#1f2328",
    "  classDef context fill:#ffffff,stroke:#8c959f,color:#57606a",
  ];

  it("renders Mermaid: changed branches with their kind, context and a count of what is left out", () => {
    expect(renderPlanMermaid(withBlastRadius(removalPlan(), DEVICES))).toBe(
      `${REMOVAL_MERMAID.join("\n")}\n`,
    );
  });

  it("renders Markdown with the warning, the text tree and the Mermaid picture", () => {
    expect(renderPlanMarkdown(withBlastRadius(removalPlan(), DEVICES), { source: "h.yaml" })).toBe(
      [
        "<!-- eset-connect-plan -->",
        "### ESET group hierarchy plan for `h.yaml`",
        "",
        "**1 to create, 1 to delete, 1 to rename, 1 not declared; 2 unchanged** under `Customers`.",
        "",
        "> [!WARNING]",
        "> Deleting the removed groups also deletes 2 devices and 1 undeclared group in ESET.",
        "",
        "```diff",
        ...REMOVAL_TREE,
        "```",
        "",
        "`+` create · `-` delete · `~` rename · `→` move · `!` replace (entity type) · `?` in ESET but not declared (made by hand? add it to the file with existingUuid, or delete it)",
        "",
        "```mermaid",
        ...REMOVAL_MERMAID,
        "```",
        "",
      ].join("\n"),
    );
  });

  it("renders JSON with the totals and each removal's devices and groups", () => {
    const json = JSON.parse(renderPlanJson(withBlastRadius(removalPlan(), DEVICES)));
    expect(json).toEqual({
      root: { uuid: "cust", path: "Customers", name: "Customers" },
      summary: {
        create: 1,
        remove: 1,
        rename: 1,
        move: 0,
        retype: 0,
        unmanaged: 1,
        policies: 0,
        unchanged: 2,
        anchors: 0,
      },
      deletesWith: { devices: 2, groups: 1 },
      changes: [
        {
          kind: "rename",
          key: "paris",
          uuid: "paris",
          path: "Customers/Initech/Paris Nord",
          from: "Paris",
          to: "Paris Nord",
        },
        {
          kind: "remove",
          uuid: "old",
          path: 'Customers/Initech/Old "Office" #1',
          formerKey: "old",
          deletesWith: {
            devices: [
              { uuid: "d1", displayName: "pc-1" },
              { uuid: "d2", displayName: "pc-2" },
            ],
            groups: [
              { uuid: "temp", displayName: "Temp <b>", path: 'Customers/Initech/Old "Office" #1/Temp <b>' },
            ],
          },
        },
        { kind: "unmanaged", uuid: "temp", path: 'Customers/Initech/Old "Office" #1/Temp <b>' },
        { kind: "create", key: "acme", path: "Customers/Acme" },
      ],
    });
  });

  it("draws a no-difference plan as the root and the count of its groups", () => {
    expect(renderPlanMermaid(plan(BASE))).toBe(
      [
        "flowchart TD",
        '  n0(["Customers<br/>no differences"])',
        '  n0u["… 3 unchanged groups"]:::context',
        "  n0 -.- n0u",
        "  classDef context fill:#ffffff,stroke:#8c959f,color:#57606a",
        "",
      ].join("\n"),
    );
  });
});

describe("anchors in the picture", () => {
  it("draws an anchor as its own kind of node, with the changes below it and the unchanged left out", () => {
    const result = plan(
      "parent: Customers\ngroups:\n  - name: Globex\n    anchor: true\n  - name: Initech\n    anchor: true\n    children:\n      - name: Paris\n        key: paris\n      - name: Lyon\n",
    );
    expect(result.summary).toMatchObject({ create: 1, unchanged: 1, anchors: 2 });
    expect(renderPlanText(result, { source: "h.yaml" })).toBe(
      [
        "Plan for h.yaml under Customers (cust):",
        "",
        "  Customers",
        "  └── Initech (anchor)",
        "+     └── Lyon",
        "",
        "1 to create; 1 unchanged, 2 anchors (never changed).",
        "",
      ].join("\n"),
    );
    expect(renderPlanMermaid(result)).toBe(
      [
        "flowchart TD",
        '  n0(["Customers"])',
        '  n1{{"Initech<br/>anchor"}}:::anchor',
        "  n0 --> n1",
        '  n2["Lyon<br/>create"]:::create',
        "  n1 --> n2",
        '  n1u["… 1 unchanged group"]:::context',
        "  n1 -.- n1u",
        '  n0u["… 1 unchanged group"]:::context',
        "  n0 -.- n0u",
        "  classDef create fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        "  classDef anchor fill:#ddf4ff,stroke:#0969da,color:#1f2328",
        "  classDef context fill:#ffffff,stroke:#8c959f,color:#57606a",
        "",
      ].join("\n"),
    );
  });
});

describe("mermaidLabelText", () => {
  it.each([
    ["Acme", "Acme"],
    ['say "hi"', "say #quot;hi#quot;"],
    ["#1 & <b>", "#35;1 #amp; #lt;b#gt;"],
    ["`code`", "#96;code#96;"],
    ["two\nlines\tand tab", "two lines and tab"],
    ["Zürich → 東京 [x] {y} (z) |w|", "Zürich → 東京 [x] {y} (z) |w|"],
  ])("escapes %j", (input, expected) => {
    expect(mermaidLabelText(input)).toBe(expected);
  });
});
