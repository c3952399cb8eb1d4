import {
  declareHierarchy,
  defaultKey,
  formatPath,
  HierarchyValidationError,
  parsePath,
  slug,
  validateHierarchy,
} from "../../provider/hierarchy";

function linesOf(value: unknown): readonly string[] {
  try {
    validateHierarchy(value, 'Hierarchy "msp"');
    return [];
  } catch (error) {
    if (error instanceof HierarchyValidationError) return error.lines;
    throw error;
  }
}

describe("validateHierarchy (TypeScript objects)", () => {
  it("names each problem by its property path", () => {
    expect(
      linesOf({
        groups: [{ name: "Acme", children: [{ name: "Berlin" }, { name: "Berlin", forceDestroy: 1 }] }],
      }),
    ).toEqual([
      'Hierarchy "msp" groups[0].children[1].forceDestroy: forceDestroy must be true or false, not the number 1; write "forceDestroy: true" or "forceDestroy: false" (without quotes)',
      'Hierarchy "msp" groups[0].children[1].name: duplicate sibling name "Berlin" (first at groups[0].children[0].name); ESET PROTECT refuses two groups with one name under the same parent: rename or move one of them',
    ]);
  });

  it("reports an unknown property with the closest known one", () => {
    expect(linesOf({ groups: [{ name: "Acme", existingUUID: "u-1" }] })).toEqual([
      'Hierarchy "msp" groups[0].existingUUID: unknown field "existingUUID"; did you mean "existingUuid"?',
    ]);
  });

  it("returns a valid hierarchy unchanged", () => {
    const spec = { parent: "Customers", groups: [{ name: "Acme", children: [{ name: "Berlin" }] }] };
    expect(validateHierarchy(spec)).toBe(spec);
  });
});

describe("keys", () => {
  it.each([
    ["Acme", "acme"],
    ["Café Zürich #2", "cafe-zurich-2"],
    ["  --Ops / IT--  ", "ops-it"],
    ["東京", ""],
  ])("slug(%j) is %j", (name, expected) => {
    expect(slug(name)).toBe(expected);
  });

  it("builds a default key on the parent's key, so renaming a keyed parent keeps children's keys", () => {
    expect(defaultKey(undefined, "Acme Inc")).toBe("acme-inc");
    expect(defaultKey("acme", "Berlin Office")).toBe("acme/berlin-office");
    const before = declareHierarchy({
      groups: [{ name: "Acme", key: "acme", children: [{ name: "Berlin" }] }],
    });
    const after = declareHierarchy({
      groups: [{ name: "Acme Corp", key: "acme", children: [{ name: "Berlin" }] }],
    });
    expect(after.all.map((g) => g.key)).toEqual(before.all.map((g) => g.key));
  });

  it("changes the default keys of a renamed parent without a key and of its children", () => {
    const before = declareHierarchy({ groups: [{ name: "Acme", children: [{ name: "Berlin" }] }] });
    const after = declareHierarchy({ groups: [{ name: "Acme Corp", children: [{ name: "Berlin" }] }] });
    expect(before.all.map((g) => g.key)).toEqual(["acme", "acme/berlin"]);
    expect(after.all.map((g) => g.key)).toEqual(["acme-corp", "acme-corp/berlin"]);
  });
});

describe("declareHierarchy", () => {
  it("fills in defaults and lists parents before children", () => {
    const declared = declareHierarchy({
      groups: [
        { name: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER", children: [{ name: "Berlin" }] },
        { name: "Globex", key: "globex", forceDestroy: true },
      ],
    });
    expect(
      declared.all.map(({ key, explicitKey, path, parentKey, linkedEntityType, forceDestroy }) => ({
        key,
        explicitKey,
        path,
        parentKey,
        linkedEntityType,
        forceDestroy,
      })),
    ).toEqual([
      {
        key: "acme",
        explicitKey: false,
        path: "Acme",
        parentKey: undefined,
        linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
        forceDestroy: false,
      },
      {
        key: "acme/berlin",
        explicitKey: false,
        path: "Acme/Berlin",
        parentKey: "acme",
        linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
        forceDestroy: false,
      },
      {
        key: "globex",
        explicitKey: true,
        path: "Globex",
        parentKey: undefined,
        linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
        forceDestroy: true,
      },
    ]);
  });
});

describe("paths", () => {
  it("escapes slashes and backslashes inside names and reads them back", () => {
    const names = ["Customers", "R&D / Lab", "C:\\Temp"];
    const path = formatPath(names);
    expect(path).toBe("Customers/R&D \\/ Lab/C:\\\\Temp");
    expect(parsePath(path)).toEqual(names);
  });

  it.each([
    ["", []],
    ["/", []],
    ["/Customers/Acme", ["Customers", "Acme"]],
    ["Customers//Acme", ["Customers", "", "Acme"]],
  ])("parsePath(%j)", (path, names) => {
    expect(parsePath(path)).toEqual(names);
  });
});
