// A Go program over the SDK generated from the eset provider plugin, through the real CLI and this
// repository's Go language host (tools/pulumi-cli/language-go), against the emulator: `pulumi
// package add` in a Go project (the SDK generated into sdks/eset, a replace directive in go.mod,
// `go mod tidy` through the Go module proxy), a preview failing with the compiler's message, up,
// an empty preview, a rename and a move in the program (in place, uuid kept), a group made by hand
// adopted with `pulumi import`, whose printed Go code round-trips (an empty preview), destroy. The
// same steps and tree as the YAML and Python programs (yaml-plugin.test.ts, python-plugin.test.ts).
import * as fs from "fs";
import * as path from "path";
import { PLUGIN, lifecycle, pluginLane } from "./plugin-lane";

jest.setTimeout(20 * 60_000);

const lane = pluginLane("go-tree");
const MODULE = "github.com/pulumi-eset-connect/pulumi-eset-connect/sdk/go";

test("Go: package add, a compile error shown, up, empty preview, rename and move in place, import, destroy", async () => {
  const { cli } = lane;
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why
  expect(added.output).toContain("Successfully generated an SDK for the eset package");
  expect(added.output).toContain(`"${MODULE}/eset"`); // Link's import instructions
  const goMod = fs.readFileSync(path.join(cli.programDir, "go.mod"), "utf8");
  expect(goMod).toContain(`replace ${MODULE} => ./sdks/eset`);
  expect(goMod).toContain(`\t${MODULE} v0.0.0-00010101000000-000000000000\n`); // go mod tidy's require
  expect(fs.readFileSync(path.join(cli.programDir, "Pulumi.yaml"), "utf8")).toContain(
    `packages:\n  eset: ${PLUGIN}`,
  );

  // A program that does not compile fails the preview with the compiler's message.
  cli.edit("main.go", "\t\treturn nil\n", "\t\tvar unused int\n\t\treturn nil\n");
  const broken = await cli.run("preview");
  expect(broken.code).toBe(1);
  expect(broken.output).toContain("main.go:42:7: declared and not used: unused");
  expect(broken.output).toContain("`go build` of the program in");
  cli.edit("main.go", "\t\tvar unused int\n", "");

  const berlin = await lifecycle.upThenEmptyPreview(lane);
  cli.edit(
    "main.go",
    'DisplayName: pulumi.String("Berlin"), ParentGroupUuid: emea.ID().ToStringOutput()',
    'DisplayName: pulumi.String("Berlin Mitte"), ParentGroupUuid: apac.ID().ToStringOutput()',
  );
  await lifecycle.upMovesInPlace(lane, berlin);

  // The import prints Go code (our host's GenerateProgram, Pulumi's Go program generator) with the
  // inputs it read from the live tree; its statement goes into the program as printed (`=` for
  // `:=`, the program's `err` being declared already).
  const printed = await lifecycle.importLegacy(lane, { generateCode: true });
  const statement =
    /\t\t_, err := eset\.NewGroup\(ctx, "legacy", &eset\.GroupArgs\{\n[^]*?\}, pulumi\.Protect\(true\)\)\n/.exec(
      printed,
    );
  expect(statement?.[0]).toMatch(/DisplayName: +pulumi\.String\("Legacy"\),/);
  expect(statement?.[0]).toMatch(
    /ParentGroupUuid: +pulumi\.String\("00000000-0000-0000-7001-000000000001"\),/,
  );
  cli.edit(
    "main.go",
    "\t\treturn nil\n",
    `${statement![0].replace("_, err :=", "_, err =")}\t\treturn err\n`,
  );
  await lifecycle.emptyPreviewThenUnprotect(lane);
  cli.edit("main.go", "pulumi.Protect(true)", "pulumi.Protect(false)");
  await lifecycle.destroyLeavesNothing(lane);
});
