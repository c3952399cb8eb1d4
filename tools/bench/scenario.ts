/**
 * One benchmark size: deploy a depth-4 tree of N groups through the engine harness against the
 * emulator, then a no-op preview, a refresh, an `up` with 10% renames and moves, and a destroy.
 * Each step is checked (the live tree must match the declared one) before its figures count.
 */
import * as fs from "fs";
import * as path from "path";
import type { ChangeSummary } from "../engine/report";
import { runEngineCommand, type CommandRunner, type EngineCommand, type EngineRun } from "./engine";
import type { EmulatorControl } from "../../emulator/control-client";
import type { RequestLogEntry } from "../../emulator";
import { summarizeCalls, type CallSummary } from "./requests";
import { editTree, hierarchyYaml, realisticTree, type DeclaredTree } from "./tree";
import { compareWithDeclared, describeMismatch } from "./verify";

export const STEPS = ["up", "preview", "refresh", "edit", "destroy"] as const;
export type StepName = (typeof STEPS)[number];

export interface StepResult {
  step: StepName;
  /** The engine command's wall time, process start to exit. */
  wallMs: number;
  calls: CallSummary;
  /** Attempts the provider's client made again (429, 5xx, dropped connection). */
  retries: number;
  /** Time the provider's client waited for its rate limiter. */
  limiterWaitMs: number;
  /** CPU time and peak memory of the provider host during this command. */
  hostCpuMs?: number;
  hostMaxRssBytes?: number;
  changes: ChangeSummary;
  /**
   * Why the step failed: the engine's first error, or how the live tree differs from the declared
   * one. Later steps are then not run.
   */
  error?: string;
}

export interface SizeResult {
  n: number;
  /** False when the client's limiter was switched off (--no-limiter). */
  limiter: boolean;
  steps: StepResult[];
  /** Groups renamed and moved by the edit step. */
  renamed: number;
  moved: number;
  /** Bytes of the state file after `up`. */
  stateBytes: number;
  /** Bytes of one Group's serialized provider (`__provider`), as stored in its inputs. */
  providerBytes: number;
}

export interface ScenarioOptions {
  emulator: EmulatorControl;
  n: number;
  /** Keep the client's rate limiter on. Default true. */
  limiter?: boolean;
  /** Folder for the tree files and the state (created; left for inspection). */
  workDir: string;
  /** Progress lines. Default: none. */
  progress?: (line: string) => void;
}

const USERNAME = "demo@example.com";
const PASSWORD = "demo-password";

/** 5% renames and 5% moves (at least one each). */
export function tenPercentEdit(tree: DeclaredTree) {
  const share = Math.max(1, Math.round(tree.nodes.length * 0.05));
  return editTree(tree, { renames: share, moves: share });
}

function sumMetric(run: EngineRun, key: "retries" | "limiterWaitMs"): number {
  return (run.host?.clients ?? []).reduce((sum, c) => sum + Number(c[key] ?? 0), 0);
}

export interface StepOptions {
  emulator: EmulatorControl;
  /** The step's name, for the request log file and the progress line. */
  step: string;
  command: EngineCommand;
  stateFile: string;
  /** The hierarchy YAML the program reads (config `bench:tree`). */
  treeFile: string;
  limiter: boolean;
  /** Where the step's request log is left. */
  workDir: string;
  /**
   * After a successful command: how the emulator's live tree differs from the declared one
   * ("" when it matches). A difference fails the step, so its figures never count.
   */
  check: () => Promise<string>;
  progress?: (line: string) => void;
  /** How the command runs (see EngineRunOptions). Default: a Node process of its own. */
  runner?: CommandRunner;
}

/**
 * One engine command against the emulator, measured: its calls from the request log (cleared
 * first), the client's retries and limiter waits, the host's CPU and memory, and the live state
 * checked. Shared by the group scenario and the policy one (policy-scenario.ts).
 */
