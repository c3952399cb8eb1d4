import { describeEachUserErrorMode } from "../../support/user-error-modes";
import { startRefusingProxy } from "../refusing-proxy";
import { Stored, create, previewDiff, refresh, startWorld, update, useWorld } from "../world";
import { uuidOf } from "../../support/uuids";
const EMEA_UUID = uuidOf("emea");
const HAND_MADE_UUID = uuidOf("hand-made");

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();
const declared = { displayName: "Sales", parentGroupUuid: ALL, description: "Sales team" };

/** A new host, so that its first read lists the tree afresh (as a new `pulumi refresh` does). */
async function refreshInNewHost(stored: Stored) {
  const world = await startWorld(t.emulator());
  try {
    return { stored: await refresh(world, stored), world };
  } finally {
    await world.close();
  }
}

describe("Group read (refresh)", () => {
  it("reports no change right after create", async () => {
    const sales = await create(t.world(), "group", { ...declared, linkedEntityType: "UNSPECIFIED" });
    const { stored } = await refreshInNewHost(sales);
    expect(stored).toEqual(sales);
    const diff = await previewDiff(t.world(), stored as Stored, {
      ...declared,
      linkedEntityType: "UNSPECIFIED",
    });
    expect(diff).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("shows a rename made in the console as drift, and the next up renames it back", async () => {
    await t.seed([{ uuid: HAND_MADE_UUID, displayName: "Hand made" }]);
    const sales = await create(t.world(), "group", { ...declared, existingUuid: HAND_MADE_UUID });
    await t.resetEmulator();
    await t.seed([{ uuid: HAND_MADE_UUID, displayName: "Renamed in console" }]);
    const { stored } = await refreshInNewHost(sales);
    expect(stored?.outputs).toMatchObject({ displayName: "Renamed in console", description: "Sales team" });
    expect(stored?.inputs).toMatchObject({ displayName: "Renamed in console", description: "Sales team" });
    const diff = await previewDiff(t.world(), stored as Stored, {
      ...declared,
      existingUuid: HAND_MADE_UUID,
    });
    expect(diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const repaired = await update(t.world(), stored as Stored, { ...declared, existingUuid: HAND_MADE_UUID });
    expect(repaired.outputs).toMatchObject({ displayName: "Sales" });
    expect((await t.liveGroups()).find((g) => g.uuid === HAND_MADE_UUID)?.displayName).toBe("Sales");
  });

  it("shows a move made in the console as drift", async () => {
    await t.seed([{ uuid: EMEA_UUID, displayName: "EMEA" }]);
    const sales = await create(t.world(), "group", declared);
    // Moved behind the stack's back: `sales` still says it sits under All.
    await update(t.world(), sales, { ...declared, parentGroupUuid: EMEA_UUID });
    const { stored } = await refreshInNewHost(sales);
    expect(stored?.outputs.parentGroupUuid).toBe(EMEA_UUID);
    expect(stored?.inputs.parentGroupUuid).toBe(EMEA_UUID);
    expect(await previewDiff(t.world(), stored as Stored, declared)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("serves many reads from one listing", async () => {
    const groups = [];
    for (const name of ["A", "B", "C", "D"]) {
      groups.push(await create(t.world(), "group", { displayName: name, parentGroupUuid: ALL }));
    }
    const world = await startWorld(t.emulator());
    try {
      await t.emulator().clearRequests();
      const refreshed = await Promise.all(groups.map((g) => refresh(world, g)));
      expect(refreshed.map((r) => r?.outputs.displayName)).toEqual(["A", "B", "C", "D"]);
      const listings = (await t.emulator().requests()).filter((r) => r.path === "/v1/device_groups");
      expect(listings).toHaveLength(1);
    } finally {
      await world.close();
    }
  });
});

describeEachUserErrorMode("Group read (refresh), where ESET refuses", () => {
  it("reports a group deleted outside Pulumi as gone", async () => {
    const sales = await create(t.world(), "group", declared);
    await t.resetEmulator();
    const { stored } = await refreshInNewHost(sales);
    expect(stored).toBeUndefined();
  });

  it("fails on 403 instead of reporting the group gone", async () => {
    const sales = await create(t.world(), "group", declared);
    const proxy = await startRefusingProxy(t.emulator().url);
    const emulator = t.emulator();
    const world = await startWorld(emulator, {
      config: {
        "eset:endpoint": proxy.url,
        "eset:username": emulator.username,
        "eset:password": emulator.password,
      },
    });
    try {
      proxy.refuse({ method: "GET", path: "/v1/device_groups", status: 403, message: "permission denied" });
      await expect(refresh(world, sales)).rejects.toThrow(
        /^403 Access denied while listing device groups: the API user lacks permission \(ESET: permission denied\) \(request-id proxy-refusal\)$/,
      );
    } finally {
      await world.close();
      await proxy.close();
    }
  });
});
