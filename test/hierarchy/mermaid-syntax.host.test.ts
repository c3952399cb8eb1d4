/**
 * The Mermaid we emit parses with Mermaid's own parser, whatever the group names: names are user
 * text, and one stray quote or bracket would break the whole picture in the pull request.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import {
  ALL_GROUP_UUID as ALL,
  declareHierarchy,
  LiveTree,
  planHierarchy,
  renderPlanMarkdown,
  validateHierarchy,
  type HierarchyPlan,
  type LiveGroup,
} from "../../provider/hierarchy";
import { withBlastRadius } from "../../provider/hierarchy/blast-radius";
import { renderPlanMermaid } from "../../provider/hierarchy/mermaid";
import { policyUuidsByKey } from "../../provider/hierarchy/policy-names";
import { withPolicyChanges } from "../../provider/hierarchy/policy-plan";
import type { TenantPolicies } from "../../provider/hierarchy/policy-data";

/** Mermaid's parser in a child Node process (Mermaid is ESM and needs a DOM): null = parses. */
function parseMermaid(diagrams: string[]): (string | null)[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], {
    input: JSON.stringify(diagrams),
    encoding: "utf8",
    timeout: 120_000,
  });
  return JSON.parse(out) as (string | null)[];
}

const HOSTILE_NAMES = [
  'Quote " inside',
  "Hash #35; and #quot;",
  "<b>bold</b> & <script>",
  "`backticks` and ```fences```",
  "Brackets [a] {b} (c) ((d)) >e] |f|",
  "end",
  "graph LR",
  "%% not a comment",
  "a --> b; c -.- d",
  "x:::create",
  "Zürich – 東京 – ☃ – 🚀",
  "classDef evil fill:#f00",
  "\\ backslash \\",
];

/** Every kind of change on hostile names: creates, renames, moves, removals with devices, anchors. */
function hostilePlan(): HierarchyPlan {
  const live: LiveGroup[] = [
    { uuid: ALL, displayName: "All" },
    { uuid: "root", displayName: 'Root "R"', parentGroupUuid: ALL },
  ];
  const knownUuids: Record<string, string> = {};
  // An anchor (a read-only reference to an existing group) with a hostile name and a new child.
  const anchorName = 'Anchor "A" #1 <b> `x`';
  live.push({ uuid: "anchor", displayName: anchorName, parentGroupUuid: "root" });
  const groups: object[] = [{ name: anchorName, key: "anchor", anchor: true, children: [{ name: "Below" }] }];
  HOSTILE_NAMES.forEach((name, i) => {
    const uuid = `g${i}`;
    live.push({ uuid, displayName: name, parentGroupUuid: "root" });
    live.push({ uuid: `u${i}`, displayName: `${name} (by hand)`, parentGroupUuid: uuid });
    if (i % 3 === 0) groups.push({ name: `${name} renamed`, key: `k${i}`, existingUuid: uuid });
    else if (i % 3 === 1) knownUuids[`gone${i}`] = uuid; // no longer declared: a removal
    groups.push({ name: `${name} new`, key: `new${i}` });
  });
  const spec = validateHierarchy({ parent: "root", groups }, "test");
  const plan = planHierarchy(declareHierarchy(spec), new LiveTree(live), { rootUuid: "root", knownUuids });
  expect(plan.tree.children[0]).toMatchObject({ name: anchorName, anchor: true });
  const devices = HOSTILE_NAMES.flatMap((name, i) => [
    { uuid: `d${i}`, displayName: name, groupUuid: `g${i}` },
    { uuid: `d${i}`, displayName: name, groupUuid: `u${i}` },
  ]);
  return withBlastRadius(plan, devices);
}

function mermaidBlockOf(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)```\n/.exec(markdown);
  if (!match) throw new Error("no mermaid block");
  return match[1];
}

describe("Mermaid output", () => {
  it("parses with Mermaid's parser for hostile names and every kind of change", () => {
    const plan = hostilePlan();
    expect(plan.summary).toMatchObject({ create: 14, remove: 4, rename: 5, anchors: 1 });
    const diagrams = [renderPlanMermaid(plan), mermaidBlockOf(renderPlanMarkdown(plan))];
    expect(parseMermaid(diagrams)).toEqual([null, null]);
  });

  it("parses with policy changes whose policy names are hostile: on an anchor, a new group, a removal", () => {
    const policies = HOSTILE_NAMES.map((name, i) => ({ uuid: `p${i}`, displayName: `Policy ${name}` }));
    const tenant: TenantPolicies = {
      policies,
      assignments: [
        { uuid: "a0", policyUuid: "p0", target: { deviceGroupUuid: "anchor" }, rank: 1 },
        { uuid: "a1", policyUuid: "p1", target: { deviceGroupUuid: "anchor" }, rank: 2 },
        { uuid: "a2", policyUuid: "p2", target: { deviceGroupUuid: "anchor" }, rank: 3 },
        { uuid: "a3", policyUuid: "p3", target: { deviceGroupUuid: "g1" }, rank: 1 },
      ],
    };
    const live: LiveGroup[] = [
      { uuid: ALL, displayName: "All" },
      { uuid: "anchor", displayName: 'Anchor "A"', parentGroupUuid: ALL },
      { uuid: "g1", displayName: "Gone <b>", parentGroupUuid: ALL },
    ];
    const spec = validateHierarchy({
      groups: [
        {
          name: 'Anchor "A"',
          key: "anchor",
          anchor: true,
          // p1 removed, p2 before p0 (a reorder), p4 added.
          policies: [policies[2].displayName, policies[0].displayName, policies[4].displayName],
        },
        { name: "New `x`", policies: policies.slice(5).map((p) => p.displayName) },
      ],
    });
    const declared = declareHierarchy(spec);
    let plan = planHierarchy(declared, new LiveTree(live), { rootUuid: ALL, knownUuids: { gone: "g1" } });
    plan = withPolicyChanges(plan, policyUuidsByKey(declared, policies), tenant);
    plan = withBlastRadius(plan, [], tenant);
    expect(plan.summary).toMatchObject({ policies: 2, create: 1, remove: 1 });
    const diagrams = [renderPlanMermaid(plan), mermaidBlockOf(renderPlanMarkdown(plan))];
    expect(parseMermaid(diagrams)).toEqual([null, null]);
  });

  it("is checked by a parser that refuses a label with an unescaped quote", () => {
    const [broken] = parseMermaid(['flowchart TD\n  n0["a " b"]\n']);
    expect(broken).toMatch(/Parse error/);
  });
});
