import { EsetCloud } from "../../../emulator/model/cloud";
import { applySeed } from "../../../emulator/model/seed";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";
import {
  ACME,
  AZURE,
  BERLIN,
  CUSTOMER,
  EMEA,
  EXTERNAL,
  KIOSKS,
  MINE,
  PC1,
  PC2,
  PC3,
  SALES,
  SITE,
  THEIRS,
  exampleTree,
  linked,
  outcome,
  twoTenants,
} from "./fixtures";

const A = uuidOf("a");
const B = uuidOf("b");
const D1 = uuidOf("d1");
const D2 = uuidOf("d2");
const G = uuidOf("g");
const NOPE = uuidOf("nope");

const parentOf = (cloud: EsetCloud, uuid: string) => cloud.tenant("demo").group(uuid).parentGroupUuid;
const nameOf = (cloud: EsetCloud, uuid: string) => cloud.tenant("demo").group(uuid).displayName;

describe("tenant isolation", () => {
  const cases: Array<[string, (c: EsetCloud) => unknown, string]> = [
    [
      "move another tenant's group",
      (c) => c.moveGroup("demo", THEIRS, ALL),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "move under another tenant's group",
      (c) => c.moveGroup("demo", MINE, THEIRS),
      `other-tenant: new parent group ${THEIRS} belongs to another tenant`,
    ],
    [
      "rename another tenant's group",
      (c) => c.renameGroup("demo", THEIRS, "X"),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "delete another tenant's group",
      (c) => c.deleteGroup("demo", THEIRS, false),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "create under another tenant's group",
      (c) => c.createGroup("demo", { displayName: "X", parentGroupUuid: THEIRS }),
      `other-tenant: parent group ${THEIRS} belongs to another tenant`,
    ],
    [
      "list devices of another tenant's group",
      (c) => c.listDevices("demo", THEIRS, { recurseSubgroups: false, pageSize: 0, pageToken: "" }),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "generate a file for another tenant's group",
      (c) => c.generateGpoSccmFile("demo", { securityGroupUuid: THEIRS }, new Date()),
      `other-tenant: security group ${THEIRS} belongs to another tenant`,
    ],
    [
      "take another tenant's group uuid",
      (c) => c.createGroup("demo", { displayName: "X", parentGroupUuid: ALL, uuid: THEIRS }),
      `already-exists: group ${THEIRS} already exists`,
    ],
  ];
  test.each(cases)("refuses to %s", (_name, work, expected) => {
    const cloud = twoTenants();
    expect(outcome(() => work(cloud))).toBe(expected);
    expect(cloud.tenant("acme").group(THEIRS)).toMatchObject({
      displayName: "Theirs",
      parentGroupUuid: ALL,
    });
  });

  test("each tenant sees only its own groups, under the same All and Lost & found uuids", () => {
    const cloud = twoTenants();
    expect(cloud.listDeviceGroups("demo", 0, "").items.map((g) => g.uuid)).toEqual([ALL, LOST, MINE]);
    expect(cloud.listDeviceGroups("acme", 0, "").items.map((g) => g.uuid)).toEqual([ALL, LOST, THEIRS]);
  });
});

