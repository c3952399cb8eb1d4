// Linked groups (customer, MSP, site, household, external container) and All / Lost & found are
// never managed by a Group: refused in check (preview) and again before any write; a Group that an
// older version recorded as linked is dropped by destroy without a DELETE. Exact messages.
import * as pulumi from "@pulumi/pulumi";
import { groupAnchorProvider } from "../../provider/resources/serialized-providers";
import { create, startWorld, useWorld } from "./world";

const ALL = "00000000-0000-0000-7001-000000000001";
const ACME = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a01";
const BERLIN = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a02";
const t = useWorld();

/** Calls other than sign-in since the last clear, as "METHOD path". */
async function calls(): Promise<string[]> {
  return (await t.emulator().requests())
    .filter((r) => r.path !== "/oauth/token")
    .map((r) => `${r.method} ${r.path}`);
}

async function seedAcme(): Promise<void> {
  await t.seed([
    { uuid: ACME, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
    {
      uuid: BERLIN,
      displayName: "Berlin",
      parentGroupUuid: ACME,
      linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
    },
  ]);
  await t.emulator().clearRequests();
}

const LINKED_INPUT = (type: string) =>
  `is ${type}: ESET creates linked groups (customer, MSP, site, household, external container) itself, ` +
  "for example when a customer is onboarded, and ESET Connect cannot create, rename, move or delete them. " +
  "A Group manages a static group only: leave linkedEntityType out (default GROUP_ENTITY_TYPE_UNSPECIFIED), " +
  "and refer to the existing linked group as an anchor (GroupAnchor, or anchor: true in a hierarchy) " +
  "to put Groups below it.";

/** check (preview) of a Group adopting `uuid` under All. */
const checkAdoption = (uuid: string, displayName = "X") =>
  t
    .world()
    .host.check(
      {},
      { displayName, parentGroupUuid: ALL, existingUuid: uuid, __provider: t.world().providers.group },
    );

/** The refusal of adopting Lost & found, listed at `path` below All. */
const LOST_AND_FOUND_REFUSAL = (path: string, uuid: string) =>
  `is ESET's special group "All / ${path}" (${uuid}), which ESET Connect cannot ` +
  "rename, move or delete, so a Group cannot manage it. Remove existingUuid; to refer to the group, use a GroupAnchor.";

describe("Group refuses linked groups", () => {
  it.each([
    ["CUSTOMER", "GROUP_ENTITY_TYPE_CUSTOMER"],
    ["DEVICE_GROUP_ENTITY_TYPE_COMPANY", "GROUP_ENTITY_TYPE_CUSTOMER"],
    ["GROUP_ENTITY_TYPE_SITE", "GROUP_ENTITY_TYPE_SITE"],
    ["GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER", "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER"],
  ])("refuses linkedEntityType %s in check, with no API call", async (given, full) => {
    await t.emulator().clearRequests();
    const checked = await t.world().host.check(
      {},
      {
        displayName: "Acme",
        parentGroupUuid: ALL,
        linkedEntityType: given,
        __provider: t.world().providers.group,
      },
    );
    expect(checked.failures).toEqual([{ property: "linkedEntityType", reason: LINKED_INPUT(full) }]);
    expect(await calls()).toEqual([]);
  });

  it("still accepts linkedEntityType UNSPECIFIED, so older programs run", async () => {
    const sales = await create(t.world(), "group", {
      displayName: "Sales",
      parentGroupUuid: ALL,
      linkedEntityType: "UNSPECIFIED",
    });
    expect(sales.outputs.linkedEntityType).toBe("GROUP_ENTITY_TYPE_UNSPECIFIED");
  });

  it("refuses to adopt a linked group in check (preview), reading the tree only", async () => {
    await seedAcme();
    const checked = await checkAdoption(ACME, "Acme");
    expect(checked.failures).toEqual([
      {
        property: "existingUuid",
        reason:
          `is "All / Acme" (${ACME}), a group linked to an ESET entity (GROUP_ENTITY_TYPE_CUSTOMER): ESET governs ` +
          "its life cycle and ESET Connect cannot rename, move or delete it, so a Group cannot manage it. Remove " +
          "existingUuid. To put Groups below it, refer to it as an anchor (GroupAnchor with uuid: " +
          `"${ACME}", or anchor: true in a hierarchy), or set parentGroupUuid: "${ACME}" on those Groups.`,
      },
    ]);
    // The delete's shared listing (tenant devices, then groups) and no write at all.
    expect((await calls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  });

  it("refuses to adopt Lost & found or All", async () => {
    const lostAndFound = t.emulator().lostAndFoundUuid;
    const check = (uuid: string) => checkAdoption(uuid);
    expect((await check(lostAndFound)).failures).toEqual([
      {
        property: "existingUuid",
        reason: LOST_AND_FOUND_REFUSAL("Lost & found", lostAndFound),
      },
    ]);
    expect((await check(ALL)).failures).toEqual([
      {
        property: "existingUuid",
        reason: "must differ from parentGroupUuid: a group cannot be its own parent",
      },
    ]);
  });

  // ESET does not say what Lost & found is called in a tenant: the English console's name, the
  // spec's "Lost&Found", or whatever an admin renamed it to in the console (and All itself is
  // localised, "Tous" in a French tenant). The emulator plays each; the refusal must not depend on it.
  it.each(["Lost&Found", "  lost and found ", "Perdus et trouvés"])(
    "refuses to adopt Lost & found renamed in the console to %j, with no API write",
    async (name) => {
      const lostAndFound = t.emulator().lostAndFoundUuid;
      await t.emulator().console.renameGroup(lostAndFound, name);
      await t.emulator().clearRequests();
      const checked = await checkAdoption(lostAndFound);
      expect(checked.failures).toEqual([
        { property: "existingUuid", reason: LOST_AND_FOUND_REFUSAL(name, lostAndFound) },
      ]);
      expect((await calls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
    },
  );

  it("refuses the adoption again in create, before any write", async () => {
    await seedAcme();
    const inputs = {
      displayName: "Acme Corp",
      parentGroupUuid: ALL,
      description: "",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
      releaseConsumedUnitsOnDelete: false,
      forceDestroy: false,
      allowReplace: false,
      existingUuid: ACME,
      __provider: t.world().providers.group,
    };
    await expect(t.world().host.create(inputs)).rejects.toThrow(
      `group "Acme Corp" (${ACME}): existingUuid is "All / Acme" (${ACME}), a group linked to an ESET entity`,
    );
    expect((await calls()).filter((c) => !c.startsWith("GET"))).toEqual([]);
  });

  it("tells a stack whose state holds a linked Group how to get out of it", async () => {
    const olds = {
      displayName: "Acme",
      parentGroupUuid: ALL,
      description: "",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
      releaseConsumedUnitsOnDelete: false,
      forceDestroy: false,
      allowReplace: false,
    };
    const checked = await t.world().host.check(olds, {
      displayName: "Acme",
      parentGroupUuid: ALL,
      __provider: t.world().providers.group,
    });
    expect(checked.failures).toEqual([
      {
        property: "linkedEntityType",
        reason:
          "was recorded as GROUP_ENTITY_TYPE_CUSTOMER by an earlier version of pulumi-eset-connect, but ESET Connect " +
          "cannot rename, move or delete a linked group, so a Group cannot manage it. Replace this Group in the " +
          "program with a GroupAnchor (anchor: true in a hierarchy) that refers to the same group: removing the " +
          "Group only drops it from the stack (its delete never calls ESET for a linked group), and the Groups " +
          "below keep their place.",
      },
    ]);
  });

  it("destroys a Group that state records for a linked group without any DELETE, keeping it and its content", async () => {
    await seedAcme();
    const outputs = {
      uuid: ACME,
      displayName: "Acme",
      parentGroupUuid: ALL,
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
      existingUuid: ACME,
      __provider: t.world().providers.group,
    };
    await t.world().host.delete(ACME, outputs);
    // The delete's shared listing (tenant devices, then groups) and no write at all.
    expect((await calls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
    expect((await t.liveGroups()).map((g) => g.uuid)).toEqual(expect.arrayContaining([ACME, BERLIN]));
    expect(t.world().host.output().stdout).toContain(
      `eset-connect: group "Acme" (${ACME}): not deleted: it is linked to an ESET entity (GROUP_ENTITY_TYPE_CUSTOMER), ` +
        "which ESET Connect cannot delete; the stack forgets it and ESET keeps it as it is",
    );
  });
});

describe("GroupAnchor", () => {
  let anchorProvider: string;
  beforeAll(async () => {
    anchorProvider = (
      await pulumi.runtime.serializeFunction(() => groupAnchorProvider, { allowSecrets: true })
    ).text;
  });
  const check = (news: Record<string, unknown>) =>
    t.world().host.check({}, { ...news, __provider: anchorProvider });
  const found = {
    uuid: BERLIN,
    displayName: "Berlin",
    parentGroupUuid: ACME,
    linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
    path: "Acme/Berlin",
  };

  it.each([
    ["its uuid", { uuid: BERLIN }],
    ["its path", { path: "Acme/Berlin" }],
    ["its path with a leading All/", { path: "All/Acme/Berlin" }],
    ["its name below its parent", { displayName: "Berlin", parentGroupUuid: ACME }],
    [
      "its uuid, with the matching name and parent",
      { uuid: BERLIN, displayName: "Berlin", parentGroupUuid: ACME },
    ],
  ])("finds the group by %s in check, so its uuid is known in preview", async (_what, news) => {
    await seedAcme();
    const checked = await check(news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toEqual({ ...found, __provider: anchorProvider });
    // The delete's shared listing (tenant devices, then groups) and no write at all.
    expect((await calls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  });

  it.each([
    [
      "a missing uuid",
      { uuid: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3aff" },
      "uuid",
      "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3aff is not a group of this tenant: the anchored group is missing (deleted in " +
        "ESET, or a wrong uuid). Fix the uuid (`eset-connect tree` lists the groups); an anchor refers to an existing " +
        "group and is never created, renamed, moved or deleted by this stack.",
    ],
    [
      "a path that matches nothing",
      { path: "Acme/Munich" },
      "path",
      '"Acme/Munich" matches no group of this tenant: the anchored group is missing, or was renamed or moved in ESET. ' +
        "Fix the path (`eset-connect tree` lists the groups); an anchor refers to an existing group and is never " +
        "created, renamed, moved or deleted by this stack.",
    ],
    [
      "a renamed group",
      { uuid: BERLIN, displayName: "Berlin Mitte" },
      "displayName",
      `is "Berlin Mitte", but the anchored group ${BERLIN} is called "Berlin" in ESET (renamed there?): an anchor ` +
        'refers to an existing group and is never created, renamed, moved or deleted by this stack. Write "Berlin" ' +
        "(in a hierarchy: its name), or rename the group back in ESET.",
    ],
    [
      "a name missing below the parent",
      { displayName: "Berlin Mitte", parentGroupUuid: ACME },
      "displayName",
      `no group named "Berlin Mitte" is below "Acme" (${ACME}): the anchored group is missing, or was renamed or ` +
        "moved in ESET. Write its current name and place (`eset-connect tree` lists the groups); an anchor refers " +
        "to an existing group and is never created, renamed, moved or deleted by this stack.",
    ],
    [
      "a moved group",
      { uuid: BERLIN, parentGroupUuid: ALL },
      "parentGroupUuid",
      `is ${ALL}, but the anchored group "Acme/Berlin" (${BERLIN}) sits below "Acme" (${ACME}) in ESET (moved ` +
        "there?): an anchor refers to an existing group and is never created, renamed, moved or deleted by this " +
        "stack. Declare it under its current parent, or move the group back in ESET.",
    ],
    [
      "no way to find the group",
      { displayName: "Berlin" },
      "uuid",
      "is required unless path, or displayName with parentGroupUuid, names the group: give the uuid of the existing " +
        "group to refer to (`eset-connect tree` lists them)",
    ],
    [
      "both uuid and path",
      { uuid: BERLIN, path: "Acme/Berlin" },
      "path",
      "must be left out when uuid is given: an anchor names its group by uuid, by path, or by displayName below parentGroupUuid",
    ],
  ])("fails check for %s, naming the input and the fix", async (_what, news, property, reason) => {
    await seedAcme();
    expect((await check(news)).failures).toEqual([{ property, reason }]);
    expect((await calls()).filter((c) => !c.startsWith("GET"))).toEqual([]);
  });

  it("creates, refreshes and deletes without a single write; delete makes no call at all", async () => {
    await seedAcme();
    const checked = await check({ path: "Acme/Berlin" });
    const created = await t.world().host.create(checked.inputs);
    expect(created.id).toBe(BERLIN);
    expect(created.properties).toEqual({ ...found, __provider: anchorProvider });
    const read = await t.world().host.read(BERLIN, created.properties, checked.inputs);
    expect(read.properties).toEqual(created.properties);
    expect((await calls()).filter((c) => !c.startsWith("GET"))).toEqual([]);
    await t.emulator().clearRequests();
    await t.world().host.delete(BERLIN, created.properties);
    expect(await t.emulator().requests()).toEqual([]);
    expect((await t.liveGroups()).map((g) => g.uuid)).toContain(BERLIN);
  });

  it("reports a group deleted in ESET as gone on refresh", async () => {
    await seedAcme();
    const checked = await check({ uuid: BERLIN });
    const created = await t.world().host.create(checked.inputs);
    await t.emulator().reset();
    // A refresh is a new pulumi run: a new host, without this one's tree snapshot.
    const world = await startWorld(t.emulator());
    try {
      const read = await world.host.read(BERLIN, created.properties, checked.inputs);
      expect(read.id ?? "").toBe("");
    } finally {
      await world.close();
    }
  });
});
