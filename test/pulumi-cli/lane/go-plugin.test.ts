// A Go program over the SDK generated from the eset provider plugin, through the real CLI and this
// repository's Go language host (tools/pulumi-cli/language-go), against the emulator: `pulumi
// package add` in a Go project (the SDK generated into sdks/eset, a replace directive in go.mod,
// `go mod tidy` through the Go module proxy), up, an empty preview, a rename and a move in the
// program (in place, uuid kept), a group made by hand adopted with `pulumi import` and declared in
// the program with what the import read (an empty preview), destroy. The same steps and tree as
// the YAML and Python programs (yaml-plugin.test.ts, python-plugin.test.ts).
import * as fs from "fs";
import * as path from "path";
import { PLUGIN, managedTree, pluginLane } from "./plugin-lane";

jest.setTimeout(20 * 60_000);

const lane = pluginLane("go-tree");
const managed = async () => (await managedTree(lane.emulator)).paths;
const uuidOf = async (p: string) => (await managedTree(lane.emulator)).uuids[p];

test("Go: package add, up, empty preview, rename and move in place, import, destroy", async () => {
  const { cli, emulator } = lane;
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why
  expect(added.output).toContain("Successfully generated an SDK for the eset package");
  expect(added.output).toContain("github.com/pulumi-eset-connect/pulumi-eset-connect/sdk/go/eset");
  const goMod = fs.readFileSync(path.join(cli.programDir, "go.mod"), "utf8");
  expect(goMod).toContain("replace github.com/pulumi-eset-connect/pulumi-eset-connect/sdk/go => ./sdks/eset");
  expect(goMod).toMatch(/require \(?[^)]*github\.com\/pulumi-eset-connect\/pulumi-eset-connect\/sdk\/go /);
  expect(fs.readFileSync(path.join(cli.programDir, "Pulumi.yaml"), "utf8")).toContain(
    `packages:\n  eset: ${PLUGIN}`,
  );

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
    "main.go",
    'DisplayName: pulumi.String("Berlin"), ParentGroupUuid: emea.ID().ToStringOutput()',
    'DisplayName: pulumi.String("Berlin Mitte"), ParentGroupUuid: apac.ID().ToStringOutput()',
  );
  const moved = await cli.run("up");
  expect(moved.code === 0 ? "" : moved.output).toBe(""); // the compiler's or the engine's messages
  expect(moved.changes).toEqual(["update berlin"]);
  expect(await managed()).toEqual(["All/APAC", "All/APAC/Berlin Mitte", "All/EMEA"]);
  expect(await uuidOf("All/APAC/Berlin Mitte")).toBe(berlin);

  // Our Go host generates no program code (GenerateProgram): the import adopts the group and the
  // program declares it with the inputs the import read from the live tree.
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
  cli.edit(
    "main.go",
    "\t\treturn nil\n",
    '\t\t_, err = eset.NewGroup(ctx, "legacy", &eset.GroupArgs{\n' +
      '\t\t\tDisplayName: pulumi.String("Legacy"), ParentGroupUuid: pulumi.String(all),\n' +
      "\t\t}, pulumi.Protect(true))\n\t\treturn err\n",
  );
  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  expect(await cli.pulumi(["state", "unprotect", "--all", "--yes"])).toMatchObject({ code: 0 });
  cli.edit("main.go", "pulumi.Protect(true)", "pulumi.Protect(false)");
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
