// `export` with the tenant's policies: each group's assignments in rank order, by name where the
// name is unique (else the uuid, its name in a comment), and a file that plans no policy change.
import {
  ALL_GROUP_UUID as ALL,
  declareHierarchy,
  exportHierarchy,
  hierarchyToYaml,
  LiveTree,
  parseHierarchyYaml,
  planHierarchy,
} from "../../provider/hierarchy";
import { policyNamer, type TenantPolicies } from "../../provider/hierarchy/policy-data";
import { policyUuidsByKey } from "../../provider/hierarchy/policy-names";
import { withPolicyChanges } from "../../provider/hierarchy/policy-plan";

const SHARED_A = "3b1c0000-0000-4000-8000-00000000000a";
const SHARED_B = "3b1c0000-0000-4000-8000-00000000000b";
const tenant: TenantPolicies = {
  policies: [
    { uuid: "p-balanced", displayName: "Antivirus - Balanced", builtIn: true },
    { uuid: "p-maximum", displayName: "Antivirus - Maximum security", builtIn: true },
    { uuid: SHARED_A, displayName: "USB lockdown" },
    { uuid: SHARED_B, displayName: "USB lockdown" },
  ],
  assignments: [
    { uuid: "a1", policyUuid: "p-balanced", target: { deviceGroupUuid: "servers" }, rank: 2 },
    { uuid: "a2", policyUuid: "p-maximum", target: { deviceGroupUuid: "servers" }, rank: 1 },
    { uuid: "a3", policyUuid: SHARED_B, target: { deviceGroupUuid: "servers" }, rank: 3 },
    { uuid: "a4", policyUuid: "p-balanced", target: { deviceUuid: "some-device" }, rank: 1 },
  ],
};

const live = new LiveTree([
  { uuid: ALL, displayName: "All" },
  { uuid: "servers", displayName: "Servers", parentGroupUuid: ALL },
  { uuid: "laptops", displayName: "Laptops", parentGroupUuid: ALL },
]);

describe("export with policies", () => {
  it("writes each group's policies in rank order, a shared name as its uuid with the name beside it", () => {
    const spec = exportHierarchy(live, ALL, tenant);
    expect(spec.groups).toEqual([
      { name: "Laptops", key: "laptops", existingUuid: "laptops" },
      {
        name: "Servers",
        key: "servers",
        existingUuid: "servers",
        policies: ["Antivirus - Maximum security", "Antivirus - Balanced", SHARED_B],
      },
    ]);
    const text = hierarchyToYaml(spec, { policyName: policyNamer(tenant.policies) });
    expect(text).toContain(
      [
        "    policies:",
        "      - Antivirus - Maximum security",
        "      - Antivirus - Balanced",
        `      - ${SHARED_B} # USB lockdown`,
      ].join("\n"),
    );
  });

  it("writes no policies without the tenant's policies (as before)", () => {
    expect(JSON.stringify(exportHierarchy(live))).not.toContain("policies");
  });

  it("reads back as a file that plans no policy change", () => {
    const text = hierarchyToYaml(exportHierarchy(live, ALL, tenant), {
      policyName: policyNamer(tenant.policies),
    });
    const declared = declareHierarchy(parseHierarchyYaml(text).spec);
    const plan = planHierarchy(declared, live, { rootUuid: ALL });
    expect(withPolicyChanges(plan, policyUuidsByKey(declared, tenant.policies), tenant).changes).toEqual([]);
  });
});
