/**
 * The lifecycle, hierarchy and drift decisions under each candidate of ESET's wire that nothing
 * public settles (docs/emulator.md, "ESET's wire and its unknowns"): zero values left out or sent,
 * linked groups' `isSecurityGroup` true, false or missing, and a member listing that lags 5 s.
 * One in-process pass per candidate (in-process.ts: the resources' methods over a fake clock), so
 * the table costs seconds, not the engine runs of test/engine/lifecycle.engine.test.ts, which run
 * under the emulator's default (omit, true, no lag) and make the same decisions through the engine.
 */
import type { EmulatorSettingsPatch } from "../../emulator";
import { LiveTree } from "../../provider/client/live-tree";
import { declareHierarchy } from "../../provider/hierarchy/declared";
import { planHasChanges, planHierarchy } from "../../provider/hierarchy/plan";
import { groupAnchorMethods } from "../../provider/resources/group-anchor/provider";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { uuidOf } from "../support/uuids";
import { inProcess } from "./in-process";

const MSP = uuidOf("wire-msp");
const SITE = uuidOf("wire-site");
const PC = uuidOf("wire-pc");

const CANDIDATES: { name: string; settings: EmulatorSettingsPatch }[] = [
  { name: "jsonZeroValues omit", settings: { jsonZeroValues: "omit" } },
  { name: "jsonZeroValues emit", settings: { jsonZeroValues: "emit" } },
  { name: "linkedSecurityGroup true", settings: { linkedSecurityGroup: "true" } },
  { name: "linkedSecurityGroup false", settings: { linkedSecurityGroup: "false" } },
  { name: "linkedSecurityGroup absent", settings: { linkedSecurityGroup: "absent" } },
  { name: "membershipLagSeconds 5", settings: { membershipLagSeconds: 5 } },
];

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 1000 } } });
});
afterAll(() => emulator.close());

const liveUuids = async () =>
  ((await emulator.state()).tenants.find((t) => t.id === emulator.tenant)?.groups ?? []).map((g) => g.uuid);

describe.each(CANDIDATES)("the lifecycle with $name", ({ settings }) => {
  beforeEach(async () => {
    await emulator.reset();
    await emulator.settings({ rateLimit: { perSecond: 1000 }, ...settings });
    // What ESET creates for an MSP's customer site: linked groups, anchors for the stack.
    await emulator.console.createGroup({
      uuid: MSP,
      displayName: "Reseller",
      linkedEntityType: "GROUP_ENTITY_TYPE_MSP",
    });
    await emulator.console.createGroup({
      uuid: SITE,
      displayName: "Acme Berlin",
      parentGroupUuid: MSP,
      linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
    });
  });

  it("anchors a linked site; creates, renames and moves below it; plans no change; sees drift; deletes only what holds nothing", async () => {
    const run = inProcess(emulator);
    const anchor = groupAnchorMethods(() => run.client);
    const anchored = await anchor.check!(
      {},
      { uuid: SITE, displayName: "Acme Berlin", parentGroupUuid: MSP },
    );
    expect(anchored.failures ?? []).toEqual([]);
    expect((await anchor.create(anchored.inputs!)).outs).toMatchObject({ uuid: SITE });

    const sales = await run.create("group", { displayName: "Sales", parentGroupUuid: SITE });
    const team = await run.create("group", { displayName: "Team", parentGroupUuid: sales.id });
    const renamed = await run.update(sales, { displayName: "Sales EU", parentGroupUuid: SITE });
    const moved = await run.update(team, { displayName: "Team", parentGroupUuid: SITE });
    expect(renamed.id).toBe(sales.id);
    expect(moved.outputs).toMatchObject({ parentGroupUuid: SITE });

    // The hierarchy's plan over the same listing: declared as applied, so nothing to do.
    const declared = declareHierarchy({
      parent: SITE,
      groups: [
        { name: "Sales EU", key: "sales" },
        { name: "Team", key: "team" },
      ],
    });
    const live = new LiveTree(await run.client.listDeviceGroups());
    expect(live.pathOf(moved.id)).toBe("Reseller/Acme Berlin/Team");
    const plan = planHierarchy(declared, live, {
      rootUuid: SITE,
      knownUuids: { sales: sales.id, team: team.id },
    });
    expect(plan.changes).toEqual([]);
    expect(planHasChanges(plan)).toBe(false);

    // Drift made by hand is what a new run's refresh reads.
    await emulator.console.renameGroup(sales.id, "Sales (by hand)");
    const refreshed = await inProcess(emulator).refresh(renamed);
    expect(refreshed?.outputs).toMatchObject({ displayName: "Sales (by hand)", parentGroupUuid: SITE });

    // A device that joined moments ago stops the delete (also while the member listing lags).
    await emulator.console.addDevice({ uuid: PC, displayName: "pc-team", groupUuid: moved.id });
    const later = inProcess(emulator);
    await expect(later.delete(moved)).rejects.toThrow('still contains 1 device ("pc-team")');
    await later.delete(refreshed!);
    expect(await liveUuids()).toEqual(expect.arrayContaining([MSP, SITE, moved.id]));
    expect(await liveUuids()).not.toContain(sales.id);
  });
});
