import { EsetCloud } from "../../../emulator/model/cloud";
import { ModelError } from "../../../emulator/model/errors";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";

// A fixed tree for every case:  All ─ Sales ─ EMEA ─ Berlin
//                                    └ Ops (linked CUSTOMER)      Lost & found
function tree(): EsetCloud {
  let n = 0;
  const cloud = new EsetCloud({ newUuid: () => `server-${++n}` });
  const add = (uuid: string, displayName: string, parentGroupUuid: string, linkedEntityType?: string) =>
    cloud.createGroup("demo", { uuid, displayName, parentGroupUuid, linkedEntityType });
  add("sales", "Sales", ALL);
  add("emea", "EMEA", "sales");
  add("berlin", "Berlin", "emea");
  add("ops", "Ops", ALL, "GROUP_ENTITY_TYPE_CUSTOMER");
  cloud.addDevice("demo", { uuid: "pc-1", displayName: "PC 1", groupUuid: "berlin" });
  cloud.addDevice("demo", { uuid: "pc-2", displayName: "PC 2", groupUuid: "sales" });
  cloud.addDevice("demo", { uuid: "pc-3", displayName: "PC 3", groupUuid: LOST });
  return cloud;
}

function outcome(work: () => unknown): string {
  try {
    work();
    return "ok";
  } catch (e) {
    if (e instanceof ModelError) return `${e.kind}: ${e.message}`;
    throw e;
  }
}

const parentOf = (cloud: EsetCloud, uuid: string) => cloud.tenant("demo").group(uuid).parentGroupUuid;
const nameOf = (cloud: EsetCloud, uuid: string) => cloud.tenant("demo").group(uuid).displayName;

