// The pure rules of the real-CLI lane's tools (no CLI needed; runs in npm test): how the language
// host starts a program, which plugins a program declares, and which CLI versions are accepted.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  parseRuntimeOptions,
  programArguments,
  programConfig,
  programEnvironment,
  runOutcome,
  splitArgs,
  type RunSpec,
} from "../../tools/language-host/program";
import { pluginOf, requiredPlugins } from "../../tools/language-host/packages";
import { engineAddressOf } from "../../tools/language-host/main";
import { atLeast, parseVersion } from "../../tools/pulumi-cli/find";
import { pinnedVersion } from "../../tools/pulumi-cli/build";

const spec: RunSpec = {
  monitorAddress: "127.0.0.1:4001",
  engineAddress: "127.0.0.1:4000",
  organization: "",
  project: "eset-basic",
  stack: "dev",
  rootDirectory: "/p",
  programDirectory: "/p",
  entryPoint: "index.ts",
  dryRun: true,
  parallel: 8,
  args: ["extra"],
  config: { "eset:endpoint": "http://127.0.0.1:1", "eset:password": "s" },
  configSecretKeys: ["eset:password"],
  options: {},
};

describe("starting a program", () => {
  it.each([
    ["", []],
    ["--max-old-space-size=4096", ["--max-old-space-size=4096"]],
    ["--require 'a b.js'  -r \"c.js\"", ["--require", "a b.js", "-r", "c.js"]],
  ])("splits nodeargs %j", (text, args) => expect(splitArgs(text)).toEqual(args));

  it.each([
    [{}, { typescript: true, tsconfig: undefined, nodeargs: [] }],
    [
      { typescript: false, tsconfig: "tsconfig.pulumi.json" },
      { typescript: false, tsconfig: "tsconfig.pulumi.json", nodeargs: [] },
    ],
  ])("reads runtime options %j", (options, parsed) => expect(parseRuntimeOptions(options)).toEqual(parsed));

  it("names the option and what it must be when an option is wrong", () => {
    expect(() => parseRuntimeOptions({ typescript: "yes" })).toThrow(
      'runtime option "typescript" in Pulumi.yaml must be true or false',
    );
  });

  it("passes config in the namespace:config:name form every SDK reads", () => {
    expect(programConfig(spec.config)).toEqual({
      "eset:config:endpoint": "http://127.0.0.1:1",
      "eset:config:password": "s",
    });
    expect(() => programConfig({ plain: "x" })).toThrow('config key "plain" has no namespace');
  });

  it("builds the run script's command line: flags, then the entry point, then extra arguments", () => {
    const options = parseRuntimeOptions({ nodeargs: "--inspect" });
    expect(programArguments(spec, "/sdk/cmd/run/index.js", options)).toEqual(
      ["--inspect", "/sdk/cmd/run/index.js", "--monitor", "127.0.0.1:4001", "--engine", "127.0.0.1:4000"]
        .concat(["--project", "eset-basic", "--root-directory", "/p", "--stack", "dev", "--pwd", "/p"])
        .concat(["--dry-run", "--parallel", "8", "index.ts", "extra"]),
    );
  });

  it("sets config, secret keys and TypeScript in the environment", () => {
    expect(programEnvironment(spec, parseRuntimeOptions({}))).toEqual({
      PULUMI_CONFIG: JSON.stringify({
        "eset:config:endpoint": "http://127.0.0.1:1",
        "eset:config:password": "s",
      }),
      PULUMI_CONFIG_SECRET_KEYS: '["eset:password"]',
      PULUMI_NODEJS_TYPESCRIPT: "true",
    });
  });

  it.each([
    [0, null, { error: "", bail: false }],
    [32, null, { error: "", bail: true }],
    [1, null, { error: "Program exited with non-zero exit code: 1", bail: false }],
    [null, "SIGKILL", { error: "Program was stopped by signal SIGKILL", bail: false }],
  ])("reports exit %j (signal %j) to the engine", (code, signal, outcome) =>
    expect(runOutcome(code, signal)).toEqual(outcome),
  );

  it.each([
    [["127.0.0.1:4000"], "127.0.0.1:4000"],
    [["--logtostderr", "-v=9", "--tracing", "http://t", "127.0.0.1:4000"], "127.0.0.1:4000"],
    [[], ""],
  ])("finds the engine address in %j", (argv, address) => expect(engineAddressOf(argv)).toBe(address));
});

describe("plugins a program declares", () => {
  it.each([
    [
      { name: "@pulumi/aws", version: "6.1.0", pulumi: { resource: true } },
      { name: "aws", version: "6.1.0", server: "" },
    ],
    [
      {
        name: "x",
        version: "1.0.0",
        pulumi: { resource: true, name: "foo", version: "v2.0.0", server: "https://s" },
      },
      { name: "foo", version: "2.0.0", server: "https://s" },
    ],
    [{ name: "@pulumi/pulumi", version: "3.248.0" }, undefined],
  ])("reads %j", (manifest, plugin) => expect(pluginOf(manifest)).toEqual(plugin));

  it("finds them in node_modules, scoped and nested, each once", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lang-host-"));
    const pkg = (rel: string, manifest: object) => {
      fs.mkdirSync(path.join(dir, rel), { recursive: true });
      fs.writeFileSync(path.join(dir, rel, "package.json"), JSON.stringify(manifest));
    };
    pkg("node_modules/@pulumi/random", {
      name: "@pulumi/random",
      version: "4.0.0",
      pulumi: { resource: true },
    });
    pkg("node_modules/lib", { name: "lib", version: "1.0.0" });
    pkg("node_modules/lib/node_modules/@pulumi/random", {
      name: "@pulumi/random",
      version: "4.0.0",
      pulumi: { resource: true },
    });
    pkg("node_modules/lib/node_modules/@pulumi/tls", {
      name: "@pulumi/tls",
      version: "5.0.0",
      pulumi: { resource: true },
    });
    try {
      expect(
        requiredPlugins(dir)
          .map((p) => `${p.name}@${p.version}`)
          .sort(),
      ).toEqual(["random@4.0.0", "tls@5.0.0"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("which CLI the lane uses", () => {
  it.each([
    ["v3.248.0", [3, 248, 0]],
    ["3.139.0-alpha.1", [3, 139, 0]],
    ["garbage", undefined],
  ])("parses %j", (text, version) => expect(parseVersion(text)).toEqual(version));

  it.each([
    ["v3.139.0", true],
    ["v3.248.0", true],
    ["v4.0.0", true],
    ["v3.138.9", false],
    ["", false],
  ])("a CLI %j is new enough: %j", (version, ok) => expect(atLeast(version, "3.139.0")).toBe(ok));

  it("builds the CLI at the version go.mod pins, which is the SDK's", () => {
    const goMod = fs.readFileSync(path.join(__dirname, "..", "..", "tools", "pulumi-cli", "go.mod"), "utf8");
    const sdk = require("@pulumi/pulumi/package.json") as { version: string };
    expect(pinnedVersion(goMod)).toBe(`v${sdk.version}`);
  });
});
