import * as fs from "node:fs";
import * as path from "node:path";
import {
  ALL_GROUP_UUID as ALL,
  declareHierarchy,
  exportHierarchy,
  hierarchyToYaml,
  LiveTree,
  parseHierarchyYaml,
  planHierarchy,
  type LiveGroup,
} from "../../provider/hierarchy";
import { parse as parseYaml } from "yaml";
import { LOST_AND_FOUND_UUID } from "../../provider/client/well-known-groups";

const live = new LiveTree([
  { uuid: ALL, displayName: "All" },
  { uuid: "lf", displayName: "Lost & found", parentGroupUuid: ALL },
  { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
  {
    uuid: "acme",
    displayName: "Acme",
    parentGroupUuid: "cust",
    linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
  },
  { uuid: "acme-2", displayName: "ACME", parentGroupUuid: "cust" },
  {
    uuid: "berlin",
    displayName: "Berlin",
    parentGroupUuid: "acme",
    linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
  },
  { uuid: "tokyo0001", displayName: "東京", parentGroupUuid: "acme" },
  { uuid: "num", displayName: "2024", parentGroupUuid: "acme" },
  { uuid: "dyn", displayName: "Outdated", parentGroupUuid: "acme", isSecurityGroup: false },
]);

describe("exportHierarchy", () => {
  it("writes linked groups (and static groups holding one) as anchors and adopts the other static groups", () => {
    expect(exportHierarchy(live)).toEqual({
      groups: [
        {
          name: "Customers",
          key: "customers",
          anchor: true,
          existingUuid: "cust",
          children: [
            {
              name: "Acme",
              key: "customers/acme",
              anchor: true,
              existingUuid: "acme",
              children: [
                { name: "2024", key: "customers/acme/2024", existingUuid: "num" },
                { name: "Berlin", key: "customers/acme/berlin", anchor: true, existingUuid: "berlin" },
                { name: "東京", key: "customers/acme/group-tokyo000", existingUuid: "tokyo0001" },
              ],
            },
            { name: "ACME", key: "customers/acme-2", existingUuid: "acme-2" },
          ],
        },
      ],
    });
  });

  it.each([
    ["lf", "Lost&Found"],
    [LOST_AND_FOUND_UUID, "Perdus et trouvés"],
  ])("leaves out Lost & found (%s named %j)", (uuid, name) => {
    const exported = exportHierarchy(
      new LiveTree([
        { uuid: ALL, displayName: "All" },
        { uuid, displayName: name, parentGroupUuid: ALL },
        { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
      ]),
    );
    expect(exported.groups.map((g) => g.name)).toEqual(["Customers"]);
  });

  it("writes YAML that reads back valid and plans no change against the same tenant", () => {
    const text = hierarchyToYaml(exportHierarchy(live, "cust"), {
      header: ["Exported from ESET PROTECT", "by eset-connect export"],
      parentPath: "Customers",
    });
    expect(text.split("\n").slice(0, 4)).toEqual([
      "# Exported from ESET PROTECT",
      "# by eset-connect export",
      "",
      "parent: cust # Customers",
    ]);
    expect(text).toContain('  - name: "2024"');
    const declared = declareHierarchy(parseHierarchyYaml(text).spec);
    const plan = planHierarchy(declared, live, { rootUuid: "cust" });
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toMatchObject({ unchanged: 3, anchors: 2 });
  });
});

describe("examples/hierarchy", () => {
  const example = (file: string) => path.join(__dirname, "..", "..", "examples", "hierarchy", file);

  it("anchors ESET's customer and site groups from its emulator seed and manages the static groups below", () => {
    const declared = declareHierarchy(
      parseHierarchyYaml(fs.readFileSync(example("hierarchy.yaml"), "utf8"), "hierarchy.yaml").spec,
    );
    const seed = parseYaml(fs.readFileSync(example("emulator-seed.yaml"), "utf8")) as {
      tenants: { groups: LiveGroup[] }[];
    };
    const groups = seed.tenants[0].groups.map((g) => ({ parentGroupUuid: ALL, ...g }));
    const tenant = new LiveTree([{ uuid: ALL, displayName: "All" }, ...groups]);
    const root = tenant.resolve(declared.parent ?? "")!;
    expect(root.linkedEntityType).toBe("GROUP_ENTITY_TYPE_MSP");
    const plan = planHierarchy(declared, tenant, { rootUuid: root.uuid });
    expect(plan.summary).toMatchObject({ anchors: 11, create: 22, unchanged: 0, unmanaged: 0 });
    expect(plan.changes.every((change) => change.kind === "create")).toBe(true);
  });
});
