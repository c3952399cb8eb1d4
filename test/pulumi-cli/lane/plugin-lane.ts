// What the eset plugin's lane tests share: the plugin folder `pulumi package add` is given, a fresh
// emulator and a CLI stack on a fixture for each test file, and the live tree as paths and uuids.
import * as path from "path";
import { liveTree } from "../../engine/basic-stack";
import { REPO } from "../../engine/run-engine";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { CliRunner } from "./runners";

export const PLUGIN = path.join(REPO, "provider", "plugin");

export interface PluginLane {
  emulator: TestEmulator;
  cli: CliRunner;
}

/** Registers beforeAll/afterAll for `fixtures/<fixture>`; the returned object is filled in beforeAll. */
export function pluginLane(fixture: string): PluginLane {
  const lane = {} as PluginLane;
  beforeAll(async () => {
    lane.emulator = await startTestEmulator();
    lane.cli = new CliRunner(path.join(__dirname, "fixtures", fixture), lane.emulator);
    await lane.cli.init();
  });
  afterAll(async () => {
    lane.cli?.cleanup();
    await lane.emulator?.close();
  });
  return lane;
}

/** The stack's groups as paths below All (All and Lost & found left out), and every path's uuid. */
export async function managedTree(
  emulator: TestEmulator,
): Promise<{ paths: string[]; uuids: Record<string, string> }> {
  const tree = liveTree(await emulator.state());
  return {
    paths: tree.paths.filter((p) => p.startsWith("All/") && p !== "All/Lost & found"),
    uuids: tree.uuids,
  };
}