describe("device-management view", () => {
  test("maps CUSTOMER to COMPANY, marks static groups, omits description and All's parent", () => {
    const cloud = new EsetCloud();
    cloud.console.createGroup("demo", {
      uuid: uuidOf("acme"),
      displayName: "Acme",
      parentGroupUuid: ALL,
      description: "d",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    const [all, , acme] = cloud.listDeviceGroups("demo", 0, "").items;
    expect(all).not.toHaveProperty("parentGroupUuid");
    expect(acme).toEqual({
      uuid: uuidOf("acme"),
      displayName: "Acme",
      parentGroupUuid: ALL,
      isSecurityGroup: true,
      linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
      etag: expect.any(String),
    });
  });

  test.each([
    ["a rename", (c: EsetCloud) => c.renameGroup("demo", G, "New"), true],
    ["a move", (c: EsetCloud) => c.moveGroup("demo", G, LOST), true],
    ["a rename to the same name", (c: EsetCloud) => c.renameGroup("demo", G, "G"), false],
    ["a move to the same parent", (c: EsetCloud) => c.moveGroup("demo", G, ALL), false],
    ["a change of another group", (c: EsetCloud) => c.console.renameGroup("demo", LOST, "Unassigned"), false],
  ])("%s changes the etag: %p", (_name, change, changes) => {
    const cloud = new EsetCloud();
    cloud.createGroup("demo", { uuid: G, displayName: "G", parentGroupUuid: ALL });
    const etag = () => cloud.listDeviceGroups("demo", 0, "").items.find((g) => g.uuid === G)?.etag;
    const before = etag();
    change(cloud);
    expect(etag() !== before).toBe(changes);
  });

  test("lists devices of a group, or of its subtree", () => {
    const cloud = new EsetCloud();
    applySeed(cloud, {
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: A, displayName: "A" },
            { uuid: B, displayName: "B", parentGroupUuid: A },
          ],
          devices: [
            { uuid: D1, displayName: "D1", groupUuid: A },
            { uuid: D2, displayName: "D2", groupUuid: B },
          ],
        },
      ],
    });
    const list = (recurse: unknown) =>
      cloud.listDevices("demo", A, { recurseSubgroups: recurse, pageSize: 0, pageToken: "" });
    expect(list("false").items.map((d) => d.uuid)).toEqual([D1]);
    expect(list("true")).toEqual({
      items: [
        { uuid: D1, displayName: "D1", groupUuid: A },
        { uuid: D2, displayName: "D2", groupUuid: B },
      ],
      nextPageToken: "",
      totalSize: 2,
    });
  });
});

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
    expect(outcome(() => run(exampleTree(), uuid))).toBe(expected);
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
    const cloud = exampleTree();
    const before = cloud.tenant("demo").groups.size;
    expect(outcome(() => cloud.createGroup("demo", request))).toBe(expected);
    expect(cloud.tenant("demo").groups.size).toBe(expected === "ok" ? before + 1 : before);
  });

  test("honours an unused client uuid, or assigns its own when told to ignore it", () => {
    const cloud = exampleTree();
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
    const cloud = exampleTree();
    cloud.rules = { ...cloud.rules, deletedUuidReuse: mode };
    cloud.deleteGroup("demo", EMEA, false);
    expect(
      outcome(() =>
        cloud.createGroup("demo", { displayName: "Berlin", parentGroupUuid: SALES, uuid: BERLIN }),
      ),
    ).toBe(expected);
  });

  test("allows duplicate sibling names when switched on", () => {
    const cloud = exampleTree();
    cloud.rules = { ...cloud.rules, allowDuplicateSiblingNames: true };
    expect(outcome(() => cloud.createGroup("demo", { displayName: "EMEA", parentGroupUuid: SALES }))).toBe(
      "ok",
    );
  });

  test("returns the group in asset-management vocabulary", () => {
    const group = exampleTree().createGroup("demo", {
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
      externalReference: "",
      externalType: "EXTERNAL_ASSET_TYPE_UNSPECIFIED",
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
    const cloud = exampleTree();
    const known = uuid !== NOPE;
    const before = known && parentOf(cloud, uuid);
    expect(outcome(() => cloud.moveGroup("demo", uuid, parent))).toBe(expected);
    if (known) expect(parentOf(cloud, uuid)).toBe(expected === "ok" ? parent : before);
  });

  test("refuses a static group whose subtree holds a linked group, naming it", () => {
    const cloud = exampleTree();
    cloud.console.moveGroup("demo", ACME, EMEA);
    expect(outcome(() => cloud.moveGroup("demo", SALES, LOST))).toBe(
      `refused: group "Sales" (${SALES}) cannot be moved: its subgroup group "Acme" (${ACME}) is linked to an entity (${CUSTOMER})`,
    );
  });

  test("refuses a move that would make sibling names clash, ignoring the group itself", () => {
    const cloud = exampleTree();
    const EMEA2 = uuidOf("emea2");
    cloud.createGroup("demo", { uuid: EMEA2, displayName: "EMEA", parentGroupUuid: ALL });
    expect(outcome(() => cloud.moveGroup("demo", EMEA, ALL))).toBe(
      `refused: group "All" (${ALL}) already has a subgroup named "EMEA" (${EMEA2})`,
    );
    expect(parentOf(cloud, EMEA)).toBe(SALES);
  });

  test("keeps the subtree and its devices with the moved group", () => {
    const cloud = exampleTree();
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
    const cloud = exampleTree();
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
    const cloud = exampleTree();
    expect(outcome(() => cloud.deleteGroup("demo", uuid, false))).toBe(expected);
    if (uuid !== NOPE) expect(cloud.tenant("demo").groups.has(uuid)).toBe(expected !== "ok");
  });

  test("removes the whole subtree and its devices, and records what went", () => {
    const cloud = exampleTree();
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
    const cloud = exampleTree();
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
    const cloud = exampleTree();
    const result = outcome(() => cloud.deleteGroup("demo", BERLIN, flag));
    expect(
      result === "ok" ? String(cloud.state().tenants[0].deletions[0].releaseConsumedUnits) : result,
    ).toBe(expected);
  });
});
