// The package as a user gets it: `npm pack` of this checkout, installed into a fresh project outside
// the repository, holds what users need and nothing else, runs nothing of ours at install time, and
// deploys the README's example (through the engine harness, against the emulator).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, REPO, runEngineCli, errorsOf } from "../engine/run-engine";

beforeAll(() => assertBuilt({ provider: true }));
// npm pack, an npm install (from the local cache where it can) and two harness runs.
jest.setTimeout(600_000);

const ALL = "00000000-0000-0000-7001-000000000001";

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 16 << 20, timeout: 300_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The README's TypeScript example, taken from README.md itself so the two cannot drift apart. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const block = /```ts\n(import [^;]*from "pulumi-eset-connect";[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error("README.md has no ```ts block importing pulumi-eset-connect");
  return block[1];
}

describe("the packed tarball", () => {
  let work: string;
  let tarball: string;
  let project: string;
  let emulator: TestEmulator;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "eset-connect-package-"));
    const packed = await run("npm", ["pack", "--json", "--pack-destination", work], REPO);
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    tarball = path.join(work, info.filename);
    fs.writeFileSync(path.join(work, "files.json"), JSON.stringify(info.files.map((f) => f.path)));
    project = path.join(work, "project");
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("holds the public code, the bins and the docs, and none of the repository's own tools", () => {
    const files = JSON.parse(fs.readFileSync(path.join(work, "files.json"), "utf8")) as string[];
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "CHANGELOG.md",
        "dist/provider/index.js",
        "dist/provider/index.d.ts",
        "dist/provider/dynamic-provider/host.js",
        "dist/provider/cli/main.js",
        "dist/emulator/cli.js",
        "docs/troubleshooting.md",
      ]),
    );
    const outside = files.filter(
      (f) =>
        !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(shared|provider|emulator)\/.*|provider\/plugin\/(package\.json|PulumiPlugin\.yaml)|docs\/.*)$/.test(
          f,
        ),
    );
    expect(outside).toEqual([]);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  });

  it("passes npm publish --dry-run with no warning but the one about not being logged in", async () => {
    const dry = await run("npm", ["publish", "--dry-run"], REPO);
    expect(dry.code).toBe(0);
    const warnings = dry.stderr
      .split("\n")
      .filter((line) => line.startsWith("npm warn") && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
  });

  it("names as runtime dependencies only what the installed code needs", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    // The engine harness and the language host (repository tools) need gRPC; the package does not.
    expect(Object.keys(manifest.dependencies).sort()).toEqual(
      ["@fastify/formbody", "axios", "commander", "fastify", "yaml", "zod"].sort(),
    );
    for (const hook of ["preinstall", "install", "postinstall", "prepare", "prepack"]) {
      expect(manifest.scripts[hook]).toBeUndefined();
    }
  });

  it("installs into a fresh project without running anything of ours, and deploys the README example", async () => {
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "my-eset-tree", version: "1.0.0", private: true }, null, 2),
    );
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: my-eset-tree\nruntime: nodejs\nmain: index.ts\n",
    );
    // The README's example reads a hierarchy file too; give it the smallest one.
    fs.writeFileSync(path.join(project, "hierarchy.yaml"), "groups:\n  - name: Customers\n");
    fs.writeFileSync(path.join(project, "index.ts"), readmeExample());

    // What `pulumi new typescript` puts in a project: the SDK and TypeScript (the SDK's peer).
    const pinned = (
      JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies;
    const install = await run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        tarball,
        `@pulumi/pulumi@${pinned["@pulumi/pulumi"]}`,
        `typescript@${pinned.typescript}`,
      ],
      project,
    );
    expect(install.code).toBe(0);
    expect(`${install.stdout}\n${install.stderr}`).not.toMatch(
      /pulumi-eset-connect@[^\s]* \((pre|post)?(install|prepare)/,
    );
    expect(fs.lstatSync(path.join(project, "node_modules", "pulumi-eset-connect")).isSymbolicLink()).toBe(
      false,
    );

    const version = await run(
      process.execPath,
      [
        path.join(project, "node_modules", "pulumi-eset-connect", "dist", "provider", "cli", "main.js"),
        "--version",
      ],
      project,
    );
    expect(version.stdout.trim()).toBe(
      (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version,
    );

    const env = {
      ESET_CONNECT_ENDPOINT: emulator.url,
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_PASSWORD: emulator.password,
    };
    const up = await runEngineCli(["up", project, "--state", path.join(work, "state.json")], env);
    if (up.code !== 0) throw new Error(`up failed: ${errorsOf(up.report).join("\n")}\n${up.stderr}`);

    const state = await emulator.state();
    const tree = state.tenants.find((t) => t.id === emulator.tenant)?.groups ?? [];
    const emea = tree.find((g) => g.displayName === "EMEA" && g.parentGroupUuid === ALL);
    expect(emea).toBeDefined();
    expect(tree.find((g) => g.displayName === "Berlin" && g.parentGroupUuid === emea?.uuid)).toBeDefined();
    expect(tree.find((g) => g.displayName === "Customers" && g.parentGroupUuid === ALL)).toBeDefined();
    const berlin = tree.find((g) => g.displayName === "Berlin");
    const strict = (await emulator.policies()).find((p) => p.displayName === "Antivirus - Maximum security");
    expect(
      (await emulator.policyAssignments())
        .filter((a) => a.target.deviceGroupUuid === berlin?.uuid)
        .map((a) => [a.policyUuid, a.rank]),
    ).toEqual([[strict?.uuid, 1]]);

    const destroy = await runEngineCli(["destroy", project, "--state", path.join(work, "state.json")], env);
    expect(errorsOf(destroy.report)).toEqual([]);
    expect(destroy.code).toBe(0);
  });
});
