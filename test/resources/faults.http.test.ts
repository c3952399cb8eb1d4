/**
 * Emulator faults on every path the provider takes: each test scripts faults for one call, runs
 * the operation through the resources' methods in this process (in-process.ts: retries and
 * pending polls on a fake clock), and checks the live result and that the faults were hit.
 */
import type { FaultKind } from "../../emulator";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { describeEachUserErrorMode, userErrorSettings } from "../support/user-error-modes";
import { uuidOf } from "../support/uuids";
import { InProcess, inProcess } from "./in-process";

const EMEA_UUID = uuidOf("emea");
const ALL = "00000000-0000-0000-7001-000000000001";

/** The block's user-error mode (describeEachUserErrorMode); no 429 but the scripted ones (the emulator's window is real time). */
const settings = () => ({ ...userErrorSettings(), rateLimit: { perSecond: 1000 } });
let emulator: TestEmulator;
let run: InProcess;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: settings() });
});
afterAll(() => emulator?.close());
beforeEach(async () => {
  await emulator.reset();
  await emulator.settings(settings());
  run = inProcess(emulator);
});

const t = {
  emulator: () => emulator,
  liveGroups: async () =>
    (await emulator.state()).tenants.find((x) => x.id === emulator.tenant)?.groups ?? [],
  deletions: async () =>
    (await emulator.state()).tenants.find((x) => x.id === emulator.tenant)?.deletions ?? [],
  seed: (groups: { uuid: string; displayName: string }[]) =>
    emulator.seed({ tenants: [{ id: emulator.tenant, groups, devices: [] }] }),
};

async function script(kind: FaultKind, method: string, path: string, count = 1) {
  await t.emulator().settings({ faults: { script: [{ kind, method, path, count }] } });
}

const withoutUuids = (path: string) => path.replace(/[0-9a-f-]{36}/g, "<uuid>");

/** The faults the emulator injected, as `kind METHOD path`. */
async function faultsHit() {
  return (await t.emulator().requests())
    .filter((r) => r.fault)
    .map((r) => `${r.fault} ${r.method} ${withoutUuids(r.path)}`);
}

/** Proves the scripted fault was injected (a pending answer is logged as pending, not as a fault). */
async function expectHit(kind: FaultKind, method: string, path: string) {
  const requests = await t.emulator().requests();
  if (kind === "pending") {
    expect(requests.some((r) => r.pending && r.method === method && withoutUuids(r.path) === path)).toBe(
      true,
    );
  } else {
    expect(await faultsHit()).toEqual([`${kind} ${method} ${path}`]);
  }
}

const groupsNamed = async (name: string) => (await t.liveGroups()).filter((g) => g.displayName === name);

describe("faults on create", () => {
  it.each<[FaultKind, number]>([
    ["500", 1],
    ["503", 2],
    ["drop", 1],
    ["429", 2],
    ["500-after", 1],
    ["drop-after", 1],
    ["504-after", 1],
  ])("%s (x%d) still makes exactly one group, whose uuid the resource keeps", async (kind, count) => {
    await script(kind, "POST", "/v1/groups", count);
    const sales = await run.create("group", { displayName: "Sales", parentGroupUuid: ALL });
    const live = await groupsNamed("Sales");
    expect(live.map((g) => g.uuid)).toEqual([sales.id]);
    expect(await faultsHit()).toEqual(Array(count).fill(`${kind} POST /v1/groups`));
  });

  it("waits out a pending (202) create and keeps the result", async () => {
    await script("pending", "POST", "/v1/groups");
    const sales = await run.create("group", { displayName: "Sales", parentGroupUuid: ALL });
    expect((await groupsNamed("Sales")).map((g) => g.uuid)).toEqual([sales.id]);
    await expectHit("pending", "POST", "/v1/groups");
  });

  it("survives a failed sign-in attempt", async () => {
    await script("502", "POST", "/oauth/token");
    const sales = await run.create("group", { displayName: "Sales", parentGroupUuid: ALL });
    expect((await groupsNamed("Sales")).map((g) => g.uuid)).toEqual([sales.id]);
    expect(await faultsHit()).toEqual(["502 POST /oauth/token"]);
  });

  it("survives a failed listing before the create", async () => {
    await script("503", "GET", "/v1/device_groups");
    const sales = await run.create("group", { displayName: "Sales", parentGroupUuid: ALL });
    expect((await groupsNamed("Sales")).map((g) => g.uuid)).toEqual([sales.id]);
    expect(await faultsHit()).toEqual(["503 GET /v1/device_groups"]);
  });
});

