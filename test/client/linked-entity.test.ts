import { isLinked, normaliseLinkedEntityType } from "../../provider/client/linked-entity";

describe("isLinked", () => {
  // One rule for the resources' checks, the plan, `export` and the anchors. Before, the hierarchy
  // took DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED (or a lower-case spelling) for linked, and the
  // resources' rules and the plan's removals took a blank value for linked.
  it.each([
    ["no value", undefined],
    ["a blank value (protobuf's default)", ""],
    ["spaces", "  "],
    ["UNSPECIFIED in asset-management words", "GROUP_ENTITY_TYPE_UNSPECIFIED"],
    ["UNSPECIFIED in device-management words", "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED"],
    ["UNSPECIFIED in lower case", "group_entity_type_unspecified"],
  ])("takes %s for a static group", (_, type) => {
    expect(isLinked(type)).toBe(false);
  });

  it.each([
    ["a customer", "GROUP_ENTITY_TYPE_CUSTOMER"],
    ["a company in device-management words", "DEVICE_GROUP_ENTITY_TYPE_COMPANY"],
    ["a site in lower case", "group_entity_type_site"],
    ["a type this package has no name for", "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER"],
  ])("takes %s for linked", (_, type) => {
    expect(isLinked(type)).toBe(true);
  });
});

describe("normaliseLinkedEntityType", () => {
  it("reads either API's words and the short names, in any case", () => {
    expect(normaliseLinkedEntityType("DEVICE_GROUP_ENTITY_TYPE_COMPANY")).toBe("GROUP_ENTITY_TYPE_CUSTOMER");
    expect(normaliseLinkedEntityType(" site ")).toBe("GROUP_ENTITY_TYPE_SITE");
    expect(normaliseLinkedEntityType("RESELLER")).toBeUndefined();
  });
});
