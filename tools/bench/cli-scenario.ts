/**
 * One size of the real-CLI benchmark: the benchmark's program (tools/bench/program) under the real
 * Pulumi CLI with a file backend, against the emulator at 10 calls/s, or the same tree over the
 * `eset` provider plugin (cli-program.ts): up, a no-op preview, refresh,
 * preview --refresh, an up with 10 % edits (5 % renames, 5 % moves), destroy. Each step is checked
 * (the live tree must match the declared one) before its figures count.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import type { EmulatorControl } from "../../emulator/control-client";
import { writeCliProgram, type CliProgram } from "./cli-program";
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
  /**
   * The Pulumi program's process (undefined for commands that do not run it: refresh, destroy):
   * the Node.js program of the dynamic program, the YAML language host (which evaluates the
   * program itself) of the plugin program.
   */
  programCpuMs?: number;
  /** How many provider processes the command started (their CPU is summed in hostCpuMs). */
  hostProcesses?: number;
  /** Each provider process's CPU, and whether it called the API, when there were several. */
  hostsEach?: { cpuMs: number; calledApi: boolean }[];
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
  /** Which program ran (cli-program.ts); undefined in results saved before the plugin's: dynamic. */
  program?: CliProgram;
  /** When the size started (ISO 8601, UTC). */
  startedAt?: string;
  /** The machine's 1-minute load average when the size started and when it ended (a shared machine). */
  load?: { before: number; after: number };
  steps: CliStepResult[];
  renamed: number;
  moved: number;
  /** Bytes of the stack's state file after `up`. */
  stateBytes: number;
  /** Resources in the state after `up` by type token (the stack and providers left out). */
  typesAfterUp?: Record<string, number>;
}

export interface CliScenarioOptions {
  emulator: EmulatorControl;
  bin: string;
  n: number;
  skipCheckpoints: boolean;
  parallel?: number;
  jsProgram?: boolean;
  /** Default "dynamic". */
  program?: CliProgram;
  /** Working folder; it must lie inside the repository, so the program resolves pulumi-eset-connect. */
  workDir: string;
  progress?: (line: string) => void;
}

const STACK = "bench";

export async function runCliScenario(o: CliScenarioOptions): Promise<CliSizeResult> {
  const { emulator, n } = o;
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg()[0];
  await emulator.reset();
  fs.mkdirSync(o.workDir, { recursive: true });
  const program = path.join(o.workDir, "program");
  const which = o.program ?? "dynamic";
  writeCliProgram(program, which, o.jsProgram === true);
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
    ...(which === "dynamic" ? {} : { program: which }),
    startedAt,
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
      ...(r.hostProcesses > 1 ? { hostProcesses: r.hostProcesses, hostsEach: r.hostsEach } : {}),
      programCpuMs: which === "plugin" ? r.yamlHostCpuMs : r.programCpuMs,
      ...(error === undefined ? {} : { error }),
    };
    result.steps.push(measured);
    o.progress?.(
      `N=${n} ${which}${o.skipCheckpoints ? " (checkpoints skipped)" : ""} ${step}: ${(r.wallMs / 1000).toFixed(1)} s, ` +
        `${measured.calls.total} calls, engine CPU ${(r.engineCpuMs / 1000).toFixed(1)} s, host CPU ` +
        `${((r.host?.cpuMs ?? 0) / 1000).toFixed(1)} s, program CPU ${((measured.programCpuMs ?? 0) / 1000).toFixed(1)} s${error ? `, FAILED (${error.split("\n")[0]})` : ""}`,
    );
    return error === undefined;
  };
  const upArgs = ["up", "--yes", "--skip-preview"];
  const done = () => ({ ...result, load: { before: loadBefore, after: os.loadavg()[0] } });
  if (!(await run("up", upArgs, initial))) return done();
  const state = stateFile(backend);
  if (state) {
    result.stateBytes = fs.statSync(state).size;
    result.typesAfterUp = typesInState(state);
  }
  const later: [CliStepName, string[], DeclaredTree][] = [
    ["preview", ["preview", "--expect-no-changes"], initial],
    ["refresh", ["refresh", "--yes", "--skip-preview"], initial],
    ["preview --refresh", ["preview", "--refresh", "--expect-no-changes"], initial],
  ];
  for (const [step, args, declared] of later) if (!(await run(step, args, declared))) return done();
  await setup(["config", "set", "bench:tree", files.edited, "--stack", STACK]);
  if (!(await run("edit", upArgs, edit.tree))) return done();
  await run("destroy", ["destroy", "--yes", "--skip-preview"], { nodes: [] });
  return done();
}

/** The file backend's state of the stack (.pulumi/stacks/<project>/<stack>.json, maybe gzipped). */
function stateFile(backend: string): string | undefined {
  const stacks = path.join(backend, ".pulumi", "stacks");
  const files = fs
    .readdirSync(stacks, { recursive: true, encoding: "utf8" })
    .filter((f) => /(^|\/)bench\.json(\.gz)?$/.test(f));
  return files.length === 0 ? undefined : path.join(stacks, files[0]);
}

/** How many resources of each type the state holds (the stack and providers left out). */
function typesInState(file: string): Record<string, number> {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8");
  const resources =
    (JSON.parse(text) as { checkpoint?: { latest?: { resources?: { type: string }[] } } }).checkpoint?.latest
      ?.resources ?? [];
  const counts: Record<string, number> = {};
  for (const { type } of resources) {
    if (type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:")) continue;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
