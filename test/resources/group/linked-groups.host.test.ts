// Linked groups (customer, MSP, site, household, external container) and All / Lost & found are
// never managed by a Group: refused in check (preview) and again before any write; a Group that an
// older version recorded as linked is dropped by destroy without a DELETE. Exact messages.
import { create, useWorld } from "../world";
import { ACME, BERLIN, linkedTenant } from "../linked-tenant";

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();
const { calls, seedAcme } = linkedTenant(t);

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
