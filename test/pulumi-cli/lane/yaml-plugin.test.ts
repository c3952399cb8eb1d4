// A Pulumi YAML program over the `eset` provider plugin, through the real CLI against the emulator:
// `pulumi package add <plugin folder>`, up (a tree with an installer file), an empty preview, a
// rename and a move in the program (in place, uuid kept, the installer file untouched), a group
// made by hand adopted with `pulumi import`, whose printed code round-trips (an empty preview), a
// subtree made by hand (with a policy) adopted from the file `eset-connect export --format
// pulumi-import` writes, its printed code round-tripping too, and destroy (nothing of the stack
// left in ESET).
import * as fs from "fs";
import * as path from "path";
import { PLUGIN, lifecycle, managedTree, pluginLane } from "./plugin-lane";
import { runCli } from "../../../provider/cli/program";
import { ANTIVIRUS_BALANCED_POLICY_UUID } from "../../../emulator";

jest.setTimeout(15 * 60_000);

const lane = pluginLane("yaml-tree");
const managed = async () => (await managedTree(lane.emulator)).paths;

test("YAML: package add, up, empty preview, rename and move in place, import round-trip, destroy", async () => {
  const { cli, emulator } = lane;
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why
  expect(added.output).toContain("Added package");

  const berlin = await lifecycle.upThenEmptyPreview(lane);
  cli.edit("Pulumi.yaml", "displayName: Berlin\n", "displayName: Berlin Mitte\n");
  cli.edit("Pulumi.yaml", "parentGroupUuid: ${emea.id}", "parentGroupUuid: ${apac.id}");
  await lifecycle.upMovesInPlace(lane, berlin);

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

  // A whole subtree made by hand, one group with a policy, adopted from one file that
  // `eset-connect export --format pulumi-import` writes: the printed code round-trips too.
  await emulator.console.createGroup({ displayName: "Old Sales", parentGroupUuid: legacy.uuid });
  const oldIt = await emulator.console.createGroup({ displayName: "Old IT", parentGroupUuid: legacy.uuid });
  await emulator.console.assignPolicy(ANTIVIRUS_BALANCED_POLICY_UUID, { deviceGroupUuid: oldIt.uuid });
  const importFile = path.join(cli.programDir, "..", "import.json");
  const printedTree = path.join(cli.programDir, "..", "import-tree.yaml");
  try {
    let stderr = "";
    const exported = await runCli(
      ["export", "--root", "Legacy", "--format", "pulumi-import", "-o", importFile],
      {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        env: {
          ESET_CONNECT_ENDPOINT: emulator.url,
          ESET_CONNECT_USERNAME: emulator.username,
          ESET_CONNECT_PASSWORD: emulator.password,
        },
      },
    );
    expect({ exported, stderr }).toEqual({ exported: 0, stderr: "" });
    const imported = await cli.pulumi(["import", "--file", importFile, "--yes", "--out", printedTree]);
    expect(imported.code === 0 ? "" : imported.output).toBe("");
    const code = fs.readFileSync(printedTree, "utf8");
    expect(code).toContain("displayName: Old Sales");
    expect(code).toContain(ANTIVIRUS_BALANCED_POLICY_UUID);
    // The printed code holds the parent's uuid as a literal; written as a reference (as
    // docs/plugin.md tells users to), the engine deletes the children before their parent.
    const referenced = code.split(`parentGroupUuid: ${legacy.uuid}`).join("parentGroupUuid: ${legacy.id}");
    cli.rewrite("Pulumi.yaml", (text) =>
      text.replace("resources:\n", referenced.replace(/^resources:\n/, "resources:\n")),
    );
  } finally {
    fs.rmSync(importFile, { force: true });
    fs.rmSync(printedTree, { force: true });
  }
  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });
  // An up with nothing to change records the references as dependencies in the state, which is
  // what orders the deletes of a destroy (an imported resource has none).
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: [] });

  expect(await cli.pulumi(["state", "unprotect", "--all", "--yes"])).toMatchObject({ code: 0 });
  cli.rewrite("Pulumi.yaml", (text) => text.replace(/\n\s*options:\n\s*protect: true/, ""));
  const destroy = await cli.run("destroy");
  expect(destroy.code === 0 ? "" : destroy.output).toBe("");
  expect(destroy.changes).toEqual([
    "delete apac",
    "delete berlin",
    "delete berlinInstaller",
    "delete emea",
    "delete legacy",
    "delete old-it",
    "delete old-it:policies",
    "delete old-sales",
  ]);
  expect(await managed()).toEqual([]);
});
