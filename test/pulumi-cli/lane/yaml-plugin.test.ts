// A Pulumi YAML program over the `eset` provider plugin, through the real CLI against the emulator:
// `pulumi package add <plugin folder>`, up (a tree with an installer file), an empty preview, a
// rename and a move in the program (in place, uuid kept, the installer file untouched), a group
// made by hand adopted with `pulumi import`, whose printed code round-trips (an empty preview), and
// destroy (nothing of the stack left in ESET).
import * as fs from "fs";
import * as path from "path";
import { PLUGIN, managedTree, pluginLane } from "./plugin-lane";

jest.setTimeout(15 * 60_000);

const lane = pluginLane("yaml-tree");
const managed = async () => (await managedTree(lane.emulator)).paths;
const uuidOf = async (p: string) => (await managedTree(lane.emulator)).uuids[p];

test("YAML: package add, up, empty preview, rename and move in place, import round-trip, destroy", async () => {
  const { cli, emulator } = lane;
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why
  expect(added.output).toContain("Added package");

  const up = await cli.run("up");
  expect(up.errors).toEqual([]);
  expect(up).toMatchObject({
    code: 0,
    changes: ["create apac", "create berlin", "create berlinInstaller", "create emea"],
  });
  expect(await managed()).toEqual(["All/APAC", "All/EMEA", "All/EMEA/Berlin"]);
  const berlin = await uuidOf("All/EMEA/Berlin");

  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  cli.edit("Pulumi.yaml", "displayName: Berlin\n", "displayName: Berlin Mitte\n");
  cli.edit("Pulumi.yaml", "parentGroupUuid: ${emea.id}", "parentGroupUuid: ${apac.id}");
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: ["update berlin"] });
  expect(await managed()).toEqual(["All/APAC", "All/APAC/Berlin Mitte", "All/EMEA"]);
  expect(await uuidOf("All/APAC/Berlin Mitte")).toBe(berlin);

  const legacy = await emulator.console.createGroup({
    displayName: "Legacy",
    parentGroupUuid: emulator.allGroupUuid,
  });
  // Beside the working copy, not in it: the program is the folder.
  const printed = path.join(cli.programDir, "..", "import.yaml");
  try {
    const imported = await cli.pulumi([
      "import",
      "eset:index:Group",
      "legacy",
      legacy.uuid,
      "--yes",
      "--out",
      printed,
    ]);
    expect(imported).toMatchObject({ code: 0 });
    const code = fs.readFileSync(printed, "utf8");
    expect(code).toContain("displayName: Legacy");
    // The printed resource goes into the program as it is (protected, as `pulumi import` makes it).
    cli.rewrite("Pulumi.yaml", (text) =>
      text.replace("resources:\n", code.replace(/^resources:\n/, "resources:\n")),
    );
  } finally {
    fs.rmSync(printed, { force: true });
  }
  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  expect(await cli.pulumi(["state", "unprotect", "--all", "--yes"])).toMatchObject({ code: 0 });
  cli.rewrite("Pulumi.yaml", (text) => text.replace(/\n\s*options:\n\s*protect: true/, ""));
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
});
