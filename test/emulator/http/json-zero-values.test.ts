import { isZeroValue, marshalBody, omitZeroValues } from "../../../emulator/http/json-zero-values";

// gRPC-gateway's default JSON marshaller (protojson without EmitUnpopulated) leaves out proto3 fields
// at their zero value: false, "", 0, empty lists, enum value 0 [assumed from the API's shape: ESET
// Connect is a gRPC gateway; protojson MarshalOptions.EmitUnpopulated documents that set].

describe("isZeroValue", () => {
  test.each<[string, unknown, boolean]>([
    ["isSecurityGroup", false, true],
    ["isSecurityGroup", true, false],
    ["nextPageToken", "", true],
    ["nextPageToken", "abc", false],
    ["totalSize", 0, true],
    ["totalSize", 2, false],
    ["devices", [], true],
    ["devices", [{}], false],
    ["linkedEntityType", "GROUP_ENTITY_TYPE_UNSPECIFIED", true],
    ["linkedEntityType", "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED", true],
    ["linkedEntityType", "DEVICE_GROUP_ENTITY_TYPE_COMPANY", false],
    ["externalType", "EXTERNAL_ASSET_TYPE_UNSPECIFIED", true],
    ["functionalityStatus", "DEVICE_FUNCTIONALITY_STATUS_UNSPECIFIED", true],
    // Only enum fields have an enum zero: a name that ends so is a name.
    ["displayName", "GROUP_ENTITY_TYPE_UNSPECIFIED", false],
    ["group", {}, false],
    ["parentGroupUuid", null, false],
  ])("%s: %p is zero: %p", (field, value, zero) => {
    expect(isZeroValue(field, value)).toBe(zero);
  });
});

describe("omitZeroValues", () => {
  test.each<[string, unknown, unknown]>([
    [
      "the last page of a listing: nextPageToken goes, the root's parentGroupUuid is absent already",
      {
        deviceGroups: [
          {
            uuid: "a",
            displayName: "All",
            isSecurityGroup: true,
            linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED",
            etag: '"e"',
          },
          { uuid: "d", displayName: "Dynamic", parentGroupUuid: "a", isSecurityGroup: false, etag: '"f"' },
        ],
        nextPageToken: "",
      },
      {
        deviceGroups: [
          { uuid: "a", displayName: "All", isSecurityGroup: true, etag: '"e"' },
          { uuid: "d", displayName: "Dynamic", parentGroupUuid: "a", etag: '"f"' },
        ],
      },
    ],
    ["an empty member listing becomes {}", { devices: [], nextPageToken: "", totalSize: 0 }, {}],
    [
      "a created group: empty description, parent of the root, enum zeros",
      {
        group: {
          uuid: "g",
          displayName: "Sales",
          description: "",
          parentGroupUuid: "",
          linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
          externalReference: "",
          externalType: "EXTERNAL_ASSET_TYPE_UNSPECIFIED",
        },
      },
      { group: { uuid: "g", displayName: "Sales" } },
    ],
    ["an error body loses empty details", { code: 3, message: "m", details: [] }, { code: 3, message: "m" }],
    ["an empty message stays {}", {}, {}],
    [
      "list elements stay, zero or not",
      { ids: ["", "x"], counts: [0, 1] },
      { ids: ["", "x"], counts: [0, 1] },
    ],
  ])("%s", (_what, input, output) => {
    expect(omitZeroValues(input)).toEqual(output);
  });

  test("does not change its input", () => {
    const body = { devices: [], nextPageToken: "" };
    omitZeroValues(body);
    expect(body).toEqual({ devices: [], nextPageToken: "" });
  });
});

describe("marshalBody", () => {
  test("emit passes every field; omit leaves zeros out; text bodies pass either way", () => {
    const body = { deviceGroups: [], nextPageToken: "" };
    expect(marshalBody(body, "emit")).toBe(body);
    expect(marshalBody(body, "omit")).toEqual({});
    expect(marshalBody("<html>502</html>", "omit")).toBe("<html>502</html>");
  });
});
