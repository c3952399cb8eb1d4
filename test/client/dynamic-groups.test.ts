import { isDynamicGroup } from "../../provider/client/dynamic-groups";
import { LiveTree } from "../../provider/client/live-tree";
import { ALL_GROUP_UUID, LOST_AND_FOUND_UUID } from "../../provider/client/well-known-groups";

const group = (isSecurityGroup: boolean | undefined, linkedEntityType?: string) => ({
  uuid: "g1",
  displayName: "Acme",
  parentGroupUuid: ALL_GROUP_UUID,
  ...(isSecurityGroup !== undefined && { isSecurityGroup }),
  ...(linkedEntityType !== undefined && { linkedEntityType }),
});

describe("isDynamicGroup", () => {
  it.each([
    ["a static group", group(true), false],
    ["an unlinked group with isSecurityGroup false", group(false), true],
    [
      "an unlinked group with UNSPECIFIED and isSecurityGroup false",
      group(false, "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED"),
      true,
    ],
    ["a group whose caller did not say (LiveGroup default)", group(undefined), false],
    ["a linked group with isSecurityGroup true", group(true, "GROUP_ENTITY_TYPE_CUSTOMER"), false],
    ["a linked group with isSecurityGroup false", group(false, "GROUP_ENTITY_TYPE_MSP"), false],
    [
      "a linked group of a type this package does not know",
      group(false, "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER"),
      false,
    ],
    ["All", { ...group(false), uuid: ALL_GROUP_UUID, parentGroupUuid: undefined }, false],
    ["Lost & found", { ...group(false), uuid: LOST_AND_FOUND_UUID }, false],
  ])("%s -> %s", (_what, g, expected) => {
    expect(isDynamicGroup(g)).toBe(expected);
  });
});

describe("LiveTree under each isSecurityGroup of linked groups", () => {
  it.each([true, false, undefined])(
    "keeps linked groups and their children with isSecurityGroup %s",
    (value) => {
      const live = new LiveTree([
        { uuid: ALL_GROUP_UUID, displayName: "All" },
        { ...group(value === undefined ? false : value, "GROUP_ENTITY_TYPE_MSP"), uuid: "msp" },
        {
          uuid: "site",
          displayName: "Berlin",
          parentGroupUuid: "msp",
          isSecurityGroup: value ?? false,
          linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
        },
        { uuid: "own", displayName: "Laptops", parentGroupUuid: "site", isSecurityGroup: true },
        { uuid: "dyn", displayName: "Outdated", parentGroupUuid: "site", isSecurityGroup: false },
      ]);
      expect(live.pathOf("own")).toBe("Acme/Berlin/Laptops");
      expect(live.get("dyn")).toBeUndefined();
    },
  );
});
