import { LiveTree, type LiveGroup } from "../../provider/client/live-tree";
import { ALL_GROUP_UUID as ALL } from "../../provider/client/well-known-groups";

/** A live tenant: Customers/{Globex, Initech/Paris}, plus Lost & found. */
function tenant(extra: LiveGroup[] = []): LiveTree {
  return new LiveTree([
    { uuid: ALL, displayName: "All" },
    { uuid: "lf", displayName: "Lost & found", parentGroupUuid: ALL },
    { uuid: "cust", displayName: "Customers", parentGroupUuid: ALL },
    { uuid: "initech", displayName: "Initech", parentGroupUuid: "cust" },
    { uuid: "globex", displayName: "Globex", parentGroupUuid: "cust" },
    { uuid: "paris", displayName: "Paris", parentGroupUuid: "initech" },
    ...extra,
  ]);
}

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

  it("sorts children by name and lists descendants parents first", () => {
    const live = tenant();
    expect(live.childrenOf(ALL).map((g) => g.displayName)).toEqual(["Customers", "Lost & found"]);
    expect(live.descendantsOf("cust").map((g) => g.uuid)).toEqual(["globex", "initech", "paris"]);
  });

  it("writes paths below All, escaping slashes in names, and adds All when the listing lacks it", () => {
    const live = new LiveTree([
      { uuid: "a", displayName: "A/B", parentGroupUuid: ALL },
      { uuid: "c", displayName: "C", parentGroupUuid: "a" },
    ]);
    expect(live.root).toEqual({ uuid: ALL, displayName: "All" });
    expect(live.pathOf("c")).toBe("A\\/B/C");
    expect(live.pathOf(ALL)).toBe("");
    expect(live.resolve("A\\/B/C")?.uuid).toBe("c");
    expect(live.describe(live.get("c")!)).toBe('"A\\/B/C" (c)');
    expect(live.describe(live.root)).toBe(`"All" (${ALL})`);
  });

  it("keeps the names it found above a broken chain of parents", () => {
    const live = new LiveTree([
      { uuid: "b", displayName: "B", parentGroupUuid: "gone" },
      { uuid: "c", displayName: "C", parentGroupUuid: "b" },
    ]);
    expect(live.pathOf("c")).toBe("B/C");
  });

  it("knows All and Lost & found as built in, and finds a uuid in any case", () => {
    const live = tenant([{ uuid: "abcdef", displayName: "X", parentGroupUuid: ALL }]);
    expect(live.isBuiltIn(ALL)).toBe(true);
    expect(live.isBuiltIn("lf")).toBe(true);
    expect(live.isBuiltIn("cust")).toBe(false);
    expect(live.findUuid("ABCDEF")?.uuid).toBe("abcdef");
  });
});