describe("faults on update, read and delete", () => {
  const declared = { displayName: "Sales", parentGroupUuid: ALL };

  it.each<[FaultKind, string]>([
    ["502-after", ":move"],
    ["drop", ":move"],
    ["504-after", ":rename"],
    ["drop-after", ":rename"],
    ["pending", ":rename"],
  ])("%s on %s: the rename and move still both land", async (kind, call) => {
    await t.seed([{ uuid: EMEA_UUID, displayName: "EMEA" }]);
    const sales = await run.create("group", declared);
    await t.emulator().clearRequests();
    await script(kind, "POST", call);
    const after = await run.update(sales, { displayName: "Sales EU", parentGroupUuid: EMEA_UUID });
    expect((await t.liveGroups()).find((g) => g.uuid === sales.id)).toMatchObject({
      displayName: "Sales EU",
      parentGroupUuid: EMEA_UUID,
    });
    expect(after.outputs).toMatchObject({ displayName: "Sales EU", parentGroupUuid: EMEA_UUID });
    await expectHit(kind, "POST", `/v1/groups/<uuid>${call}`);
  });

  it.each<FaultKind>(["500", "drop", "pending"])(
    "%s on the listing: refresh still reads the group",
    async (kind) => {
      const sales = await run.create("group", declared);
      // A new run: its first read lists the tree afresh, as a new `pulumi refresh` does.
      const refreshing = inProcess(t.emulator());
      await script(kind, "GET", "/v1/device_groups");
      expect((await refreshing.refresh(sales))?.outputs.displayName).toBe("Sales");
      await expectHit(kind, "GET", "/v1/device_groups");
    },
  );

  it("503 on the device listing before a delete: still checked, then deleted", async () => {
    const sales = await run.create("group", declared);
    await script("503", "GET", "/devices");
    await run.delete(sales);
    expect(await groupsNamed("Sales")).toEqual([]);
    expect(await faultsHit()).toEqual(["503 GET /v1/device_groups/<uuid>/devices"]);
  });
});

describe("faults on GpoSccmFile", () => {
  it.each<FaultKind>(["500", "drop", "pending", "502-after"])(
    "%s on generate: one file comes back",
    async (kind) => {
      await script(kind, "POST", "/v1/gpo-sccm-files:generate");
      const file = await run.create("gpoSccmFile", {});
      expect(file.outputs.content).toContain("P_ENABLE_TELEMETRY=0\r\n");
      await expectHit(kind, "POST", "/v1/gpo-sccm-files:generate");
    },
  );
});

describeEachUserErrorMode("faults on delete, where the repeated DELETE meets a user error", () => {
  const declared = { displayName: "Sales", parentGroupUuid: ALL };

  it.each<FaultKind>(["500", "504-after", "drop-after"])(
    "%s on DELETE: the group is deleted once",
    async (kind) => {
      const sales = await run.create("group", declared);
      await script(kind, "DELETE", "/v1/groups/");
      await run.delete(sales);
      expect(await groupsNamed("Sales")).toEqual([]);
      expect(await t.deletions()).toHaveLength(1);
      expect(await faultsHit()).toEqual([`${kind} DELETE /v1/groups/<uuid>`]);
    },
  );
});
