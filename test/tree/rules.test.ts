// The tree rules as tables: each change against one small tree, and the rule it breaks (or none).
import { buildTree } from "../../provider/client/tree";
import type { DeviceGroup } from "../../provider/client";
import { adoptionRefusal } from "../../provider/tree/group-kinds";
import {
  TreeChange,
  TreeRuleError,
  deleteBreak,
  specialGroupName,
  treeRuleBreaks,
} from "../../provider/tree/rules";

const ALL = "00000000-0000-0000-7001-000000000001";
const LOST = "00000000-0000-0000-7001-000000000002";
const group = (
  uuid: string,
  displayName: string,
  parentGroupUuid: string,
  extra: Partial<DeviceGroup> = {},
) => ({
  uuid,
  displayName,
  parentGroupUuid,
  isSecurityGroup: true,
  linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
  ...extra,
});

// All ─ Lost & found
//     ─ EMEA ─ Berlin ─ Mitte
//            ─ Paris       (Berlin also holds a "Paris")
//     ─ ACME (customer) ─ Office
//     ─ Laptops (dynamic)
const tree = buildTree([
  { uuid: ALL, displayName: "All", isSecurityGroup: true, linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED" },
  group(LOST, "Lost & found", ALL),
  group("emea", "EMEA", ALL),
  group("berlin", "Berlin", "emea"),
  group("mitte", "Mitte", "berlin"),
  group("paris", "Paris", "emea"),
  group("berlin-paris", "Paris", "berlin"),
  group("acme", "ACME", ALL, { linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" }),
  group("office", "Office", "acme"),
  group("laptops", "Laptops", ALL, { isSecurityGroup: false }),
]);

const at = (displayName: string, parentGroupUuid: string) => ({ displayName, parentGroupUuid });
const place = (uuid: string, from: [string, string], to: [string, string], adopting = false): TreeChange => ({
  kind: "place",
  uuid,
  from: at(...from),
  to: at(...to),
  adopting,
});

describe("treeRuleBreaks", () => {
  it.each<[string, TreeChange, string[]]>([
    ["a create under All", { kind: "create", to: at("APAC", ALL) }, []],
    ["a create under a linked group (ESET's MSP tree)", { kind: "create", to: at("Laptops", "acme") }, []],
    [
      "a create under a parent that does not exist",
      { kind: "create", to: at("X", "nowhere") },
      ["parent-missing parentGroupUuid"],
    ],
    [
      "a create next to a sibling with its name",
      { kind: "create", to: at("Berlin", "emea") },
      ["name-taken displayName"],
    ],
    ["a name that differs only in case is another name", { kind: "create", to: at("berlin", "emea") }, []],
    ["a rename", place("paris", ["Paris", "emea"], ["Lyon", "emea"]), []],
    [
      "a rename to a sibling's name",
      place("paris", ["Paris", "emea"], ["Berlin", "emea"]),
      ["name-taken displayName"],
    ],
    ["a move", place("paris", ["Paris", "emea"], ["Paris", ALL]), []],
    ["no change at all", place("mitte", ["Mitte", "berlin"], ["Mitte", "berlin"]), []],
    [
      "a move under a parent that does not exist",
      place("paris", ["Paris", "emea"], ["Paris", "nowhere"]),
      ["parent-missing parentGroupUuid"],
    ],
    [
      "a move under itself",
      place("berlin", ["Berlin", "emea"], ["Berlin", "berlin"]),
      ["own-subtree parentGroupUuid"],
    ],
    [
      "a move under its own subgroup",
      place("emea", ["EMEA", ALL], ["EMEA", "mitte"]),
      ["own-subtree parentGroupUuid"],
    ],
    [
      "a move into a parent holding its name",
      place("berlin-paris", ["Paris", "berlin"], ["Paris", "emea"]),
      ["name-taken parentGroupUuid"],
    ],
    [
      "a rename of a group that is gone",
      place("gone", ["Old", ALL], ["New", ALL]),
      ["group-missing displayName"],
    ],
    ["a rename of All", place(ALL, ["All", ALL], ["Everything", ALL]), ["special-group displayName"]],
    [
      "a move of Lost & found",
      place(LOST, ["Lost & found", ALL], ["Lost & found", "emea"]),
      ["special-group parentGroupUuid"],
    ],
    [
      "a rename of a linked group",
      place("acme", ["ACME", ALL], ["Acme Inc", ALL]),
      ["linked-group displayName"],
    ],
    [
      "a move of a linked group",
      place("acme", ["ACME", ALL], ["ACME", "emea"]),
      ["linked-group parentGroupUuid"],
    ],
    [
      "a move of a static group out of a linked one",
      place("office", ["Office", "acme"], ["Office", "emea"]),
      [],
    ],
    ["adopting a group already in place", place("paris", ["Paris", "emea"], ["Paris", "emea"], true), []],
    [
      "adopting a group that does not exist",
      place("gone", ["X", ALL], ["X", ALL], true),
      ["group-missing existingUuid"],
    ],
    ["adopting All", place(ALL, ["All", ALL], ["All", ALL], true), ["special-group existingUuid"]],
    [
      "adopting Lost & found",
      place(LOST, ["Lost & found", ALL], ["Lost & found", ALL], true),
      ["special-group existingUuid"],
    ],
    [
      "adopting a linked group",
      place("acme", ["ACME", ALL], ["ACME", ALL], true),
      ["linked-group existingUuid"],
    ],
    ["devices enrolling into a static group", { kind: "enrol", securityGroupUuid: "berlin" }, []],
    [
      "devices enrolling into a group that does not exist",
      { kind: "enrol", securityGroupUuid: "gone" },
      ["group-missing-for-enrol securityGroupUuid"],
    ],
    [
      "devices enrolling into a dynamic group",
      { kind: "enrol", securityGroupUuid: "laptops" },
      ["dynamic-group securityGroupUuid"],
    ],
  ])("%s", (_name, change, expected) => {
    expect(treeRuleBreaks(tree, change).map((b) => `${b.rule} ${b.property}`)).toEqual(expected);
  });

  it("refuses a rename and move that clashes in either order", () => {
    // Moving "Paris" under All first clashes with nothing; build a tree where both orders clash.
    const clashing = buildTree([
      ...tree.groups,
      group("all-paris", "Paris", ALL),
      group("emea-lyon", "Lyon", "emea"),
    ]);
    const change = place("paris", ["Paris", "emea"], ["Lyon", ALL]);
    expect(treeRuleBreaks(clashing, change).map((b) => b.rule)).toEqual(["no-order"]);
  });

  it("says what to do, naming the clashing group", () => {
    const [taken] = treeRuleBreaks(tree, { kind: "create", to: at("Berlin", "emea") });
    expect(taken.reason).toBe(
      'a group with this name already exists under "All / EMEA" (emea): berlin. To manage that group with this ' +
        'resource, set existingUuid: "berlin" on it; to create a separate group, choose another displayName.',
    );
    const [below] = treeRuleBreaks(tree, place("emea", ["EMEA", ALL], ["EMEA", "mitte"]));
    expect(below.reason).toBe(
      'mitte is its own subgroup "All / EMEA / Berlin / Mitte" (mitte): a group cannot move below itself. ' +
        "Choose a parent outside its subtree, or move that subgroup out first.",
    );
    const [missing] = treeRuleBreaks(tree, { kind: "create", to: at("X", "nowhere") });
    expect(missing.reason).toBe(
      "nowhere is not a group of this tenant, so ESET cannot create a group under it. Use another Group's uuid " +
        `output, the uuid ESET PROTECT shows in the group's details, or ${ALL} for "All".`,
    );
  });

  it("refuses an adoption of All, Lost & found or a linked group in the words of check's adoption refusal", () => {
    const reasonOf = (uuid: string, name: string) =>
      treeRuleBreaks(tree, place(uuid, [name, ALL], [name, ALL], true)).map((b) => b.reason);
    expect(reasonOf(ALL, "All")).toEqual([
      `is the top-level group "All" (${ALL}), which ESET Connect cannot rename, move or delete, so a Group ` +
        `cannot manage it. To build below it, set parentGroupUuid: "${ALL}" and remove existingUuid.`,
    ]);
    expect(reasonOf(LOST, "Lost & found")).toEqual([
      `is ESET's special group "All / Lost & found" (${LOST}), which ESET Connect cannot rename, move or delete, ` +
        "so a Group cannot manage it. Remove existingUuid; to refer to the group, use a GroupAnchor.",
    ]);
    expect(reasonOf("acme", "ACME")).toEqual([
      'is "All / ACME" (acme), a group linked to an ESET entity (GROUP_ENTITY_TYPE_CUSTOMER): ESET governs its ' +
        "life cycle and ESET Connect cannot rename, move or delete it, so a Group cannot manage it. Remove " +
        'existingUuid. To put Groups below it, refer to it as an anchor (GroupAnchor with uuid: "acme", or ' +
        'anchor: true in a hierarchy), or set parentGroupUuid: "acme" on those Groups.',
    ]);
    for (const uuid of [ALL, LOST, "acme"]) {
      const live = tree.byUuid.get(uuid);
      if (!live) throw new Error(`${uuid} is not in the test tree`);
      expect(reasonOf(uuid, live.displayName)).toEqual([adoptionRefusal(tree, live)]);
    }
    expect(reasonOf("gone", "X")).toEqual([
      "gone is not a group of this tenant. Fix the uuid (ESET PROTECT shows it in the group's details), or " +
        "remove existingUuid to create a new group.",
    ]);
  });

  it("gives one line per broken rule, each naming the input", () => {
    const error = new TreeRuleError(
      'group "Paris" (paris)',
      treeRuleBreaks(tree, place("paris", ["Paris", "emea"], ["Berlin", "emea"])),
    );
    expect(error.message).toMatch(
      /^group "Paris" \(paris\): displayName: "All \/ EMEA" \(emea\) already holds another group named "Berlin" \(berlin\)/,
    );
  });
});

describe("specialGroupName and deleteBreak", () => {
  it.each<[string, string | undefined]>([
    [ALL, "All"],
    [LOST, "Lost & found"],
    ["emea", undefined],
    ["gone", undefined],
  ])("%s is special: %s", (uuid, name) => {
    expect(specialGroupName(tree, uuid)).toBe(name);
  });

  it("knows Lost & found by its name under All, as ESET does not publish its uuid", () => {
    const other = buildTree([
      ...tree.groups.filter((g) => g.uuid !== LOST),
      group("lf-7", "Lost and found", ALL),
    ]);
    expect(specialGroupName(other, "lf-7")).toBe("Lost & found");
    expect(
      specialGroupName(buildTree([...tree.groups, group("x", "Lost & found", "emea")]), "x"),
    ).toBeUndefined();
  });

  it.each<[string, string]>([
    ["emea", "{}"],
    [ALL, '{"special":"All"}'],
    [LOST, '{"special":"Lost & found"}'],
    ["acme", '{"linked":"acme"}'],
  ])("deleting %s breaks %s", (uuid, expected) => {
    const found = deleteBreak(tree, uuid);
    expect(JSON.stringify(found.linked ? { linked: found.linked.uuid } : found)).toBe(expected);
  });

  it("finds a linked group inside the one to delete", () => {
    const nested = buildTree([
      ...tree.groups,
      group("site", "Site", "paris", { linkedEntityType: "GROUP_ENTITY_TYPE_SITE" }),
    ]);
    expect(deleteBreak(nested, "emea").linked?.uuid).toBe("site");
  });
});
