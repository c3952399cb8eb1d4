import { HierarchyValidationError, parseHierarchyYaml } from "../../provider/hierarchy";

/** The problem lines a file produces, or [] when it is valid. */
function problemsOf(source: string): readonly string[] {
  try {
    parseHierarchyYaml(source, "h.yaml");
    return [];
  } catch (error) {
    if (error instanceof HierarchyValidationError) return error.lines;
    throw error;
  }
}

const ENTITY_TYPES =
  "UNSPECIFIED, CUSTOMER, MSP, SITE, HOUSEHOLD (or the API's full names, e.g. GROUP_ENTITY_TYPE_CUSTOMER)";

const cases: Array<[string, string, string[]]> = [
  [
    "a duplicate field in one mapping",
    "groups:\n  - name: Acme\n    name: Globex\n",
    [
      'h.yaml:3:5: field "name" appears twice in one mapping; keep one of them (YAML would silently drop the other)',
    ],
  ],
  [
    "duplicate sibling names",
    "groups:\n  - name: Acme\n    children:\n      - name: Berlin\n      - name: Berlin\n",
    [
      'h.yaml:5:15: duplicate sibling name "Berlin" (first at 4:15); ESET PROTECT refuses two groups with one name under the same parent: rename or move one of them',
    ],
  ],
  [
    "the same name under different parents is fine",
    "groups:\n  - name: Acme\n    children: [{ name: Berlin }]\n  - name: Globex\n    children: [{ name: Berlin }]\n",
    [],
  ],
  [
    "an empty name",
    'groups:\n  - name: ""\n',
    ["h.yaml:2:11: name is empty; give the group its display name"],
  ],
  [
    "a name of only spaces",
    'groups:\n  - name: "   "\n',
    ["h.yaml:2:11: name is only spaces; give the group its display name"],
  ],
  [
    "a missing name",
    "groups:\n  - key: acme\n",
    ['h.yaml:2:5: name is missing; every group needs a name: add "name: <display name>"'],
  ],
  [
    "an unknown field close to a known one",
    "groups:\n  - name: Acme\n    linkedEntityTyp: GROUP_ENTITY_TYPE_CUSTOMER\n",
    ['h.yaml:3:5: unknown field "linkedEntityTyp"; did you mean "linkedEntityType"?'],
  ],
  [
    "an unknown field like no known one",
    "groups:\n  - name: Acme\n    colour: red\n",
    [
      'h.yaml:3:5: unknown field "colour"; a group\'s fields are name, key, anchor, description, linkedEntityType, existingUuid, forceDestroy, policies, children',
    ],
  ],
  [
    "an unknown top-level field",
    "group:\n  - name: Acme\n",
    ['h.yaml:1:1: unknown field "group"; did you mean "groups"?'],
  ],
  [
    "an entity type written short",
    "groups:\n  - name: Acme\n    linkedEntityType: customer\n",
    [
      `h.yaml:3:23: linkedEntityType "customer" is not a valid value; did you mean CUSTOMER? Valid values: ${ENTITY_TYPES}`,
    ],
  ],
  [
    "the device-management name of an entity type",
    "groups:\n  - name: Acme\n    linkedEntityType: DEVICE_GROUP_ENTITY_TYPE_COMPANY\n",
    [
      `h.yaml:3:23: linkedEntityType "DEVICE_GROUP_ENTITY_TYPE_COMPANY" is not a valid value; did you mean CUSTOMER? Valid values: ${ENTITY_TYPES}`,
    ],
  ],
  [
    "an entity type like none",
    "groups:\n  - name: Acme\n    linkedEntityType: PARTNER\n",
    [`h.yaml:3:23: linkedEntityType "PARTNER" is not a valid value; use one of ${ENTITY_TYPES}`],
  ],
  [
    "nothing for UNSPECIFIED in short or full form, kept for older files",
    "groups:\n  - name: Acme\n    linkedEntityType: UNSPECIFIED\n  - name: Globex\n    linkedEntityType: GROUP_ENTITY_TYPE_UNSPECIFIED\n",
    [],
  ],
  [
    "a linked entity type, which ESET creates itself: use an anchor",
    "groups:\n  - name: Acme\n    linkedEntityType: CUSTOMER\n",
    [
      "h.yaml:3:23: linkedEntityType CUSTOMER: ESET creates customer, MSP, site and household groups itself (when a " +
        "customer is onboarded) and ESET Connect cannot create, rename, move or delete them; refer to the existing " +
        'group as an anchor: replace linkedEntityType with "anchor: true" (and "existingUuid: <its uuid>", see ' +
        "`eset-connect tree`); `eset-connect export` writes anchors for you",
    ],
  ],
  [
    "an anchor below a managed group",
    "groups:\n  - name: Internal\n    children:\n      - name: Acme\n        anchor: true\n",
    [
      'h.yaml:5:17: the anchor "Acme" sits below the managed group "Internal", whose delete would delete the ' +
        "anchored group too; an anchor's parent is the hierarchy's parent or another anchor: make \"Internal\" " +
        "an anchor too, or move this node up",
    ],
  ],
  [
    "fields of a managed group on an anchor",
    "groups:\n  - name: Acme\n    anchor: true\n    description: Our customer\n    forceDestroy: true\n",
    [
      "h.yaml:4:5: description does not apply to an anchor: an anchor refers to an existing group and never changes it; remove description",
      "h.yaml:5:5: forceDestroy does not apply to an anchor: an anchor refers to an existing group and never changes it; remove forceDestroy",
    ],
  ],
  [
    "anchor as text",
    "groups:\n  - name: Acme\n    anchor: yes\n",
    [
      'h.yaml:3:13: anchor must be true or false, not the text "yes"; write "anchor: true" or "anchor: false" (without quotes)',
    ],
  ],
  [
    "forceDestroy as text",
    "groups:\n  - name: Acme\n    forceDestroy: yes\n",
    [
      'h.yaml:3:19: forceDestroy must be true or false, not the text "yes"; write "forceDestroy: true" or "forceDestroy: false" (without quotes)',
    ],
  ],
  [
    "a name YAML reads as a number",
    "groups:\n  - name: 2024\n",
    [
      'h.yaml:2:11: name must be text, not the number 2024; write it as text; quote values that YAML reads otherwise, e.g. name: "2024"',
    ],
  ],
  [
    "children left empty",
    "groups:\n  - name: Acme\n    children:\n",
    [
      'h.yaml:3:14: children must be a list of groups, not nothing; list the groups under "children:", each starting with "- name:", or remove the field',
    ],
  ],
  [
    "a group written as a bare name",
    "groups:\n  - Acme\n",
    [
      'h.yaml:2:5: a group must be a mapping with a name, not the text "Acme"; write each group as "- name: <display name>", its other fields indented below',
    ],
  ],
  [
    "a misspelt name, once (not also as a missing name)",
    "groups:\n  - nmae: Acme\n",
    ['h.yaml:2:5: unknown field "nmae"; did you mean "name"?'],
  ],
  [
    "a missing groups list",
    "parent: Customers\n",
    [
      'h.yaml:1:1: groups is missing; list the top-level groups under "groups:", each starting with "- name:"',
    ],
  ],
  [
    "an empty file",
    "",
    [
      'h.yaml:1:1: the hierarchy must be a mapping with "groups" (and optionally "parent"), not nothing; start the file with "groups:" and list the top-level groups under it',
    ],
  ],
  [
    "a key used twice",
    "groups:\n  - name: Acme\n    key: customer\n  - name: Globex\n    key: customer\n",
    [
      'h.yaml:5:10: key "customer" is used twice (first at 3:10); keys identify groups across renames and moves, so each must be unique in the hierarchy: change one of them',
    ],
  ],
  [
    "two names with the same default key",
    "groups:\n  - name: Acme Inc\n  - name: acme-inc\n",
    [
      'h.yaml:3:11: the default key "acme-inc" of this group is already used (first at 2:11); give this group an explicit, unique key',
    ],
  ],
  [
    "an explicit key taken by a default key",
    "groups:\n  - name: Acme\n  - name: Globex\n    key: acme\n",
    [
      'h.yaml:4:10: key "acme" is used twice (first at 2:11); keys identify groups across renames and moves, so each must be unique in the hierarchy: change one of them',
    ],
  ],
  [
    "a key with spaces",
    "groups:\n  - name: Acme\n    key: Acme Berlin\n",
    [
      'h.yaml:3:10: key "Acme Berlin" is not valid; use letters, digits, ".", "_" and "-" in parts joined by "/", each part starting with a letter or digit, e.g. "acme-berlin"',
    ],
  ],
  [
    "a name without letters or digits and no key",
    "groups:\n  - name: 東京\n",
    [
      'h.yaml:2:11: the name "東京" gives no default key (it has no letters a-z or digits); add an explicit key to this group, e.g. "key: site-1"',
    ],
  ],
  [
    "a uuid adopted twice",
    "groups:\n  - name: Acme\n    existingUuid: u-1\n  - name: Globex\n    existingUuid: u-1\n",
    [
      'h.yaml:5:19: existingUuid "u-1" is adopted twice (first at 3:19); one group can be managed by one node only: remove existingUuid from one of them',
    ],
  ],
  [
    "All adopted",
    "groups:\n  - name: All\n    existingUuid: 00000000-0000-0000-7001-000000000001\n",
    [
      'h.yaml:3:19: existingUuid is the root group All, which cannot be renamed, moved or deleted; build under All instead: remove this node and list its children under "groups:"',
    ],
  ],
  [
    "a parent path with an empty name",
    "parent: Customers//Europe\ngroups: []\n",
    [
      'h.yaml:1:9: parent "Customers//Europe" has an empty name between slashes; write the path as names joined by "/" (e.g. "Customers/Europe"), or give the group\'s uuid',
    ],
  ],
  [
    "an empty parent",
    'parent: ""\ngroups: []\n',
    [
      'h.yaml:1:9: parent is empty; give the uuid or the path (e.g. "Customers/Europe") of the group to build under, or remove the field to build under All',
    ],
  ],
  [
    "tab indentation",
    "groups:\n\t- name: Acme\n",
    ["h.yaml:2:1: YAML syntax error: Tabs are not allowed as indentation; indent with spaces, not tabs"],
  ],
];

