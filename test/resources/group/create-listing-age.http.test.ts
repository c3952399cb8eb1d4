/**
 * Creates are checked against one listing up to a minute old (freshness.ts, CREATE_CHECK_MAX_AGE_MS),
 * so a slow `up` does not list the tree again every few seconds; whatever that listing says that
 * would decide something (a same-named group, a group taken as made by an earlier run) is confirmed
 * on a listing of this second first. Through the resources' methods in this process, on a fake clock.
 */
import { EsetConnectClient } from "../../../provider/client";
import { clientUuidCandidates } from "../../../provider/client/client-uuid";
import { CREATE_CHECK_MAX_AGE_MS } from "../../../provider/client/freshness";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { asGroupClassDeclares } from "../declared";
import { inProcess, type InProcess } from "../in-process";

const ALL = "00000000-0000-0000-7001-000000000001";

let emulator: TestEmulator;
let run: InProcess;
let byHand: EsetConnectClient;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 1000 } } });
});
afterAll(() => emulator?.close());
beforeEach(async () => {
  await emulator.reset();
  await emulator.settings({ rateLimit: { perSecond: 1000 } });
  run = inProcess(emulator);
  // Changes made by hand (the console): another client, which shares nothing with the run's.
  byHand = new EsetConnectClient(
    { endpoint: emulator.url, username: emulator.username, password: emulator.password },
    { notice: () => undefined, log: () => undefined },
  );
});

const listings = async () =>
  (await emulator.requests()).filter((r) => r.method === "GET" && r.path === "/v1/device_groups").length;
const liveUnderAll = async () =>
  (await emulator.state()).tenants
    .find((t) => t.id === emulator.tenant)!
    .groups.filter((g) => g.parentGroupUuid === ALL)
    .map((g) => g.displayName)
    .sort();
const advance = (ms: number) => (run.clock.time += ms);

it("creates spread over a minute share one listing; the next minute lists once more", async () => {
  await emulator.clearRequests();
  await run.create("group", { displayName: "A", parentGroupUuid: ALL });
  advance(30_000);
  await run.create("group", { displayName: "B", parentGroupUuid: ALL });
  advance(CREATE_CHECK_MAX_AGE_MS - 30_000);
  await run.create("group", { displayName: "C", parentGroupUuid: ALL });
  expect(await listings()).toBe(1);
  advance(1);
  await run.create("group", { displayName: "D", parentGroupUuid: ALL });
  expect(await listings()).toBe(2);
  expect(await liveUnderAll()).toEqual(["A", "B", "C", "D", "Lost & found"]);
});

it("a child is checked against the listing its parent's create was recorded into", async () => {
  const a = await run.create("group", { displayName: "A", parentGroupUuid: ALL });
  advance(20_000);
  await emulator.clearRequests();
  await run.create("group", { displayName: "A1", parentGroupUuid: a.id });
  // The parent is in the listing (this client's own write), so no listing is needed to find it.
  expect(await listings()).toBe(0);
});

it("a same-named group seen in an older listing but renamed by hand since is confirmed gone, then created", async () => {
  const sales = await byHand.createGroup({ displayName: "Sales", parentGroupUuid: ALL });
  await run.create("group", { displayName: "A", parentGroupUuid: ALL }); // the listing shows Sales
  await byHand.renameGroup(sales.uuid, "Sales (old)");
  advance(10_000);
  const created = await run.create("group", { displayName: "Sales", parentGroupUuid: ALL });
  expect(created.id).not.toBe(sales.uuid);
  expect(await liveUnderAll()).toEqual(["A", "Lost & found", "Sales", "Sales (old)"]);
});

it("a same-named group made by hand after the listing: ESET's refusal is judged on a fresh one, naming it", async () => {
  await run.create("group", { displayName: "A", parentGroupUuid: ALL }); // the listing: no Sales
  const sales = await byHand.createGroup({ displayName: "Sales", parentGroupUuid: ALL });
  advance(10_000);
  await expect(run.create("group", { displayName: "Sales", parentGroupUuid: ALL })).rejects.toThrow(
    `a group with this name already exists under "All" (${ALL}): ${sales.uuid}`,
  );
  expect(await liveUnderAll()).toEqual(["A", "Lost & found", "Sales"]);
});

it("a group an earlier run made, seen in an older listing but deleted by hand since, is created again", async () => {
  // The second resource of the run is named group-2 (in-process.ts): its derived uuid.
  const clientUuid = asGroupClassDeclares({}, "group-2").clientUuid as string;
  const [first] = clientUuidCandidates(clientUuid);
  await byHand.createGroup({ displayName: "Munich", parentGroupUuid: ALL, uuid: first });
  await run.create("group", { displayName: "A", parentGroupUuid: ALL }); // the listing shows Munich
  await byHand.deleteGroup(first, { releaseConsumedUnits: false });
  advance(10_000);
  const munich = await run.create("group", { displayName: "Munich", parentGroupUuid: ALL });
  const live = (await emulator.state()).tenants.find((t) => t.id === emulator.tenant)!.groups;
  expect(live.find((g) => g.uuid === munich.id)?.displayName).toBe("Munich");
  expect(await liveUnderAll()).toEqual(["A", "Lost & found", "Munich"]);
});
