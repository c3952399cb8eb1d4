import {
  ALL_GROUP_UUID as ALL,
  isLostAndFound,
  LOST_AND_FOUND_UUID,
} from "../../provider/client/well-known-groups";

describe("isLostAndFound", () => {
  it.each([
    ["the English console's name", { uuid: "a1", displayName: "Lost & found", parentGroupUuid: ALL }],
    ["the spec's spelling", { uuid: "a1", displayName: "Lost&Found", parentGroupUuid: ALL }],
    ["spaces and case", { uuid: "a1", displayName: "  LOST AND FOUND ", parentGroupUuid: ALL }],
    [
      "its likely uuid, renamed",
      { uuid: LOST_AND_FOUND_UUID, displayName: "Perdus et trouvés", parentGroupUuid: ALL },
    ],
  ])("recognises %s", (_, group) => {
    expect(isLostAndFound(group)).toBe(true);
  });

  it.each([
    [
      "a group of that name below another group",
      { uuid: "a1", displayName: "Lost & found", parentGroupUuid: "b2" },
    ],
    [
      "a linked group of that name",
      {
        uuid: "a1",
        displayName: "Lost & found",
        parentGroupUuid: ALL,
        linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
      },
    ],
    ["All", { uuid: ALL, displayName: "All" }],
    ["a static group", { uuid: "a1", displayName: "Lost items", parentGroupUuid: ALL }],
  ])("does not take %s for it", (_, group) => {
    expect(isLostAndFound(group)).toBe(false);
  });
});
