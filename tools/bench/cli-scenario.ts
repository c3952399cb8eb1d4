/**
 * One size of the real-CLI benchmark: the benchmark's program (tools/bench/program) under the real
 * Pulumi CLI with a file backend, against the emulator at 10 calls/s: up, a no-op preview, refresh,
 * preview --refresh, an up with 10 % edits (5 % renames, 5 % moves), destroy. Each step is checked
 * (the live tree must match the declared one) before its figures count.
 */
import * as fs from "fs";
import * as path from "path";
import type { EmulatorControl } from "../../emulator/control-client";
import { PROGRAM_DIR, repoRoot } from "./engine";
import { runPulumiCli, type CliRun } from "./pulumi-cli-run";
import { summarizeCalls, type CallSummary } from "./requests";
import { tenPercentEdit } from "./scenario";
import { hierarchyYaml, realisticTree, type DeclaredTree } from "./tree";
import { compareWithDeclared, describeMismatch } from "./verify";

export const CLI_STEPS = ["up", "preview", "refresh", "preview --refresh", "edit", "destroy"] as const;
export type CliStepName = (typeof CLI_STEPS)[number];

export interface CliStepResult {
  step: CliStepName;
  wallMs: number;
  calls: CallSummary;
  engineCpuMs: number;
  hostCpuMs?: number;
  /** The Pulumi program's process (undefined for commands that do not run it: refresh, destroy). */
  programCpuMs?: number;
  /** The first lines of what went wrong; later steps are then not run. */
  error?: string;
}

export interface CliSizeResult {
  n: number;
  skipCheckpoints: boolean;
  /** `--parallel` given to every command; undefined: the CLI's default. */
  parallel?: number;
  /** The program as JavaScript (compiled by `npm run build`), run without ts-node. */
  jsProgram?: boolean;
  steps: CliStepResult[];
  renamed: number;
  moved: number;
  /** Bytes of the stack's state file after `up`. */
  stateBytes: number;
}

export interface CliScenarioOptions {
  emulator: EmulatorControl;
  bin: string;
  n: number;
  skipCheckpoints: boolean;
  parallel?: number;
  jsProgram?: boolean;
  /** Working folder; it must lie inside the repository, so the program resolves pulumi-eset-connect. */
  workDir: string;
  progress?: (line: string) => void;
}

const STACK = "bench";

