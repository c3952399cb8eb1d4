import { matchAnchor } from "../../provider/client/anchor-match";
import { LiveTree } from "../../provider/client/live-tree";
import { ALL_GROUP_UUID as ALL } from "../../provider/client/well-known-groups";

const live = new LiveTree([
  { uuid: ALL, displayName: "All" },
  { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
  {
    uuid: "acme",
    displayName: "Acme",
    parentGroupUuid: "cust",
    linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
  },
  { uuid: "dyn", displayName: "Outdated", parentGroupUuid: "cust", isSecurityGroup: false },
]);
const acme = live.get("acme");

describe("matchAnchor", () => {
  it.each([
    ["a uuid, in any case", { uuid: "ACME" }],
    ["a path below All", { path: "Customers/Acme" }],
    ["a name below a parent", { parentUuid: "cust", name: "Acme" }],
    ["a uuid with the name and parent it still has", { uuid: "acme", parentUuid: "cust", name: "Acme" }],
  ])("finds the group by %s", (_, ref) => {
    expect(matchAnchor(live, ref)).toEqual({ found: acme, renamed: false, moved: false });
  });

  it("uses the uuid before the path, and the path before the parent", () => {
    expect(matchAnchor(live, { uuid: "acme", path: "Nowhere" })).toMatchObject({ found: acme });
    expect(matchAnchor(live, { path: "Customers", parentUuid: "nope", name: "X" })).toMatchObject({
      found: live.get("cust"),
      moved: true,
      renamed: true,
    });
  });

  it("says when the group no longer has the given name or parent", () => {
    expect(matchAnchor(live, { uuid: "acme", name: "Acme Corp" })).toEqual({
      found: acme,
      renamed: true,
      moved: false,
    });
    expect(matchAnchor(live, { uuid: "acme", parentUuid: ALL })).toEqual({
      found: acme,
      renamed: false,
      moved: true,
    });
  });

  it.each([
    ["an unknown uuid", { uuid: "gone" }, { missing: "uuid" }],
    ["a dynamic group's uuid (never an anchor)", { uuid: "dyn" }, { missing: "uuid" }],
    ["a path that matches nothing", { path: "Customers/Globex" }, { missing: "path" }],
    ["an unknown parent", { parentUuid: "gone", name: "Acme" }, { missing: "parent" }],
    ["no parent at all", { name: "Acme" }, { missing: "parent" }],
    [
      "a name not below the parent",
      { parentUuid: "cust", name: "Globex" },
      { missing: "name", parent: live.get("cust") },
    ],
  ])("misses %s", (_, ref, expected) => {
    expect(matchAnchor(live, ref)).toEqual(expected);
  });
});
