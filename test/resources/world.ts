/**
 * A test world: the emulator, a dynamic-provider host configured for it (useWorld: one host per
 * file, starting a fresh run for each test, so no claim, token or tree snapshot survives an
 * emulator reset), and the engine's call sequences
 * (check then create; check, diff then update; read; delete) with `__provider` produced exactly
 * as the resource classes produce it.
 */
import * as fs from "fs";
import * as path from "path";
import { ProviderHost, Props, startProviderHost } from "../support/provider-host";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { cleanEnv } from "../support/env";
import { userErrorSettings } from "../support/user-error-modes";
import { serializedGpoSccmFileProvider, serializedGroupProvider } from "./serialize";
import { asGroupClassDeclares, sameResource } from "./declared";

/** A resource as the engine keeps it in state. */
export interface Stored {
  id: string;
  inputs: Props;
  outputs: Props;
}

export interface World {
  emulator: TestEmulator;
  host: ProviderHost;
  /** The serialized provider of each kind. */
  providers: { group: string; gpoSccmFile: string };
  /** How many groups `create` declared in this world (names the next one). */
  created: number;
  close(): Promise<void>;
}

export function stackConfig(emulator: TestEmulator): Record<string, string> {
  return {
    "eset:endpoint": emulator.url,
    "eset:username": emulator.username,
    "eset:password": emulator.password,
  };
}

const ROOT = path.resolve(__dirname, "..", "..");
/** The folders whose built code the host runs. */
const HOST_SOURCES = [
  "provider/dynamic-provider",
  "provider/resources",
  "provider/tree",
  "provider/client",
  "shared",
];

/**
 * The host runs the built package (`dist/`), as it does in a user's project. Fails when the build
 * is missing or older than the provider's sources, instead of testing stale code.
 */
export function assertBuilt(): void {
  for (const folder of HOST_SOURCES) {
    const files = fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" });
    for (const file of files.filter((f) => f.endsWith(".ts"))) {
      const source = path.join(ROOT, folder, file);
      const built = path.join(ROOT, "dist", folder, file.replace(/\.ts$/, ".js"));
      if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs) {
        throw new Error(
          `${path.relative(ROOT, built)} is missing or older than its source: run npm run build`,
        );
      }
    }
  }
}

let serialized: Promise<[string, string]> | undefined;
/** The `__provider` texts of Group and GpoSccmFile (serialized once per test file). */
export const providers = () =>
  (serialized ??= Promise.all([serializedGroupProvider(), serializedGpoSccmFileProvider()]));

/** Starts a host; by default configured through the stack config, the password sent as a secret. */
export async function startWorld(
  emulator: TestEmulator,
  opts: { config?: Record<string, string>; env?: NodeJS.ProcessEnv; host?: Promise<ProviderHost> } = {},
): Promise<World> {
  assertBuilt();
  const [group, gpoSccmFile] = await providers();
  const host = await (opts.host ?? startProviderHost({ env: opts.env ?? cleanEnv() }));
  try {
    await host.configure(opts.config ?? stackConfig(emulator), { secretKeys: ["eset:password"] });
  } catch (error) {
    await host.close();
    throw error;
  }
  return { emulator, host, providers: { group, gpoSccmFile }, created: 0, close: () => host.close() };
}

/** What the engine does for a new resource: check, then create with the checked inputs. */
export async function create(
  world: World,
  kind: keyof World["providers"],
  news: Props,
  opts: { name?: string } = {},
): Promise<Stored> {
  const __provider = world.providers[kind];
  const declared =
    kind === "group" ? asGroupClassDeclares(news, opts.name ?? `group-${++world.created}`) : news;
  const checked = await world.host.check({}, { ...declared, __provider });
  if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const created = await world.host.create(checked.inputs);
  return { id: created.id, inputs: checked.inputs, outputs: created.properties };
}

/** What the engine does for a changed resource: check, diff, then update when diff says so. */
export async function update(world: World, stored: Stored, news: Props): Promise<Stored> {
  const __provider = stored.inputs.__provider as string;
  const checked = await world.host.check(stored.inputs, { ...sameResource(stored, news), __provider });
  if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const diff = await world.host.diff(stored.id, stored.outputs, checked.inputs);
  if (diff.changes !== "some") return stored;
  if (diff.replaces.length > 0) throw new Error(`diff asks for a replacement of ${diff.replaces.join(", ")}`);
  const updated = await world.host.update(stored.id, stored.outputs, checked.inputs);
  return { id: stored.id, inputs: checked.inputs, outputs: updated.properties };
}

/** What `pulumi refresh` does: read, keeping what the provider returns (undefined when gone). */
export async function refresh(world: World, stored: Stored): Promise<Stored | undefined> {
  const read = await world.host.read(stored.id, stored.outputs, stored.inputs);
  if (!read.id) return undefined;
  return { id: read.id, inputs: read.inputs ?? stored.inputs, outputs: read.properties };
}

/** The diff `pulumi preview` would show for the program's inputs against the stored state. */
export async function previewDiff(world: World, stored: Stored, news: Props) {
  const __provider = stored.inputs.__provider as string;
  const checked = await world.host.check(stored.inputs, { ...sameResource(stored, news), __provider });
  if (checked.failures.length > 0) return { failures: checked.failures };
  return world.host.diff(stored.id, stored.outputs, checked.inputs);
}

type SeedGroup = { uuid?: string; displayName: string; parentGroupUuid?: string; linkedEntityType?: string };
type SeedDevice = { uuid?: string; displayName: string; groupUuid: string };

/**
 * Registers jest hooks for a file of host tests: one emulator for the file, reset before each
 * test, and one host for the file that starts each test as a fresh run (provider-host.ts
 * `freshRun`): what the engine gives each command by starting a new host, without loading the SDK
 * again for every test (about a second of CPU each).
 */
export function useWorld() {
  let emulator: TestEmulator;
  let host: ProviderHost | undefined;
  let world: World;
  beforeAll(async () => {
    assertBuilt();
    // Inside a describeEachUserErrorMode block, the block's user-error mode (400 or 403).
    emulator = await startTestEmulator({ settings: userErrorSettings() });
    host = await startProviderHost({ env: cleanEnv(), freshRuns: true });
  });
  afterAll(async () => {
    await host?.close();
    await emulator?.close();
  });
  beforeEach(async () => {
    await emulator.reset();
    await emulator.settings(userErrorSettings());
    await host!.freshRun();
    // The host outlives the test: the file's afterAll closes it.
    world = { ...(await startWorld(emulator, { host: Promise.resolve(host!) })), close: async () => {} };
  });
  const tenant = async () => {
    const state = await emulator.state();
    const found = state.tenants.find((t) => t.id === emulator.tenant);
    if (!found) throw new Error(`emulator has no tenant ${emulator.tenant}`);
    return found;
  };
  return {
    emulator: () => emulator,
    world: () => world,
    /** Back to a fresh emulator (as the file's other tests see it), keeping this run's user-error mode. */
    resetEmulator: async () => {
      await emulator.reset();
      await emulator.settings(userErrorSettings());
    },
    /** The demo tenant's groups as the emulator holds them. */
    liveGroups: async () => (await tenant()).groups,
    liveDevices: async () => (await tenant()).devices,
    deletions: async () => (await tenant()).deletions,
    seed: (groups: SeedGroup[], devices: SeedDevice[] = []) =>
      emulator.seed({ tenants: [{ id: emulator.tenant, groups, devices }] }),
  };
}