describe("parseHierarchyYaml", () => {
  it.each(cases)("reports %s", (_title, source, expected) => {
    expect(problemsOf(source)).toEqual(expected);
  });

  it("reports every problem of a file at once, in file order", () => {
    const lines = problemsOf(
      [
        "groups:",
        "  - name: Acme",
        "    nmae: typo",
        "    children:",
        "      - name: Berlin",
        "        forceDestroy: maybe",
        "      - name: Berlin",
      ].join("\n"),
    );
    expect(lines.map((line) => line.split(": ")[0])).toEqual(["h.yaml:3:5", "h.yaml:6:23", "h.yaml:7:15"]);
  });

  it("puts every problem in the error message, one a line", () => {
    expect(() => parseHierarchyYaml('groups:\n  - name: ""\n  - name: 7\n', "x.yaml")).toThrow(
      [
        "Invalid hierarchy (2 problems):",
        "  x.yaml:2:11: name is empty; give the group its display name",
        '  x.yaml:3:11: name must be text, not the number 7; write it as text; quote values that YAML reads otherwise, e.g. name: "7"',
      ].join("\n"),
    );
  });

  it("returns the hierarchy and a locator for later messages (e.g. a parent not found)", () => {
    const file = parseHierarchyYaml(
      "parent: Customers/Europe\ngroups:\n  - name: Acme\n    key: acme\n    anchor: true\n    children:\n      - name: Berlin\n        forceDestroy: true\n",
      "msp.yaml",
    );
    expect(file.spec).toEqual({
      parent: "Customers/Europe",
      groups: [
        {
          name: "Acme",
          key: "acme",
          anchor: true,
          children: [{ name: "Berlin", forceDestroy: true }],
        },
      ],
    });
    expect(file.locate(["parent"])).toBe("msp.yaml:1:9");
    expect(file.locate(["groups", 0, "children", 0, "name"])).toBe("msp.yaml:7:15");
  });
});
