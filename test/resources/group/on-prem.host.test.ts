/**
 * The dynamic-provider host configured for ESET PROTECT On-Prem through stack config
 * (`eset:serverUrl`), against the emulator's `deployment: "on-prem"`: a Group is created, renamed
 * and refreshed, and its delete is refused before any call.
 */
import { startTestEmulator, TestEmulator } from "../../support/emulator";
import { create, refresh, startWorld, update, World } from "../world";

let emulator: TestEmulator;
let world: World;

beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" } });
  world = await startWorld(emulator, {
    config: {
      "eset:serverUrl": emulator.url,
      "eset:username": emulator.username,
      "eset:password": emulator.password,
    },
  });
});
afterAll(async () => {
  await world?.close();
  await emulator?.close();
});

describe("Group through the host on ESET PROTECT On-Prem (eset:serverUrl)", () => {
  it("creates, renames and refreshes a group; refuses its delete before any call", async () => {
    const sales = await create(world, "group", {
      displayName: "Sales",
      parentGroupUuid: emulator.allGroupUuid,
    });
    const renamed = await update(world, sales, {
      displayName: "Sales EU",
      parentGroupUuid: emulator.allGroupUuid,
    });
    expect(renamed.outputs).toMatchObject({ displayName: "Sales EU" });
    expect((await refresh(world, renamed))?.outputs).toMatchObject({ displayName: "Sales EU" });
    const signIns = (await emulator.requests()).filter(
      (r) => r.path === "/GetTokens" || r.path === "/oauth/token",
    );
    expect(new Set(signIns.map((r) => r.path))).toEqual(new Set(["/GetTokens"]));

    await emulator.clearRequests();
    await expect(world.host.delete(renamed.id, renamed.outputs)).rejects.toThrow(
      "ESET PROTECT On-Prem's REST API has no group delete",
    );
    expect(await emulator.requests()).toEqual([]);
  });
});
