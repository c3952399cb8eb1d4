// A Python program over the SDK generated from the eset provider plugin, through the real CLI and
// this repository's python language host, against the emulator: `pulumi package add` (records the
// plugin in Pulumi.yaml), `gen-sdk --language python` installed with pip into a virtualenv the lane
// makes (with the `pulumi` package from PyPI), up, an empty preview, a rename and a move in the
// program (in place, uuid kept), a group made by hand adopted with `pulumi import` and declared in
// the program with what the import read (an empty preview), destroy. The same steps as the YAML
// program (yaml-plugin.test.ts) and the same tree.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PLUGIN, lifecycle, pluginLane } from "./plugin-lane";

jest.setTimeout(15 * 60_000);

/** The Python SDK at the version of the Node SDK the repository pins. */
const PULUMI_PYPI = `pulumi==${(require("@pulumi/pulumi/package.json") as { version: string }).version}`;

const lane = pluginLane("python-tree");

function sh(command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd: lane.cli.programDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
}

test("Python: gen-sdk into a venv, up, empty preview, rename and move in place, import, destroy", async () => {
  const { cli } = lane;
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  // Linking the SDK into a Python project is not implemented by our host: the lane installs it.
  expect(added.output).toContain("Successfully generated an SDK for the eset package");
  cli.rewrite("Pulumi.yaml", (text) =>
    text.includes("packages:") ? text : `${text}packages:\n  eset: ${PLUGIN}\n`,
  );
  const generated = await cli.pulumi(["package", "gen-sdk", PLUGIN, "--language", "python", "--out", "sdk"]);
  expect(generated.code === 0 ? "" : generated.output).toBe(""); // the output says why
  sh("python3", ["-m", "venv", "venv"]);
  sh(path.join("venv", "bin", "pip"), ["install", "-q", PULUMI_PYPI, "./sdk/python"]);

  const berlin = await lifecycle.upThenEmptyPreview(lane);
  cli.edit(
    "__main__.py",
    'display_name="Berlin", parent_group_uuid=emea.id',
    'display_name="Berlin Mitte", parent_group_uuid=apac.id',
  );
  await lifecycle.upMovesInPlace(lane, berlin);

  await lifecycle.importLegacy(lane, { generateCode: false });
  cli.rewrite(
    "__main__.py",
    (text) =>
      `${text}\nlegacy = eset.Group("legacy", display_name="Legacy", parent_group_uuid=ALL, ` +
      `opts=pulumi.ResourceOptions(protect=True))\n`,
  );
  await lifecycle.emptyPreviewThenUnprotect(lane);
  cli.edit(
    "__main__.py",
    "opts=pulumi.ResourceOptions(protect=True)",
    "opts=pulumi.ResourceOptions(protect=False)",
  );
  await lifecycle.destroyLeavesNothing(lane);
  expect(fs.existsSync(path.join(cli.programDir, "venv"))).toBe(true);
});