export async function runCliScenario(o: CliScenarioOptions): Promise<CliSizeResult> {
  const { emulator, n } = o;
  await emulator.reset();
  fs.mkdirSync(o.workDir, { recursive: true });
  const program = path.join(o.workDir, "program");
  fs.cpSync(PROGRAM_DIR, program, { recursive: true });
  if (o.jsProgram) useJavaScript(program);
  const backend = path.join(o.workDir, "backend");
  fs.mkdirSync(backend, { recursive: true });
  const initial = realisticTree(n);
  const edit = tenPercentEdit(initial);
  const treeFile = (name: string, tree: DeclaredTree) => {
    const file = path.join(o.workDir, name);
    fs.writeFileSync(file, hierarchyYaml(tree));
    return file;
  };
  const files = { initial: treeFile("tree.yaml", initial), edited: treeFile("tree-edited.yaml", edit.tree) };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_HOME: path.join(o.workDir, "home"),
    PULUMI_CONFIG_PASSPHRASE: "eset-bench-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    PULUMI_BACKEND_URL: `file://${backend}`,
    ...(o.skipCheckpoints ? { PULUMI_EXPERIMENTAL: "true", PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
  };
  for (const key of Object.keys(env)) if (key.startsWith("ESET_CONNECT_")) delete env[key];
  const cli = (args: string[]): Promise<CliRun> =>
    runPulumiCli({
      bin: o.bin,
      args: [...args, "--non-interactive", "--cwd", program],
      env,
      probeDir: path.join(o.workDir, "probe"),
    });
  const setup = async (args: string[]) => {
    const r = await cli(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")}: exit ${r.code}\n${r.output.slice(-2000)}`);
  };
  await setup(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
  await setup(["config", "set", "eset:endpoint", emulator.url, "--stack", STACK]);
  await setup(["config", "set", "eset:username", "demo@example.com", "--stack", STACK]);
  await setup(["config", "set", "--secret", "eset:password", "demo-password", "--stack", STACK]);
  await setup(["config", "set", "bench:tree", files.initial, "--stack", STACK]);

  const result: CliSizeResult = {
    n,
    skipCheckpoints: o.skipCheckpoints,
    parallel: o.parallel,
    ...(o.jsProgram ? { jsProgram: true } : {}),
    steps: [],
    renamed: edit.renamed.length,
    moved: edit.moved.length,
    stateBytes: 0,
  };
  const parallel = o.parallel === undefined ? [] : ["--parallel", String(o.parallel)];
  const run = async (step: CliStepName, args: string[], declared: DeclaredTree) => {
    await emulator.clearRequests();
    const r = await cli([...args, "--stack", STACK, ...parallel]);
    let error = r.code === 0 ? undefined : `exit ${r.code}: ${r.output.slice(-1500)}`;
    if (!error) {
      const mismatch = describeMismatch(compareWithDeclared(await emulator.state(), declared));
      if (mismatch) error = `the emulator's tree differs from the declared one: ${mismatch}`;
    }
    const log = await emulator.requests();
    fs.writeFileSync(path.join(o.workDir, `${step.replace(/\W+/g, "-")}-requests.json`), JSON.stringify(log));
    const measured: CliStepResult = {
      step,
      wallMs: r.wallMs,
      calls: summarizeCalls(log),
      engineCpuMs: r.engineCpuMs,
      hostCpuMs: r.host?.cpuMs,
      programCpuMs: r.programCpuMs,
      ...(error === undefined ? {} : { error }),
    };
    result.steps.push(measured);
    o.progress?.(
      `N=${n}${o.skipCheckpoints ? " (checkpoints skipped)" : ""} ${step}: ${(r.wallMs / 1000).toFixed(1)} s, ` +
        `${measured.calls.total} calls, engine CPU ${(r.engineCpuMs / 1000).toFixed(1)} s, host CPU ` +
        `${((r.host?.cpuMs ?? 0) / 1000).toFixed(1)} s, program CPU ${((r.programCpuMs ?? 0) / 1000).toFixed(1)} s${error ? `, FAILED (${error.split("\n")[0]})` : ""}`,
    );
    return error === undefined;
  };
  const upArgs = ["up", "--yes", "--skip-preview"];
  if (!(await run("up", upArgs, initial))) return result;
  result.stateBytes = stateFileBytes(backend);
  const later: [CliStepName, string[], DeclaredTree][] = [
    ["preview", ["preview", "--expect-no-changes"], initial],
    ["refresh", ["refresh", "--yes", "--skip-preview"], initial],
    ["preview --refresh", ["preview", "--refresh", "--expect-no-changes"], initial],
  ];
  for (const [step, args, declared] of later) if (!(await run(step, args, declared))) return result;
  await setup(["config", "set", "bench:tree", files.edited, "--stack", STACK]);
  if (!(await run("edit", upArgs, edit.tree))) return result;
  await run("destroy", ["destroy", "--yes", "--skip-preview"], { nodes: [] });
  return result;
}

/** The file backend's state of the stack (.pulumi/stacks/<project>/<stack>.json, maybe gzipped). */
function stateFileBytes(backend: string): number {
  const stacks = path.join(backend, ".pulumi", "stacks");
  const files = fs
    .readdirSync(stacks, { recursive: true, encoding: "utf8" })
    .filter((f) => /(^|\/)bench\.json(\.gz)?$/.test(f));
  return files.length === 0 ? 0 : fs.statSync(path.join(stacks, files[0])).size;
}

/**
 * The same program as JavaScript: the build's dist/tools/bench/program/index.js with
 * `typescript: false`, so the language host runs it without ts-node, whose source-map support
 * maps every stack the SDK captures (one per resource and per promise: most of a TypeScript
 * program's CPU at thousands of resources, docs/large-tenants.md).
 */
function useJavaScript(program: string): void {
  fs.rmSync(path.join(program, "index.ts"));
  fs.copyFileSync(
    path.join(repoRoot(), "dist", "tools", "bench", "program", "index.js"),
    path.join(program, "index.js"),
  );
  const yaml = path.join(program, "Pulumi.yaml");
  fs.writeFileSync(
    yaml,
    fs
      .readFileSync(yaml, "utf8")
      .replace("typescript: true", "typescript: false")
      .replace("main: index.ts", "main: index.js"),
  );
}
