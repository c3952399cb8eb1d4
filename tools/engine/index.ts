// The engine harness: runs `up`, `preview`, `refresh` or `destroy` for a Pulumi program folder
// with the real SDK and the real dynamic-provider host, and a stand-in for the engine's
// orchestration (see docs/engine-harness.md for what it imitates, and how faithfully).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineContext } from "./context";
import { storedProviderConfig } from "./default-provider";
import { runDeletes } from "./deletes";
import { createMonitor } from "./monitor";
import { resolvePendingOperations, validatePendingCreateOptions, type PendingCreateOptions } from "./pending";
import { runProgram } from "./program";
import { readProject, resolveStackConfig } from "./project";
import type { PropertyMap } from "./properties";
import { runRefresh } from "./refresh";
import { Deployment } from "./register";
import { Reporter, type Phase, type RunReport } from "./report";
import { loadSdk } from "./sdk";
import { StackState } from "./state";
import { ROOT_STACK_TYPE } from "./urn";
import { debugRequested } from "../../shared/debug";

export type Command = "up" | "preview" | "refresh" | "destroy";
export const COMMANDS: readonly Command[] = ["up", "preview", "refresh", "destroy"];

export interface EngineOptions extends PendingCreateOptions {
  command: Command;
  /** Folder holding Pulumi.yaml. */
  programDir: string;
  /** Stack name. Default: "dev". */
  stack?: string;
  /** State file. Default: `<programDir>/.pulumi-engine/<stack>.json`. */
  stateFile?: string;
  /** `key=value` config entries (keys without namespace take the project name). Default: none. */
  config?: string[];
  /** `key=value` secret config entries. Default: none. */
  secretConfig?: string[];
  /** Refresh before `up` or `preview`. Default: false. */
  refresh?: boolean;
  /** Fail (exit code 7) when anything changes or would change. Default: false. */
  expectNoChanges?: boolean;
  /** `refresh` only: show what a refresh would change without writing the state. Default: false. */
  previewOnly?: boolean;
  /**
   * Operations at once. Default: `PULUMI_PARALLEL` when set, else 4 × the number of CPUs, as the
   * CLI (pkg/cmd/pulumi/operations/flags.go; pulumi/pulumi#15016).
   */
  parallel?: number;
  /**
   * `refresh`/`destroy`: configure the provider with the current stack config instead of the
   * config the last `up` stored with the default provider, as the CLI's `--run-program` does
   * (the harness does not run the program for them). Default: false.
   */
  runProgram?: boolean;
  /**
   * Pass the provider host's stack frames through (they are dropped otherwise: the error itself is
   * reported once, under Diagnostics). Also on with `ESET_CONNECT_DEBUG=1`. Default: false.
   */
  debug?: boolean;
  /** Print one JSON document instead of the human-readable report. Default: false. */
  json?: boolean;
  /** Where the report goes. Default: standard output. */
  write?: (text: string) => void;
  /** Where warnings and the provider host's console lines go. Default: standard error. */
  log?: (line: string) => void;
}

export interface EngineResult {
  report: RunReport;
  /**
   * True when the program was still running as the command ended (the deployment stopped after a
   * failure, leaving its registrations unanswered): in a process of its own it would now be
   * stopped; in one that serves more commands (serve.ts) it must not meet the next one.
   */
  programLeftRunning: boolean;
  /** 0 success, 1 failure, 7 unexpected changes with --expect-no-changes: the CLI's codes (pkg/cmd/pulumi/cmd/exit_codes.go `ExitCodeFor`; pulumi/pulumi#5144). */
  exitCode: number;
}

export function readPassphrase(): string {
  const file = process.env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (process.env.PULUMI_CONFIG_PASSPHRASE === undefined && file) return fs.readFileSync(file, "utf8").trim();
  return process.env.PULUMI_CONFIG_PASSPHRASE ?? "";
}

function validate(o: EngineOptions): { stack: string; parallel: number } {
  if (!COMMANDS.includes(o.command)) {
    throw new Error(`unknown command "${o.command}": use one of ${COMMANDS.join(", ")}`);
  }
  const stack = o.stack ?? "dev";
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new Error(`--stack "${stack}" is not a stack name: use letters, digits, "-", "_" and "."`);
  }
  const fromEnv = process.env.PULUMI_PARALLEL;
  const parallel = o.parallel ?? (fromEnv ? Number(fromEnv) : 4 * os.cpus().length);
  if (!Number.isInteger(parallel) || parallel < 1) {
    const given =
      o.parallel !== undefined ? `--parallel ${String(o.parallel)}` : `PULUMI_PARALLEL=${fromEnv}`;
    throw new Error(`${given} is not a positive whole number: use e.g. 4`);
  }
  if (o.previewOnly && o.command !== "refresh") throw new Error("--preview-only goes with refresh only");
  if (o.runProgram && o.command !== "refresh" && o.command !== "destroy") {
    throw new Error(
      "--run-program goes with refresh and destroy only (up and preview always run the program)",
    );
  }
  validatePendingCreateOptions(o.command, o);
  return { stack, parallel };
}

