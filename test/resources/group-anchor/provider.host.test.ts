// A GroupAnchor only reads: found in check (so a missing, renamed or moved anchor fails the
// preview), read again by create, reported gone by refresh, and deleted without any call.
import * as pulumi from "@pulumi/pulumi";
import { groupAnchorProvider } from "../../../provider/resources/serialized-providers";
import { startWorld, useWorld } from "../world";
import { ACME, BERLIN, linkedTenant } from "../linked-tenant";

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();
const { calls, seedAcme } = linkedTenant(t);

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
