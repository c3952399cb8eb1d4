import { startProviderHost } from "../support/provider-host";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { cleanEnv } from "../support/env";
import { World, create, providers, refresh, stackConfig, startWorld, update } from "../resources/world";

const ALL = "00000000-0000-0000-7001-000000000001";
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: Error) => e.message,
  );

describe("credentials never leak", () => {
  it("appear in no __provider, state, log line or error across every operation", async () => {
    // The client's debug log is on, so every HTTP exchange is written to the host's stderr.
    const world = await startWorld(emulator, { env: cleanEnv({ ESET_CONNECT_DEBUG: "1" }) });
    const seen: unknown[] = [world.providers];
    try {
      const emea = await create(world, "group", {
        displayName: "EMEA",
        parentGroupUuid: ALL,
        description: "x",
      });
      const berlin = await create(world, "group", { displayName: "Berlin", parentGroupUuid: emea.id });
      const file = await create(world, "gpoSccmFile", { securityGroupUuid: berlin.id });
      await emulator.advanceClock(2 * 3600 * 1000); // the access token expires: the client signs in again
      const moved = await update(world, berlin, { displayName: "Berlin-Mitte", parentGroupUuid: ALL });
      seen.push(emea, berlin, file, moved, await refresh(world, moved), await refresh(world, file));
      seen.push(await failure(create(world, "group", { displayName: "EMEA", parentGroupUuid: ALL })));
      seen.push(
        await failure(create(world, "group", { displayName: "X", parentGroupUuid: ALL, existingUuid: "no" })),
      );
      await emulator.seed({
        tenants: [{ id: emulator.tenant, devices: [{ displayName: "pc", groupUuid: emea.id }] }],
      });
      seen.push(await failure(world.host.delete(emea.id, emea.outputs)));
      await emulator.seed({ tenants: [{ id: emulator.tenant, groups: [{ displayName: "Mitte" }] }] });
      seen.push(await failure(update(world, moved, { displayName: "Mitte", parentGroupUuid: ALL })));
      await emulator.settings({ faults: { script: [{ kind: "503", method: "POST", path: ":generate" }] } });
      seen.push(await create(world, "gpoSccmFile", { sendAnonymousDiagnosticData: true }));
      await world.host.delete(file.id, file.outputs);
      await world.host.delete(moved.id, moved.outputs);
      await world.host.delete(moved.id, moved.outputs); // already gone: logs a line
      seen.push(world.host.output());
    } finally {
      await world.close();
    }
    const tokens = (await emulator.tokens()).map((t) => t.token);
    expect(tokens.length).toBeGreaterThanOrEqual(4); // two sign-ins, so the scan below can fail
    const everything = JSON.stringify(seen);
    // The scan covers real outputs, the host's log and the debug lines of every exchange.
    expect(everything).toContain("Berlin-Mitte");
    expect(JSON.stringify(seen.at(-1))).toMatch(/eset-connect: group .*Berlin-Mitte.*already gone/);
    expect(everything).toContain("[eset-connect] POST /oauth/token 200");
    for (const secret of [emulator.password, ...tokens]) expect(everything).not.toContain(secret);
  });

  it("keep a wrong password out of the sign-in error", async () => {
    const world = await startWorld(emulator, {
      config: { ...stackConfig(emulator), "eset:password": "wrong-horse-battery" },
    });
    try {
      const message = await failure(create(world, "group", { displayName: "X", parentGroupUuid: ALL }));
      expect(message).toMatch(/^400 Bad request while signing in/);
      expect(message).toContain("eset:password / ESET_CONNECT_PASSWORD");
      expect(message + JSON.stringify(world.host.output())).not.toContain("wrong-horse-battery");
    } finally {
      await world.close();
    }
  });
});

describe("where the provider finds its settings", () => {
  const envFor = (e: TestEmulator, password = e.password) =>
    cleanEnv({
      ESET_CONNECT_ENDPOINT: e.url,
      ESET_CONNECT_USERNAME: e.username,
      ESET_CONNECT_PASSWORD: password,
    });

  async function createsAGroup(world: World) {
    const group = await create(world, "group", { displayName: "Sales", parentGroupUuid: ALL });
    const state = await emulator.state();
    return state.tenants.some((t) => t.groups.some((g) => g.uuid === group.id));
  }

  it("falls back to ESET_CONNECT_* in the environment", async () => {
    const world = await startWorld(emulator, { config: {}, env: envFor(emulator) });
    try {
      expect(await createsAGroup(world)).toBe(true);
    } finally {
      await world.close();
    }
  });

  it("prefers the stack config to the environment", async () => {
    const world = await startWorld(emulator, { env: envFor(emulator, "stale-password") });
    try {
      expect(await createsAGroup(world)).toBe(true);
    } finally {
      await world.close();
    }
  });

  it("works when the engine sends no configuration at all", async () => {
    const host = await startProviderHost({ env: envFor(emulator) });
    try {
      const [group, gpoSccmFile] = await providers();
      const world: World = {
        emulator,
        host,
        providers: { group, gpoSccmFile },
        created: 0,
        close: () => host.close(),
      };
      expect(await createsAGroup(world)).toBe(true);
    } finally {
      await host.close();
    }
  });

  it("names both ways to set missing credentials, and still validates inputs without them", async () => {
    const world = await startWorld(emulator, { config: {} });
    try {
      const checked = await world.host.check({}, { __provider: world.providers.group, displayName: "" });
      expect(checked.failures.map((f) => f.property)).toEqual(["displayName", "parentGroupUuid"]);
      expect(await failure(create(world, "group", { displayName: "X", parentGroupUuid: ALL }))).toBe(
        "Invalid ESET Connect configuration:\n" +
          "  - username: missing; set stack config eset:username or env ESET_CONNECT_USERNAME\n" +
          "  - password: missing; set stack config eset:password (a secret) or env ESET_CONNECT_PASSWORD\n" +
          // No eset:* key reached the provider at all: the likely cause is named too.
          "  - (stack config): no eset:* stack config reached the provider. Pulumi CLIs older than 3.139 pass no " +
          "stack config to dynamic providers: upgrade the CLI, or set ESET_CONNECT_REGION (or " +
          "ESET_CONNECT_ENDPOINT), ESET_CONNECT_USERNAME and ESET_CONNECT_PASSWORD in the environment of pulumi",
      );
    } finally {
      await world.close();
    }
  });
});