/**
 * A line of the host's echo of an error it returns to the engine (`${e}: ${e.stack}` in
 * cmd/dynamic-provider): a stack frame, or the error's first line doubled. The error itself
 * reaches the report through the gRPC answer.
 */
export function isErrorEcho(line: string): boolean {
  if (/^\s+at /.test(line)) return true;
  const m = /^(\w*Error): (.*): \1: \2$/.exec(line);
  return m !== null;
}

export async function runEngine(o: EngineOptions): Promise<EngineResult> {
  const started = Date.now();
  const write = o.write ?? ((text: string) => process.stdout.write(text));
  const preview = o.command === "preview" || (o.command === "refresh" && o.previewOnly === true);
  const countedPhase: Phase =
    o.command === "destroy" ? "destroy" : o.command === "refresh" ? "refresh" : "update";
  const reporter = new Reporter({
    command: o.command,
    stack: o.stack ?? "dev",
    preview,
    countedPhase,
    json: o.json === true,
    write,
  });
  reporter.begin(o.command === "refresh" || o.refresh ? "refresh" : countedPhase);
  let outcome: Outcome;
  try {
    outcome = await execute(o, reporter, preview);
  } catch (e) {
    // Bad options, project, config or state: nothing ran.
    reporter.diagnostic({ severity: "error", message: (e as Error).message });
    outcome = { outputs: {}, failed: true, programLeftRunning: false };
  }
  const report = reporter.finish(
    outcome.outputs,
    outcome.failed,
    o.expectNoChanges === true,
    Date.now() - started,
  );
  const exitCode = report.result === "failed" ? 1 : report.unexpectedChanges ? 7 : 0;
  return { report, exitCode, programLeftRunning: outcome.programLeftRunning };
}

interface Outcome {
  outputs: PropertyMap;
  failed: boolean;
  programLeftRunning: boolean;
}

async function execute(o: EngineOptions, reporter: Reporter, preview: boolean): Promise<Outcome> {
  const { stack, parallel } = validate(o);
  const print = o.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const debug = o.debug === true || debugRequested();
  const log = debug ? print : (line: string) => (isErrorEcho(line) ? undefined : print(line));
  const programDir = path.resolve(o.programDir);
  const project = readProject(programDir);
  reporter.project = project.name;
  const config = resolveStackConfig(project, stack, {
    config: o.config ?? [],
    secretConfig: o.secretConfig ?? [],
  });
  const stateFile = path.resolve(o.stateFile ?? path.join(programDir, ".pulumi-engine", `${stack}.json`));
  const state = StackState.load(stateFile, project.name, stack, readPassphrase());
  const sdk = loadSdk(programDir);
  // The program's config reaches the provider when the program runs; refresh and destroy otherwise
  // configure it with what the last up stored (see default-provider.ts).
  const runsProgram = o.command === "up" || o.command === "preview" || o.runProgram === true;
  const ctx = new EngineContext({
    project: project.name,
    stack,
    programDir,
    preview,
    parallel,
    config: runsProgram ? config.values : storedProviderConfig(state),
    stackConfig: config,
    sdk,
    state,
    reporter,
    onHostLog: log,
  });

  for (const d of resolvePendingOperations(state, o.command, o)) reporter.diagnostic(d);
  ctx.save();

  let outputs: PropertyMap = {};
  let programLeftRunning = false;
  if (o.command === "up" || o.command === "preview" || state.resources.some((r) => r.custom)) ctx.warmUp();
  try {
    if (o.command === "refresh" || o.refresh) await runRefresh(ctx);
    if (!ctx.failed && (o.command === "up" || o.command === "preview")) {
      const deployment = new Deployment(ctx);
      const monitor = createMonitor(sdk, deployment, (message) => ctx.fail(message));
      const program = runProgram({ project, stack, preview, parallel, config, sdk, monitor });
      programLeftRunning = true;
      const ended = (): void => void (programLeftRunning = false);
      program.then(ended, ended);
      const stopped = deployment.stoppedAfterFailure().then(() => ({ errors: [] }));
      const result = await Promise.race([program, stopped]);
      outputs = deployment.stackOutputs;
      // Once the engine has failed, the program's errors are consequences of that failure.
      if (!ctx.failed && result.errors.length > 0)
        ctx.fail(`the program failed:\n${result.errors.join("\n")}`);
      if (!ctx.failed) await runDeletes(ctx, deployment.leftovers(), "update");
    }
    if (o.command === "destroy") await runDeletes(ctx, [...state.resources], "destroy");
    if (o.command === "refresh")
      outputs = state.resources.find((r) => r.type === ROOT_STACK_TYPE)?.outputs ?? {};
  } catch (e) {
    ctx.fail((e as Error).message);
  } finally {
    await ctx.close();
  }
  return { outputs, failed: ctx.failed, programLeftRunning };
}
