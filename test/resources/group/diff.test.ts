import { diffGroup } from "../../../provider/resources/group/diff";
import { UNKNOWN } from "../../../provider/resources/inputs";

const inputs = {
  displayName: "Sales",
  parentGroupUuid: "p1",
  description: "Sales team",
  linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
  releaseConsumedUnitsOnDelete: false,
  forceDestroy: false,
  allowReplace: false,
};
const outputs = { ...inputs, uuid: "g1", ownerUuid: "t1", __provider: "old text" };
const none = { changes: false, replaces: [], deleteBeforeReplace: false };
const inPlace = { changes: true, replaces: [], deleteBeforeReplace: false };

describe("diffGroup", () => {
  it.each([
    ["nothing changed", inputs, none],
    ["only the serialized provider changed", { ...inputs, __provider: "new text" }, none],
    ["the description went from text to the same text", { ...inputs }, none],
    ["state says COMPANY and the program says CUSTOMER", { ...inputs, linkedEntityType: "CUSTOMER" }, none],
    ["a rename", { ...inputs, displayName: "Sales EU" }, inPlace],
    ["a move", { ...inputs, parentGroupUuid: "p2" }, inPlace],
    ["a rename and a move together", { ...inputs, displayName: "Sales EU", parentGroupUuid: "p2" }, inPlace],
    ["a parent not known yet (preview)", { ...inputs, parentGroupUuid: UNKNOWN }, inPlace],
    ["a description not known yet (preview)", { ...inputs, description: UNKNOWN }, inPlace],
    ["forceDestroy turned on (recorded for delete)", { ...inputs, forceDestroy: true }, inPlace],
    ["releaseConsumedUnitsOnDelete turned on", { ...inputs, releaseConsumedUnitsOnDelete: true }, inPlace],
    ["existingUuid set to the group's own uuid", { ...inputs, existingUuid: "g1" }, inPlace],
    [
      "a description change with allowReplace",
      { ...inputs, description: "Sales and marketing", allowReplace: true },
      { changes: true, replaces: ["description"], deleteBeforeReplace: true },
    ],
    [
      "a linked entity type change with allowReplace",
      { ...inputs, linkedEntityType: "GROUP_ENTITY_TYPE_MSP", allowReplace: true },
      { changes: true, replaces: ["linkedEntityType"], deleteBeforeReplace: true },
    ],
    [
      "another existingUuid with allowReplace",
      { ...inputs, existingUuid: "g2", allowReplace: true },
      { changes: true, replaces: ["existingUuid"], deleteBeforeReplace: true },
    ],
  ])("%s", (_name, news, expected) => {
    expect(diffGroup("g1", outputs, news)).toEqual(expected);
  });

  it("reads state without a description as an empty one", () => {
    const { description: _d, ...stored } = outputs;
    expect(diffGroup("g1", stored, { ...inputs, description: "" })).toEqual(none);
  });

  it("reads state in the device-management vocabulary", () => {
    const stored = { ...outputs, linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY" };
    expect(diffGroup("g1", stored, inputs)).toEqual(none);
  });

  // The engine calls diff after every refresh too (read outputs as olds, old inputs as news;
  // pkg/resource/deploy/step.go RefreshStep.Apply) and a throw there fails the refresh: a
  // replacement that is not allowed is answered as an in-place change, which update refuses.
  it.each([
    ["a description change without allowReplace", { ...inputs, description: "" }],
    ["adopting another group without allowReplace", { ...inputs, existingUuid: "g2" }],
    ["a linked entity type changed in ESET (refresh's swapped diff)", { ...inputs, linkedEntityType: "MSP" }],
  ])("never throws: %s is an in-place change, no replacement", (_name, news) => {
    expect(diffGroup("g1", outputs, news)).toEqual(inPlace);
  });

  it("never throws on refresh's swapped arguments (read outputs as olds, old inputs as news)", () => {
    const read = { ...outputs, linkedEntityType: "GROUP_ENTITY_TYPE_MSP", displayName: "Renamed by hand" };
    expect(diffGroup("g1", read, inputs)).toEqual(inPlace);
  });
});
