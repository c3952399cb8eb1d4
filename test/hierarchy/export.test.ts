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
} from "../../provider/hierarchy";

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
  it("adopts every static group by uuid under an explicit, unique key", () => {
    expect(exportHierarchy(live)).toEqual({
      groups: [
        {
          name: "Customers",
          key: "customers",
          existingUuid: "cust",
          children: [
            {
              name: "Acme",
              key: "customers/acme",
              existingUuid: "acme",
              linkedEntityType: "CUSTOMER",
              children: [
                { name: "2024", key: "customers/acme/2024", existingUuid: "num" },
                {
                  name: "Berlin",
                  key: "customers/acme/berlin",
                  existingUuid: "berlin",
                  linkedEntityType: "SITE",
                },
                { name: "東京", key: "customers/acme/group-tokyo000", existingUuid: "tokyo0001" },
              ],
            },
            { name: "ACME", key: "customers/acme-2", existingUuid: "acme-2" },
          ],
        },
      ],
    });
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
    expect(plan.summary.unchanged).toBe(5);
  });
});

describe("examples/hierarchy/hierarchy.yaml", () => {
  it("is valid: about 30 groups of customers, sites and departments", () => {
    const file = path.join(__dirname, "..", "..", "examples", "hierarchy", "hierarchy.yaml");
    const declared = declareHierarchy(
      parseHierarchyYaml(fs.readFileSync(file, "utf8"), "hierarchy.yaml").spec,
    );
    const count = (type: string) =>
      declared.all.filter((g) => g.linkedEntityType === `GROUP_ENTITY_TYPE_${type}`).length;
    expect(declared.all.length).toBe(30);
    expect({ customers: count("CUSTOMER"), sites: count("SITE"), msp: count("MSP") }).toEqual({
      customers: 4,
      sites: 7,
      msp: 1,
    });
  });
});
