// C# from the `eset` provider plugin, under the real CLI and this repository's generate-only
// pulumi-language-dotnet (tools/pulumi-cli/language-dotnet): `pulumi package gen-sdk --language
// dotnet` writes a C# SDK declaring the plugin's resources and the Hierarchy component; a .NET
// program is refused with a message naming why. Nothing is compiled: there is no .NET SDK and no
// NuGet here (docs/plugin.md).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { CliRunner } from "./runners";
import { PLUGIN } from "./plugin-lane";

jest.setTimeout(10 * 60_000);

/** A 1×1 grey PNG: the C# generator downloads the schema's logoUrl into the SDK (logo.png). */
function writeLogo(file: string): void {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([size, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  fs.writeFileSync(
    file,
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", zlib.deflateSync(Buffer.from([0, 0]))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

const cli = new CliRunner(path.join(__dirname, "fixtures", "dotnet-project"), {
  url: "http://127.0.0.1:1",
  username: "-",
  password: "-",
});
const out = fs.mkdtempSync(path.join(os.tmpdir(), "eset-dotnet-"));
afterAll(() => {
  cli.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

test("gen-sdk --language dotnet: C# classes for every resource and the Hierarchy component", async () => {
  // The plugin's schema as `get-schema` prints it, with a local logo: without one, Pulumi's C#
  // generator downloads Pulumi's logo from raw.githubusercontent.com, out of this lane's reach.
  const got = await cli.pulumi(["package", "get-schema", PLUGIN]);
  expect(got.code).toBe(0);
  const schema = JSON.parse(got.output.slice(got.output.indexOf("{"))) as Record<string, unknown>;
  writeLogo(path.join(out, "logo.png"));
  fs.writeFileSync(
    path.join(out, "schema.json"),
    JSON.stringify({ ...schema, logoUrl: `file://${path.join(out, "logo.png")}` }),
  );

  const r = await cli.pulumi([
    "package",
    "gen-sdk",
    path.join(out, "schema.json"),
    "--language",
    "dotnet",
    "--out",
    out,
  ]);
  expect(r.code === 0 ? "" : r.output).toBe(""); // the output says why
  const sdk = path.join(out, "dotnet");
  const declared = (file: string) => fs.readFileSync(path.join(sdk, file), "utf8");
  for (const name of ["Group", "GroupAnchor", "GpoSccmFile", "GroupPolicies", "PolicyAnchor"]) {
    expect(declared(`${name}.cs`)).toContain(`public partial class ${name} : global::Pulumi.CustomResource`);
    expect(declared(`${name}.cs`)).toContain(`[EsetResourceType("eset:index:${name}")]`);
  }
  expect(declared("Hierarchy.cs")).toContain(
    "public partial class Hierarchy : global::Pulumi.ComponentResource",
  );
  expect(declared("Group.cs")).toContain("namespace EsetConnect.Eset");
  expect(declared("Group.cs")).toContain("public Input<string> ParentGroupUuid");
  expect(declared("EsetConnect.Eset.csproj")).toContain('<PackageReference Include="Pulumi"');
});

test("a .NET program is refused, naming why and what runs it", async () => {
  await cli.init();
  const preview = await cli.run("preview");
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain("only generates C# SDKs");
  expect(preview.output).toContain("Pulumi's own pulumi-language-dotnet and a .NET SDK");
});
