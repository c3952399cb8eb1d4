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
        unchanged: 3,
        anchors: 0,
      },
      changes: [{ kind: "create", key: "acme", path: "Customers/Acme" }],
    });
  });
});

describe("LiveTree", () => {
  it("resolves a reference as a uuid, a path, or All", () => {
    const live = tenant();
    expect(live.resolve("paris")?.displayName).toBe("Paris");
    expect(live.resolve("Customers/Initech/Paris")?.uuid).toBe("paris");
    expect(live.resolve("/Customers/Initech")?.uuid).toBe("initech");
    expect(live.resolve("All/Customers")?.uuid).toBe("cust");
    expect(live.resolve("")?.uuid).toBe(ALL);
    expect(live.resolve("Customers/Nobody")).toBeUndefined();
  });

  it("leaves dynamic groups out", () => {
    const live = tenant([
      { uuid: "dyn", displayName: "Outdated", parentGroupUuid: "cust", isSecurityGroup: false },
    ]);
    expect(live.childrenOf("cust").map((g) => g.uuid)).toEqual(["globex", "initech"]);
  });
});
