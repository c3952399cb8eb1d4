// The `eset` provider plugin as a package, under the real CLI: `pulumi package get-schema` answers
// the hand-kept schema (every resource, input and output described; secrets marked), and
// `pulumi package gen-sdk` generates the Node.js and Python SDKs from it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliRunner } from "./runners";
import { PLUGIN } from "./plugin-lane";

jest.setTimeout(10 * 60_000);

const FIXTURE = path.join(__dirname, "fixtures", "yaml-tree");

interface Property {
  description?: string;
  secret?: boolean;
}
interface Schema {
  name: string;
  config: { variables: Record<string, Property> };
  resources: Record<
    string,
    { description?: string; inputProperties: Record<string, Property>; properties: Record<string, Property> }
  >;
}

// Package commands need no stack: a runner only for its environment and working folder.
const cli = new CliRunner(FIXTURE, { url: "http://127.0.0.1:1", username: "-", password: "-" });
const out = fs.mkdtempSync(path.join(os.tmpdir(), "eset-sdk-"));
afterAll(() => {
  cli.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

test("get-schema: five resources and the Hierarchy component, everything described, the password and the installer file secret", async () => {
  const r = await cli.pulumi(["package", "get-schema", PLUGIN]);
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.output.slice(r.output.indexOf("{"))) as Schema;
  expect(schema.name).toBe("eset");
  expect(Object.keys(schema.resources).sort()).toEqual([
    "eset:index:GpoSccmFile",
    "eset:index:Group",
    "eset:index:GroupAnchor",
    "eset:index:GroupPolicies",
    "eset:index:Hierarchy",
    "eset:index:PolicyAnchor",
  ]);
  const undescribed: string[] = [];
  for (const [token, resource] of Object.entries(schema.resources)) {
    if (!resource.description) undescribed.push(token);
    for (const [kind, props] of [
      ["input", resource.inputProperties],
      ["output", resource.properties],
    ] as const)
      for (const [name, p] of Object.entries(props))
        if (!p.description) undescribed.push(`${token} ${kind} ${name}`);
  }
  expect(undescribed).toEqual([]);
  expect(schema.config.variables.password.secret).toBe(true);
  expect(schema.resources["eset:index:GpoSccmFile"].properties.content.secret).toBe(true);
  expect(schema.resources["eset:index:GpoSccmFile"].properties.gpoSccmFile.secret).toBe(true);
});

test.each([
  [
    "nodejs",
    ["group.ts", "groupAnchor.ts", "gpoSccmFile.ts", "groupPolicies.ts", "policyAnchor.ts", "provider.ts"],
  ],
  [
    "python",
    [
      "pulumi_eset_connect/group.py",
      "pulumi_eset_connect/group_anchor.py",
      "pulumi_eset_connect/gpo_sccm_file.py",
      "pulumi_eset_connect/group_policies.py",
      "pulumi_eset_connect/policy_anchor.py",
    ],
  ],
])("gen-sdk --language %s", async (language, files) => {
  const r = await cli.pulumi(["package", "gen-sdk", PLUGIN, "--language", language, "--out", out]);
  expect(r.code === 0 ? "" : r.output).toBe(""); // the output says why
  for (const file of files) expect(fs.existsSync(path.join(out, language, file))).toBe(true);
  if (language === "python" && spawnSync("python3", ["--version"]).status === 0) {
    const compiled = spawnSync("python3", ["-m", "compileall", "-q", path.join(out, "python")], {
      encoding: "utf8",
    });
    expect(compiled.stdout + compiled.stderr).toBe("");
  }
});
