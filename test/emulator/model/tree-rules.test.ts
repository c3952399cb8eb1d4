import { EsetCloud } from "../../../emulator/model/cloud";
import { ModelError } from "../../../emulator/model/errors";
import { applySeed } from "../../../emulator/model/seed";
import { deviceView } from "../../../emulator/model/state";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";

const SALES = uuidOf("sales");
const EMEA = uuidOf("emea");
const BERLIN = uuidOf("berlin");
const ACME = uuidOf("acme"); // linked CUSTOMER, as onboarding creates it
const SITE = uuidOf("site"); // linked SITE below Acme
const AZURE = uuidOf("azure"); // linked EXTERNAL_CONTAINER
const KIOSKS = uuidOf("kiosks"); // static, below Acme
const NOPE = uuidOf("nope");
const [PC1, PC2, PC3] = [uuidOf("pc-1"), uuidOf("pc-2"), uuidOf("pc-3")];

// A fixed tree for every case:  All ─ Sales ─ EMEA ─ Berlin        Lost & found
//                                   ├ Acme (CUSTOMER) ─ Site (SITE)
//                                   │                 └ Kiosks (static)
//                                   └ Azure (EXTERNAL_CONTAINER)
function tree(): EsetCloud {
  let n = 0;
  const cloud = new EsetCloud({ newUuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}` });
  applySeed(cloud, {
    tenants: [
      {
        id: "demo",
        groups: [
          { uuid: SALES, displayName: "Sales" },
          { uuid: EMEA, displayName: "EMEA", parentGroupUuid: SALES },
          { uuid: BERLIN, displayName: "Berlin", parentGroupUuid: EMEA },
          { uuid: ACME, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
          {
            uuid: SITE,
            displayName: "Site",
            parentGroupUuid: ACME,
            linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
          },
          { uuid: KIOSKS, displayName: "Kiosks", parentGroupUuid: ACME },
          { uuid: AZURE, displayName: "Azure", linkedEntityType: "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER" },
        ],
        devices: [
          { uuid: PC1, displayName: "PC 1", groupUuid: BERLIN },
          { uuid: PC2, displayName: "PC 2", groupUuid: SALES },
          { uuid: PC3, displayName: "PC 3", groupUuid: LOST },
        ],
      },
    ],
  });
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
const linked = (name: string, uuid: string, verb: string, type: string) =>
  `refused: group "${name}" (${uuid}) cannot be ${verb}: it is linked to an entity (${type}); its life cycle follows that entity's`;
const CUSTOMER = "GROUP_ENTITY_TYPE_CUSTOMER";
const EXTERNAL = "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER";

describe("path uuids (ESET's spec: format uuid, maxLength 100)", () => {
  const ops: Array<[string, (c: EsetCloud, uuid: string) => unknown]> = [
    ["move", (c, u) => c.moveGroup("demo", u, ALL)],
    ["rename", (c, u) => c.renameGroup("demo", u, "X")],
    ["delete", (c, u) => c.deleteGroup("demo", u, false)],
    [
      "list devices",
      (c, u) => c.listDevices("demo", u, { recurseSubgroups: false, pageSize: 0, pageToken: "" }),
    ],
  ];
  const uuids: Array<[string, string, string]> = [
    [
      "a name",
      "g-1",
      'invalid: groupUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "g-1")',
    ],
    [
      "a uuid without dashes",
      "5a1e500000004000800000000001aaaa",
      'invalid: groupUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "5a1e500000004000800000000001aaaa")',
    ],
    ["101 characters", "a".repeat(101), "invalid: groupUuid must be at most 100 characters (got 101)"],
    ["an unknown uuid", NOPE, `not-found: group ${NOPE} not found`],
    ["a known uuid in upper case", SALES.toUpperCase(), `not-found: group ${SALES.toUpperCase()} not found`],
  ];
  const cases = ops.flatMap(([op, run]) =>
    uuids.map(([what, uuid, expected]) => [op, what, run, uuid, expected] as const),
  );
  test.each(cases)("%s with %s", (_op, _what, run, uuid, expected) => {
    expect(outcome(() => run(tree(), uuid))).toBe(expected);
  });
});

describe("create through the API", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["under All", { displayName: "HR", parentGroupUuid: ALL }, "ok"],
    ["under Lost & found", { displayName: "HR", parentGroupUuid: LOST }, "ok"],
    [
      "a static group under a linked group (an anchor)",
      { displayName: "Laptops", parentGroupUuid: ACME },
      "ok",
    ],
    ["a static group under an external container", { displayName: "VMs", parentGroupUuid: AZURE }, "ok"],
    ["a name used elsewhere in the tree", { displayName: "EMEA", parentGroupUuid: ALL }, "ok"],
    [
      "explicitly static",
      { displayName: "HR", parentGroupUuid: ALL, linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED" },
      "ok",
    ],
    ...(
      [
        "GROUP_ENTITY_TYPE_CUSTOMER",
        "GROUP_ENTITY_TYPE_MSP",
        "GROUP_ENTITY_TYPE_SITE",
        "GROUP_ENTITY_TYPE_HOUSEHOLD",
        "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER",
      ] as const
    ).map((type): [string, Record<string, unknown>, string] => [
      `a ${type} group`,
      { displayName: "Linked", parentGroupUuid: ALL, linkedEntityType: type },
      `refused: a group linked to an entity (${type}) cannot be created through the API: ESET creates it with the entity; create a static group (GROUP_ENTITY_TYPE_UNSPECIFIED) instead, under it if you like`,
    ]),
    [
      "a duplicate sibling name",
      { displayName: "EMEA", parentGroupUuid: SALES },
      `refused: group "Sales" (${SALES}) already has a subgroup named "EMEA" (${EMEA})`,
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
      { displayName: "HR", parentGroupUuid: NOPE },
      `not-found: parent group ${NOPE} not found`,
    ],
    [
      "an unknown linkedEntityType",
      { displayName: "HR", parentGroupUuid: ALL, linkedEntityType: "CUSTOMER" },
      'invalid: group.linkedEntityType must be one of GROUP_ENTITY_TYPE_UNSPECIFIED, GROUP_ENTITY_TYPE_CUSTOMER, GROUP_ENTITY_TYPE_MSP, GROUP_ENTITY_TYPE_SITE, GROUP_ENTITY_TYPE_HOUSEHOLD, GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER (got "CUSTOMER")',
    ],
    [
      "the uuid of an existing group",
      { displayName: "HR", parentGroupUuid: ALL, uuid: EMEA },
      `already-exists: group ${EMEA} already exists`,
    ],
    [
      "the uuid of All",
      { displayName: "HR", parentGroupUuid: ALL, uuid: ALL },
      `already-exists: group ${ALL} already exists`,
    ],
    [
      "a uuid that is not one",
      { displayName: "HR", parentGroupUuid: ALL, uuid: "a/b" },
      'invalid: group.uuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "a/b")',
    ],
  ];
  test.each(cases)("%s", (_name, request, expected) => {
    const cloud = tree();
    const before = cloud.tenant("demo").groups.size;
    expect(outcome(() => cloud.createGroup("demo", request))).toBe(expected);
    expect(cloud.tenant("demo").groups.size).toBe(expected === "ok" ? before + 1 : before);
  });

  test("honours an unused client uuid, or assigns its own when told to ignore it", () => {
    const cloud = tree();
    const HR = uuidOf("hr");
    expect(cloud.createGroup("demo", { displayName: "HR", parentGroupUuid: ALL, uuid: HR }).uuid).toBe(HR);
    cloud.rules = { ...cloud.rules, ignoreClientUuid: true };
    expect(
      cloud.createGroup("demo", { displayName: "IT", parentGroupUuid: ALL, uuid: uuidOf("it") }).uuid,
    ).toBe("00000000-0000-4000-8000-000000000001");
  });

  const reuse: Array<["allow" | "refuse", string]> = [
    [
      "refuse",
      `already-exists: group ${BERLIN} already exists: a deleted group had this uuid and it cannot be used again`,
    ],
    ["allow", "ok"],
  ];
  test.each(reuse)("the uuid of a deleted group, with deletedUuidReuse %s", (mode, expected) => {
    const cloud = tree();
    cloud.rules = { ...cloud.rules, deletedUuidReuse: mode };
    cloud.deleteGroup("demo", EMEA, false);
    expect(
      outcome(() =>
        cloud.createGroup("demo", { displayName: "Berlin", parentGroupUuid: SALES, uuid: BERLIN }),
      ),
    ).toBe(expected);
  });

  test("allows duplicate sibling names when switched on", () => {
    const cloud = tree();
    cloud.rules = { ...cloud.rules, allowDuplicateSiblingNames: true };
    expect(outcome(() => cloud.createGroup("demo", { displayName: "EMEA", parentGroupUuid: SALES }))).toBe(
      "ok",
    );
  });

  test("returns the group in asset-management vocabulary", () => {
    const group = tree().createGroup("demo", {
      displayName: "Laptops",
      parentGroupUuid: ACME,
      description: "d",
    });
    expect(group).toEqual({
      uuid: "00000000-0000-4000-8000-000000000001",
      displayName: "Laptops",
      description: "d",
      parentGroupUuid: ACME,
      ownerUuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
    });
  });
});

describe("move through the API", () => {
  const cases: Array<[string, string, string, string]> = [
    ["to another parent", EMEA, ALL, "ok"],
    ["to its current parent (no-op)", EMEA, SALES, "ok"],
    ["into Lost & found", BERLIN, LOST, "ok"],
    ["a static group under a linked group", EMEA, ACME, "ok"],
    ["a static group out of a linked group", KIOSKS, SALES, "ok"],
    ["a static group under an external container", BERLIN, AZURE, "ok"],
    ["All", ALL, SALES, "refused: the All group cannot be moved"],
    ["Lost & found", LOST, SALES, "refused: the Lost & found group cannot be moved"],
    ["a linked CUSTOMER group", ACME, SALES, linked("Acme", ACME, "moved", CUSTOMER)],
    ["a linked SITE group", SITE, SALES, linked("Site", SITE, "moved", "GROUP_ENTITY_TYPE_SITE")],
    ["an external container", AZURE, SALES, linked("Azure", AZURE, "moved", EXTERNAL)],
    ["a linked group to its current parent", ACME, ALL, linked("Acme", ACME, "moved", CUSTOMER)],
    ["under itself", SALES, SALES, `refused: group "Sales" (${SALES}) cannot be moved under itself`],
    [
      "under its own descendant",
      SALES,
      BERLIN,
      `refused: group "Sales" (${SALES}) cannot be moved under its own subgroup group "Berlin" (${BERLIN})`,
    ],
    ["an unknown group", NOPE, ALL, `not-found: group ${NOPE} not found`],
    ["to an unknown parent", EMEA, NOPE, `not-found: new parent group ${NOPE} not found`],
    ["to no parent", EMEA, "", "invalid: newParentUuid is required and must be a non-empty string"],
  ];
  test.each(cases)("%s", (_name, uuid, parent, expected) => {
    const cloud = tree();
    const known = uuid !== NOPE;
    const before = known && parentOf(cloud, uuid);
    expect(outcome(() => cloud.moveGroup("demo", uuid, parent))).toBe(expected);
    if (known) expect(parentOf(cloud, uuid)).toBe(expected === "ok" ? parent : before);
  });

  test("refuses a static group whose subtree holds a linked group, naming it", () => {
    const cloud = tree();
    cloud.console.moveGroup("demo", ACME, EMEA);
    expect(outcome(() => cloud.moveGroup("demo", SALES, LOST))).toBe(
      `refused: group "Sales" (${SALES}) cannot be moved: its subgroup group "Acme" (${ACME}) is linked to an entity (${CUSTOMER})`,
    );
  });

  test("refuses a move that would make sibling names clash, ignoring the group itself", () => {
    const cloud = tree();
    const EMEA2 = uuidOf("emea2");
    cloud.createGroup("demo", { uuid: EMEA2, displayName: "EMEA", parentGroupUuid: ALL });
    expect(outcome(() => cloud.moveGroup("demo", EMEA, ALL))).toBe(
      `refused: group "All" (${ALL}) already has a subgroup named "EMEA" (${EMEA2})`,
    );
    expect(parentOf(cloud, EMEA)).toBe(SALES);
  });

  test("keeps the subtree and its devices with the moved group", () => {
    const cloud = tree();
    cloud.moveGroup("demo", EMEA, LOST);
    expect(parentOf(cloud, BERLIN)).toBe(EMEA);
    expect(
      cloud
        .tenant("demo")
        .devicesIn(LOST, true)
        .map((d) => d.uuid),
    ).toEqual([PC1, PC3]);
  });
});

describe("rename through the API", () => {
  const cases: Array<[string, string, unknown, string]> = [
    ["a group", EMEA, "Europe", "ok"],
    ["to its current name (no-op)", EMEA, "EMEA", "ok"],
    ["a static group below a linked group", KIOSKS, "Tills", "ok"],
    [
      "Lost & found",
      LOST,
      "Unassigned",
      "refused: the Lost & found group cannot be renamed through the API (ESET's console can)",
    ],
    ["All", ALL, "Everything", "refused: the All group cannot be renamed"],
    ["a linked group", ACME, "Acme Inc", linked("Acme", ACME, "renamed", CUSTOMER)],
    ["a linked group to its current name", ACME, "Acme", linked("Acme", ACME, "renamed", CUSTOMER)],
    ["an external container", AZURE, "Az", linked("Azure", AZURE, "renamed", EXTERNAL)],
    [
      "to a sibling's name",
      SALES,
      "Acme",
      `refused: group "All" (${ALL}) already has a subgroup named "Acme" (${ACME})`,
    ],
    ["to an empty name", EMEA, "", "invalid: displayName is required and must be a non-empty string"],
    ["to a number", EMEA, 7, "invalid: displayName is required and must be a non-empty string"],
    ["an unknown group", NOPE, "X", `not-found: group ${NOPE} not found`],
  ];
  test.each(cases)("%s", (_name, uuid, name, expected) => {
    const cloud = tree();
    const before = nameOf(cloud, uuid === NOPE ? SALES : uuid);
    expect(outcome(() => cloud.renameGroup("demo", uuid, name))).toBe(expected);
    if (uuid !== NOPE) expect(nameOf(cloud, uuid)).toBe(expected === "ok" ? name : before);
  });
});

describe("delete through the API", () => {
  const cases: Array<[string, string, string]> = [
    ["a leaf", BERLIN, "ok"],
    ["a subtree", SALES, "ok"],
    ["a static group below a linked group", KIOSKS, "ok"],
    ["All", ALL, "refused: the All group cannot be deleted"],
    ["Lost & found", LOST, "refused: the Lost & found group cannot be deleted"],
    ["a linked group", ACME, linked("Acme", ACME, "deleted", CUSTOMER)],
    ["a linked group below a linked group", SITE, linked("Site", SITE, "deleted", "GROUP_ENTITY_TYPE_SITE")],
    ["an external container", AZURE, linked("Azure", AZURE, "deleted", EXTERNAL)],
    ["an unknown group", NOPE, `not-found: group ${NOPE} not found`],
  ];
  test.each(cases)("%s", (_name, uuid, expected) => {
    const cloud = tree();
    expect(outcome(() => cloud.deleteGroup("demo", uuid, false))).toBe(expected);
    if (uuid !== NOPE) expect(cloud.tenant("demo").groups.has(uuid)).toBe(expected !== "ok");
  });

  test("removes the whole subtree and its devices, and records what went", () => {
    const cloud = tree();
    const deletion = cloud.deleteGroup("demo", SALES, "true");
    expect(deletion).toEqual({
      groupUuid: SALES,
      releaseConsumedUnits: true,
      groupUuids: [SALES, EMEA, BERLIN],
      deviceUuids: [PC1, PC2],
    });
    const tenant = cloud.tenant("demo");
    expect([...tenant.groups.keys()]).toEqual([ALL, LOST, ACME, SITE, KIOSKS, AZURE]);
    expect([...tenant.devices.keys()]).toEqual([PC3]);
    expect(cloud.state().tenants[0].deletions).toEqual([deletion]);
  });

  test("refuses a subtree that holds a linked group, naming it", () => {
    const cloud = tree();
    cloud.console.moveGroup("demo", SITE, EMEA);
    expect(outcome(() => cloud.deleteGroup("demo", SALES, false))).toBe(
      `refused: group "Sales" (${SALES}) cannot be deleted: its subgroup group "Site" (${SITE}) is linked to an entity (GROUP_ENTITY_TYPE_SITE)`,
    );
    expect(cloud.tenant("demo").groups.has(BERLIN)).toBe(true);
  });

  const flags: Array<[unknown, string]> = [
    [undefined, "false"],
    ["false", "false"],
    [true, "true"],
    ["yes", 'invalid: releaseConsumedUnits must be true or false (got "yes")'],
  ];
  test.each(flags)("releaseConsumedUnits %p is recorded as %s", (flag, expected) => {
    const cloud = tree();
    const result = outcome(() => cloud.deleteGroup("demo", BERLIN, flag));
    expect(
      result === "ok" ? String(cloud.state().tenants[0].deletions[0].releaseConsumedUnits) : result,
    ).toBe(expected);
  });
});

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
    expect(outcome(() => run(tree()))).toBe(expected);
  });

  test("a console delete of a linked group takes its subtree and devices, and is recorded", () => {
    const cloud = tree();
    cloud.addDevice("demo", { uuid: uuidOf("till"), displayName: "Till", groupUuid: KIOSKS });
    expect(cloud.console.deleteGroup("demo", ACME, true)).toEqual({
      groupUuid: ACME,
      releaseConsumedUnits: true,
      groupUuids: [ACME, SITE, KIOSKS],
      deviceUuids: [uuidOf("till")],
    });
  });

  test("a console-created linked group is read-only for the API afterwards", () => {
    const cloud = tree();
    const globex = cloud.console.createGroup("demo", { displayName: "Globex", linkedEntityType: CUSTOMER });
    expect(outcome(() => cloud.renameGroup("demo", globex.uuid, "G"))).toBe(
      linked("Globex", globex.uuid, "renamed", CUSTOMER),
    );
    expect(
      outcome(() => cloud.createGroup("demo", { displayName: "Laptops", parentGroupUuid: globex.uuid })),
    ).toBe("ok");
  });
});

