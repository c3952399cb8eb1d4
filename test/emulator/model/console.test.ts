import type { EsetCloud } from "../../../emulator/model/cloud";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";
import {
  ACME,
  AZURE,
  CUSTOMER,
  EXTERNAL,
  KIOSKS,
  PC3,
  SALES,
  SITE,
  exampleTree,
  linked,
  outcome,
} from "./fixtures";

const NOPE = uuidOf("nope");

describe("console operations (ESET itself, or a person in the web console)", () => {
  const cases: Array<[string, (c: EsetCloud) => unknown, string]> = [
    [
      "create a linked CUSTOMER group (customer onboarding)",
      (c) => c.console.createGroup("demo", { displayName: "Globex", linkedEntityType: CUSTOMER }),
      "ok",
    ],
    [
      "create an external container",
      (c) =>
        c.console.createGroup("demo", {
          displayName: "AWS",
          parentGroupUuid: AZURE,
          linkedEntityType: EXTERNAL,
        }),
      "ok",
    ],
    ["rename a linked group", (c) => c.console.renameGroup("demo", ACME, "Acme Inc"), "ok"],
    ["rename Lost & found", (c) => c.console.renameGroup("demo", LOST, "Unassigned"), "ok"],
    ["move a linked group", (c) => c.console.moveGroup("demo", SITE, SALES), "ok"],
    ["delete a linked group with its subtree", (c) => c.console.deleteGroup("demo", ACME, false), "ok"],
    [
      "rename All",
      (c) => c.console.renameGroup("demo", ALL, "X"),
      "refused: the All group cannot be renamed",
    ],
    [
      "move Lost & found",
      (c) => c.console.moveGroup("demo", LOST, SALES),
      "refused: the Lost & found group cannot be moved",
    ],
    [
      "delete All",
      (c) => c.console.deleteGroup("demo", ALL, false),
      "refused: the All group cannot be deleted",
    ],
    [
      "move a group under its own subgroup",
      (c) => c.console.moveGroup("demo", ACME, SITE),
      `refused: group "Acme" (${ACME}) cannot be moved under its own subgroup group "Site" (${SITE})`,
    ],
    [
      "create a duplicate sibling",
      (c) => c.console.createGroup("demo", { displayName: "Sales" }),
      `refused: group "All" (${ALL}) already has a subgroup named "Sales" (${SALES})`,
    ],
    [
      "create with an existing uuid",
      (c) => c.console.createGroup("demo", { displayName: "X", uuid: SALES }),
      `already-exists: group ${SALES} already exists`,
    ],
    [
      "rename a group by a bad uuid",
      (c) => c.console.renameGroup("demo", "g-1", "X"),
      'invalid: groupUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "g-1")',
    ],
    ["move a device", (c) => c.console.moveDevice("demo", PC3, SALES), "ok"],
    [
      "move an unknown device",
      (c) => c.console.moveDevice("demo", NOPE, SALES),
      `not-found: device ${NOPE} not found`,
    ],
    [
      "move a device to an unknown group",
      (c) => c.console.moveDevice("demo", PC3, NOPE),
      `not-found: group ${NOPE} not found`,
    ],
  ];
  test.each(cases)("%s", (_name, run, expected) => {
    expect(outcome(() => run(exampleTree()))).toBe(expected);
  });

  test("a console delete of a linked group takes its subtree and devices, and is recorded", () => {
    const cloud = exampleTree();
    cloud.addDevice("demo", { uuid: uuidOf("till"), displayName: "Till", groupUuid: KIOSKS });
    expect(cloud.console.deleteGroup("demo", ACME, true)).toEqual({
      groupUuid: ACME,
      releaseConsumedUnits: true,
      groupUuids: [ACME, SITE, KIOSKS],
      deviceUuids: [uuidOf("till")],
    });
  });

  test("a console-created linked group is read-only for the API afterwards", () => {
    const cloud = exampleTree();
    const globex = cloud.console.createGroup("demo", { displayName: "Globex", linkedEntityType: CUSTOMER });
    expect(outcome(() => cloud.renameGroup("demo", globex.uuid, "G"))).toBe(
      linked("Globex", globex.uuid, "renamed", CUSTOMER),
    );
    expect(
      outcome(() => cloud.createGroup("demo", { displayName: "Laptops", parentGroupUuid: globex.uuid })),
    ).toBe("ok");
  });
});
