import { diffGroup } from "../../provider/dynamic/group-diff";
import { ReplacementRefusedError } from "../../provider/dynamic/group-replacement";
import { UNKNOWN } from "../../provider/dynamic/inputs";

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

  it("refuses a description change without allowReplace, naming the group and the way out", () => {
    const run = () => diffGroup("g1", outputs, { ...inputs, description: "" });
    expect(run).toThrow(ReplacementRefusedError);
    expect(run).toThrow(
      "description cannot change in place: ESET Connect sets a group's description only when the group is created, " +
        'so this change would replace group "Sales" (g1): it would be deleted together with every group and device ' +
        'below it, and created again empty. To keep the group, set description back to "Sales team". ' +
        "To replace it anyway, set allowReplace: true on this resource.",
    );
  });

  it("refuses adopting another group in place of this one", () => {
    expect(() => diffGroup("g1", outputs, { ...inputs, existingUuid: "g2" })).toThrow(
      'existingUuid points at another group (g2), so this change would replace group "Sales" (g1): it would be ' +
        "deleted together with every group and device below it, and created again empty, before adopting the other " +
        'one. To keep managing g1, remove existingUuid or set it to "g1". ' +
        "To replace it anyway, set allowReplace: true on this resource.",
    );
  });

  it("lists every blocked input in one refusal", () => {
    const news = { ...inputs, description: "x", linkedEntityType: "GROUP_ENTITY_TYPE_MSP" };
    try {
      diffGroup("g1", outputs, news);
      throw new Error("expected a refusal");
    } catch (e) {
      expect((e as ReplacementRefusedError).failures.map((f) => f.property)).toEqual([
        "description",
        "linkedEntityType",
      ]);
    }
  });
});