export async function measureStep(
  o: StepOptions,
): Promise<{ measured: Omit<StepResult, "step">; log: RequestLogEntry[] }> {
  const { emulator } = o;
  await emulator.clearRequests();
  const result = await runEngineCommand({
    command: o.command,
    stateFile: o.stateFile,
    config: { "eset:endpoint": emulator.url, "eset:username": USERNAME, "bench:tree": o.treeFile },
    secretConfig: { "eset:password": PASSWORD },
    noLimiter: !o.limiter,
    runner: o.runner,
  });
  let error: string | undefined;
  if (result.exitCode !== 0) {
    const errors = result.report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    error = `exit ${result.exitCode}: ${errors[0] ?? result.stderr.slice(-500)}`;
  } else {
    const mismatch = await o.check();
    if (mismatch) error = `the emulator's tree differs from the declared one: ${mismatch}`;
  }
  const log = await emulator.requests();
  // Left beside the state for inspection (which call came when, e.g. a destroy's waves).
  fs.writeFileSync(path.join(o.workDir, `${o.step}-requests.json`), JSON.stringify(log));
  const calls = summarizeCalls(log);
  const measured = {
    wallMs: result.wallMs,
    calls,
    retries: sumMetric(result, "retries"),
    limiterWaitMs: sumMetric(result, "limiterWaitMs"),
    hostCpuMs: result.host?.cpuMs,
    hostMaxRssBytes: result.host?.maxRssBytes,
    changes: result.report.changeSummary,
    ...(error === undefined ? {} : { error }),
  };
  o.progress?.(
    `${o.step}: ${(result.wallMs / 1000).toFixed(1)} s, ${calls.total} calls, ` +
      `${calls.rateLimited} 429s, ${measured.retries} retries${error ? `, FAILED (${error.split("\n")[0]})` : ""}`,
  );
  return { measured, log };
}

export async function runScenario(o: ScenarioOptions): Promise<SizeResult> {
  const { emulator, n } = o;
  const limiter = o.limiter ?? true;
  fs.mkdirSync(o.workDir, { recursive: true });
  const stateFile = path.join(o.workDir, "state.json");
  fs.rmSync(stateFile, { force: true });
  await emulator.reset();

  const writeTree = (name: string, tree: DeclaredTree) => {
    const file = path.join(o.workDir, name);
    fs.writeFileSync(file, hierarchyYaml(tree));
    return file;
  };
  const initial = realisticTree(n);
  const edit = tenPercentEdit(initial);
  const files = {
    initial: writeTree("tree.yaml", initial),
    edited: writeTree("tree-edited.yaml", edit.tree),
  };

  const steps: StepResult[] = [];
  const run = async (
    step: StepName,
    command: EngineCommand,
    tree: keyof typeof files,
    declared?: DeclaredTree,
  ) => {
    const { measured } = await measureStep({
      emulator,
      step,
      command,
      stateFile,
      treeFile: files[tree],
      limiter,
      workDir: o.workDir,
      check: async () =>
        describeMismatch(compareWithDeclared(await emulator.state(), declared ?? { nodes: [] })),
      progress: o.progress && ((line) => o.progress?.(`N=${n}${limiter ? "" : " (no limiter)"} ${line}`)),
    });
    steps.push({ step, ...measured });
    return measured.error === undefined;
  };

  const result: SizeResult = {
    n,
    limiter,
    steps,
    renamed: edit.renamed.length,
    moved: edit.moved.length,
    stateBytes: 0,
    providerBytes: 0,
  };
  if (!(await run("up", "up", "initial", initial))) return result;
  const state = fs.readFileSync(stateFile, "utf8");
  const group = (
    JSON.parse(state) as { resources: { type: string; inputs: { __provider?: string } }[] }
  ).resources.find((r) => r.type.endsWith(":Group"));
  result.stateBytes = Buffer.byteLength(state);
  result.providerBytes = Buffer.byteLength(group?.inputs.__provider ?? "");
  const later: [StepName, EngineCommand, keyof typeof files, DeclaredTree?][] = [
    ["preview", "preview", "initial", initial],
    ["refresh", "refresh", "initial", initial],
    ["edit", "up", "edited", edit.tree],
    ["destroy", "destroy", "edited"],
  ];
  // Each step needs the one before it to have succeeded.
  for (const [step, command, tree, declared] of later) {
    if (!(await run(step, command, tree, declared))) break;
  }
  return result;
}
