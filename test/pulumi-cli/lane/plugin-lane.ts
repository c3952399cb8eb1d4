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

/**
 * The lifecycle every language's program over the plugin goes through (YAML, Python, Go: the same
 * three groups and installer file), step by step; the test edits its own program in between.
 */
export const lifecycle = {
  /** `up` creates the tree; an empty preview follows. Returns Berlin's uuid. */
  async upThenEmptyPreview({ cli, emulator }: PluginLane): Promise<string> {
    const up = await cli.run("up");
    expect(up.errors).toEqual([]);
    expect(up).toMatchObject({
      code: 0,
      changes: ["create apac", "create berlin", "create berlinInstaller", "create emea"],
    });
    const tree = await managedTree(emulator);
    expect(tree.paths).toEqual(["All/APAC", "All/EMEA", "All/EMEA/Berlin"]);
    expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });
    return tree.uuids["All/EMEA/Berlin"];
  },

  /** After the program renamed Berlin "Berlin Mitte" and moved it under APAC: one update, uuid kept. */
  async upMovesInPlace({ cli, emulator }: PluginLane, berlinUuid: string): Promise<void> {
    const moved = await cli.run("up");
    expect(moved.code === 0 ? "" : moved.output).toBe(""); // the compiler's or the engine's messages
    expect(moved.changes).toEqual(["update berlin"]);
    const tree = await managedTree(emulator);
    expect(tree.paths).toEqual(["All/APAC", "All/APAC/Berlin Mitte", "All/EMEA"]);
    expect(tree.uuids["All/APAC/Berlin Mitte"]).toBe(berlinUuid);
  },

  /**
   * A group "Legacy" made in the console under All, adopted with `pulumi import` as `legacy`; the
   * code it prints is returned (none with `generateCode: false`: our python host generates none).
   */
  async importLegacy({ cli, emulator }: PluginLane, o: { generateCode: boolean }): Promise<string> {
    const legacy = await emulator.console.createGroup({
      displayName: "Legacy",
      parentGroupUuid: emulator.allGroupUuid,
    });
    const imported = await cli.pulumi([
      "import",
      "eset:index:Group",
      "legacy",
      legacy.uuid,
      "--yes",
      `--generate-code=${o.generateCode}`,
    ]);
    expect(imported.code === 0 ? "" : imported.output).toBe("");
    return imported.output;
  },

  /** Once the program declares `legacy` as imported (protected): an empty preview, then unprotect. */
  async emptyPreviewThenUnprotect({ cli }: PluginLane): Promise<void> {
    expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });
    expect(await cli.pulumi(["state", "unprotect", "--all", "--yes"])).toMatchObject({ code: 0 });
  },

  /** `destroy` deletes the four resources and the adopted group: nothing of the stack left. */
  async destroyLeavesNothing({ cli, emulator }: PluginLane): Promise<void> {
    const destroy = await cli.run("destroy");
    expect(destroy).toMatchObject({ code: 0 });
    expect(destroy.changes).toEqual([
      "delete apac",
      "delete berlin",
      "delete berlinInstaller",
      "delete emea",
      "delete legacy",
    ]);
    expect((await managedTree(emulator)).paths).toEqual([]);
  },
};
