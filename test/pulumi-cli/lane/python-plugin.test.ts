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
import { PLUGIN, managedTree, pluginLane } from "./plugin-lane";

jest.setTimeout(15 * 60_000);

/** The Python SDK at the version of the Node SDK the repository pins. */
const PULUMI_PYPI = `pulumi==${(require("@pulumi/pulumi/package.json") as { version: string }).version}`;

const lane = pluginLane("python-tree");
const managed = async () => (await managedTree(lane.emulator)).paths;
const uuidOf = async (p: string) => (await managedTree(lane.emulator)).uuids[p];

function sh(command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd: lane.cli.programDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
}

test("Python: gen-sdk into a venv, up, empty preview, rename and move in place, import, destroy", async () => {
  const { cli, emulator } = lane;
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

  const up = await cli.run("up");
  expect(up.errors).toEqual([]);
  expect(up).toMatchObject({
    code: 0,
    changes: ["create apac", "create berlin", "create berlinInstaller", "create emea"],
  });
  expect(await managed()).toEqual(["All/APAC", "All/EMEA", "All/EMEA/Berlin"]);
  const berlin = await uuidOf("All/EMEA/Berlin");

  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  cli.edit(
    "__main__.py",
    'display_name="Berlin", parent_group_uuid=emea.id',
    'display_name="Berlin Mitte", parent_group_uuid=apac.id',
  );
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: ["update berlin"] });
  expect(await managed()).toEqual(["All/APAC", "All/APAC/Berlin Mitte", "All/EMEA"]);
  expect(await uuidOf("All/APAC/Berlin Mitte")).toBe(berlin);

  // Our python host generates no program code (GenerateProgram): the import adopts the group and
  // the program declares it with the inputs the import read from the live tree.
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
    "--generate-code=false",
  ]);
  expect(imported.code === 0 ? "" : imported.output).toBe("");
  cli.rewrite(
    "__main__.py",
    (text) =>
      `${text}\nlegacy = eset.Group("legacy", display_name="Legacy", parent_group_uuid=ALL, ` +
      `opts=pulumi.ResourceOptions(protect=True))\n`,
  );
  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  expect(await cli.pulumi(["state", "unprotect", "--all", "--yes"])).toMatchObject({ code: 0 });
  cli.edit(
    "__main__.py",
    "opts=pulumi.ResourceOptions(protect=True)",
    "opts=pulumi.ResourceOptions(protect=False)",
  );
  const destroy = await cli.run("destroy");
  expect(destroy).toMatchObject({ code: 0 });
  expect(destroy.changes).toEqual([
    "delete apac",
    "delete berlin",
    "delete berlinInstaller",
    "delete emea",
    "delete legacy",
  ]);
  expect(await managed()).toEqual([]);
  expect(fs.existsSync(path.join(cli.programDir, "venv"))).toBe(true);
});