describe("create", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["under All", { displayName: "HR", parentGroupUuid: ALL }, "ok"],
    ["under Lost & found", { displayName: "HR", parentGroupUuid: LOST }, "ok"],
    ["a name used elsewhere in the tree", { displayName: "EMEA", parentGroupUuid: ALL }, "ok"],
    [
      "a duplicate sibling name",
      { displayName: "EMEA", parentGroupUuid: "sales" },
      'refused: group "Sales" (sales) already has a subgroup named "EMEA" (emea)',
    ],
    [
      "no displayName",
      { parentGroupUuid: ALL },
      "invalid: group.displayName is required and must be a non-empty string",
    ],
    [
      "a blank displayName",
      { displayName: "  ", parentGroupUuid: ALL },
      "invalid: group.displayName is required and must be a non-empty string",
    ],
    [
      "no parent",
      { displayName: "HR" },
      "invalid: group.parentGroupUuid is required and must be a non-empty string",
    ],
    [
      "an unknown parent",
      { displayName: "HR", parentGroupUuid: "nope" },
      "not-found: parent group nope not found",
    ],
    [
      "an unknown linkedEntityType",
      { displayName: "HR", parentGroupUuid: ALL, linkedEntityType: "CUSTOMER" },
      'invalid: group.linkedEntityType must be one of GROUP_ENTITY_TYPE_UNSPECIFIED, GROUP_ENTITY_TYPE_CUSTOMER, GROUP_ENTITY_TYPE_MSP, GROUP_ENTITY_TYPE_SITE, GROUP_ENTITY_TYPE_HOUSEHOLD (got "CUSTOMER")',
    ],
    [
      "a uuid already in use",
      { displayName: "HR", parentGroupUuid: ALL, uuid: "emea" },
      "already-exists: group uuid emea is already in use",
    ],
    [
      "a uuid with a slash",
      { displayName: "HR", parentGroupUuid: ALL, uuid: "a/b" },
      'invalid: group.uuid must be 1-64 letters, digits, "-" or "_" (got "a/b")',
    ],
  ];
  test.each(cases)("%s", (_name, request, expected) => {
    expect(outcome(() => tree().createGroup("demo", request))).toBe(expected);
  });

  test("honours an unused client uuid, or assigns its own when told to ignore it", () => {
    const cloud = tree();
    expect(cloud.createGroup("demo", { displayName: "HR", parentGroupUuid: ALL, uuid: "hr" }).uuid).toBe(
      "hr",
    );
    cloud.rules = { ...cloud.rules, ignoreClientUuid: true };
    expect(cloud.createGroup("demo", { displayName: "IT", parentGroupUuid: ALL, uuid: "it" }).uuid).toBe(
      "server-1",
    );
  });

  test("allows duplicate sibling names when switched on", () => {
    const cloud = tree();
    cloud.rules = { ...cloud.rules, allowDuplicateSiblingNames: true };
    expect(outcome(() => cloud.createGroup("demo", { displayName: "EMEA", parentGroupUuid: "sales" }))).toBe(
      "ok",
    );
  });

  test("returns the group in asset-management vocabulary", () => {
    const group = tree().createGroup("demo", {
      displayName: "Acme",
      parentGroupUuid: ALL,
      description: "a customer",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    expect(group).toEqual({
      uuid: "server-1",
      displayName: "Acme",
      description: "a customer",
      parentGroupUuid: ALL,
      ownerUuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
  });
});

describe("move", () => {
  const cases: Array<[string, string, string, string]> = [
    ["to another parent", "emea", ALL, "ok"],
    ["to its current parent (no-op)", "emea", "sales", "ok"],
    ["into Lost & found", "berlin", LOST, "ok"],
    ["All", ALL, "sales", "refused: the All group cannot be moved"],
    ["Lost & found", LOST, "sales", "refused: the Lost & found group cannot be moved"],
    ["under itself", "sales", "sales", 'refused: group "Sales" (sales) cannot be moved under itself'],
    [
      "under its own descendant",
      "sales",
      "berlin",
      'refused: group "Sales" (sales) cannot be moved under its own subgroup group "Berlin" (berlin)',
    ],
    ["an unknown group", "nope", ALL, "not-found: group nope not found"],
    ["to an unknown parent", "emea", "nope", "not-found: new parent group nope not found"],
    ["to no parent", "emea", "", "invalid: newParentUuid is required and must be a non-empty string"],
  ];
  test.each(cases)("%s", (_name, uuid, parent, expected) => {
    const cloud = tree();
    expect(outcome(() => cloud.moveGroup("demo", uuid, parent))).toBe(expected);
    if (expected === "ok") expect(parentOf(cloud, uuid)).toBe(parent);
  });

  test("refuses a move that would make sibling names clash, ignoring the group itself", () => {
    const cloud = tree();
    cloud.createGroup("demo", { uuid: "emea2", displayName: "EMEA", parentGroupUuid: ALL });
    expect(outcome(() => cloud.moveGroup("demo", "emea", ALL))).toBe(
      'refused: group "All" (00000000-0000-0000-7001-000000000001) already has a subgroup named "EMEA" (emea2)',
    );
    expect(parentOf(cloud, "emea")).toBe("sales");
  });

  test("keeps the subtree and its devices with the moved group", () => {
    const cloud = tree();
    cloud.moveGroup("demo", "emea", LOST);
    expect(parentOf(cloud, "berlin")).toBe("emea");
    expect(
      cloud
        .tenant("demo")
        .devicesIn(LOST, true)
        .map((d) => d.uuid),
    ).toEqual(["pc-1", "pc-3"]);
  });
});

describe("rename", () => {
  const cases: Array<[string, string, unknown, string]> = [
    ["a group", "emea", "Europe", "ok"],
    ["to its current name (no-op)", "emea", "EMEA", "ok"],
    ["Lost & found", LOST, "Unassigned", "ok"],
    [
      "to a sibling's name",
      "ops",
      "Sales",
      'refused: group "All" (00000000-0000-0000-7001-000000000001) already has a subgroup named "Sales" (sales)',
    ],
    ["All", ALL, "Everything", "refused: the All group cannot be renamed"],
    ["to an empty name", "emea", "", "invalid: displayName is required and must be a non-empty string"],
    ["to a number", "emea", 7, "invalid: displayName is required and must be a non-empty string"],
    ["an unknown group", "nope", "X", "not-found: group nope not found"],
  ];
  test.each(cases)("%s", (_name, uuid, name, expected) => {
    const cloud = tree();
    expect(outcome(() => cloud.renameGroup("demo", uuid, name))).toBe(expected);
    if (expected === "ok") expect(nameOf(cloud, uuid)).toBe(name);
  });
});

describe("delete", () => {
  const cases: Array<[string, string, string]> = [
    ["a leaf", "berlin", "ok"],
    ["a subtree", "sales", "ok"],
    ["All", ALL, "refused: the All group cannot be deleted"],
    ["Lost & found", LOST, "refused: the Lost & found group cannot be deleted"],
    [
      "a linked group",
      "ops",
      'refused: group "Ops" (ops) cannot be deleted: it is linked to an entity (GROUP_ENTITY_TYPE_CUSTOMER)',
    ],
    ["an unknown group", "nope", "not-found: group nope not found"],
  ];
  test.each(cases)("%s", (_name, uuid, expected) => {
    expect(outcome(() => tree().deleteGroup("demo", uuid, false))).toBe(expected);
  });

  test("removes the whole subtree and its devices, and records what went", () => {
    const cloud = tree();
    const deletion = cloud.deleteGroup("demo", "sales", "true");
    expect(deletion).toEqual({
      groupUuid: "sales",
      releaseConsumedUnits: true,
      groupUuids: ["sales", "emea", "berlin"],
      deviceUuids: ["pc-1", "pc-2"],
    });
    const tenant = cloud.tenant("demo");
    expect([...tenant.groups.keys()]).toEqual([ALL, LOST, "ops"]);
    expect([...tenant.devices.keys()]).toEqual(["pc-3"]);
    expect(cloud.state().tenants[0].deletions).toEqual([deletion]);
  });

  test("refuses a subtree that holds a linked group, naming it", () => {
    const cloud = tree();
    cloud.createGroup("demo", {
      uuid: "site",
      displayName: "Site",
      parentGroupUuid: "emea",
      linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
    });
    expect(outcome(() => cloud.deleteGroup("demo", "sales", false))).toBe(
      'refused: group "Sales" (sales) cannot be deleted: its subgroup group "Site" (site) is linked to an entity (GROUP_ENTITY_TYPE_SITE)',
    );
    expect(cloud.tenant("demo").groups.has("berlin")).toBe(true);
  });

  const flags: Array<[unknown, string]> = [
    [undefined, "false"],
    ["false", "false"],
    [true, "true"],
    ["yes", 'invalid: releaseConsumedUnits must be true or false (got "yes")'],
  ];
  test.each(flags)("releaseConsumedUnits %p is recorded as %s", (flag, expected) => {
    const cloud = tree();
    const result = outcome(() => cloud.deleteGroup("demo", "berlin", flag));
    expect(
      result === "ok" ? String(cloud.state().tenants[0].deletions[0].releaseConsumedUnits) : result,
    ).toBe(expected);
  });
});