describe("devices in several groups", () => {
  function withMember(): EsetCloud {
    const cloud = tree();
    cloud.addDevice("demo", {
      uuid: uuidOf("multi"),
      displayName: "Multi",
      groupUuid: BERLIN,
      otherGroupUuids: [KIOSKS, SALES],
    });
    return cloud;
  }
  const MULTI = uuidOf("multi");
  const entries = (cloud: EsetCloud, group: string, recurse: boolean) =>
    cloud
      .tenant("demo")
      .devicesIn(group, recurse)
      .filter((d) => d.uuid === MULTI)
      .map((d) => d.groupUuid);

  test.each([
    ["its own group", BERLIN, false, [BERLIN]],
    ["another group it is a member of", KIOSKS, false, [KIOSKS]],
    ["a subtree holding two of its groups, recursively", SALES, true, [BERLIN, SALES]],
    ["a group it is not in", EMEA, false, []],
    ["All, recursively: once per membership", ALL, true, [BERLIN, KIOSKS, SALES]],
  ] as const)("is listed in %s", (_name, group, recurse, expected) => {
    expect(entries(withMember(), group, recurse)).toEqual(expected);
  });

  test("is listed once in the tenant's device list", () => {
    const list = withMember().listTenantDevices("demo", 0, "");
    expect(list.items.filter((d) => d.uuid === MULTI)).toEqual([
      { uuid: MULTI, displayName: "Multi", parentGroupUuid: BERLIN },
    ]);
    expect(list.totalSize).toBe(4);
  });

  test("a group cannot list a device twice", () => {
    expect(
      outcome(() =>
        tree().addDevice("demo", { displayName: "Twice", groupUuid: SALES, otherGroupUuids: [SALES] }),
      ),
    ).toMatch(new RegExp(`^invalid: device .* is listed twice as a member of group ${SALES}$`));
  });

  test("deleting a group it is only a member of keeps the device, without that membership", () => {
    const cloud = withMember();
    cloud.deleteGroup("demo", KIOSKS, false);
    expect(cloud.state().tenants[0].devices.find((d) => d.uuid === MULTI)).toEqual({
      uuid: MULTI,
      displayName: "Multi",
      groupUuid: BERLIN,
      groupUuids: [BERLIN, SALES],
    });
  });

  test("deleting the group that contains it deletes the device", () => {
    const cloud = withMember();
    expect(cloud.deleteGroup("demo", EMEA, false).deviceUuids).toEqual([PC1, MULTI]);
    expect(cloud.tenant("demo").devices.has(MULTI)).toBe(false);
  });

  test("a console move changes the containing group and keeps the other memberships", () => {
    const cloud = withMember();
    cloud.console.moveDevice("demo", MULTI, KIOSKS);
    expect(deviceView(cloud.tenant("demo").device(MULTI))).toEqual({
      uuid: MULTI,
      displayName: "Multi",
      groupUuid: KIOSKS,
      groupUuids: [KIOSKS, SALES],
    });
  });
});
