// Runs the engine harness the way a user does (`node dist/tools/engine/cli.js ... --json`) in a
// child process: the program must run in a plain Node process, not inside jest's VM. Every test that
// drives the harness (directly, or through the demo) runs it from here, in one environment.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { RunReport, StepRecord } from "../../tools/engine/report";
import { cleanEnv } from "../support/env";

export const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join("dist", "tools", "engine", "cli.js");

function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return typeScriptFiles(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

/**
 * Fails early, with the fix, when the built harness and demo (and, with `provider`, the package the
 * programs import) are missing or older than their sources.
 */
export function assertBuilt(options: { provider?: boolean } = {}): void {
  const sources = [...typeScriptFiles(path.join("tools", "engine")), path.join("tools", "demo.ts")];
  if (options.provider) sources.push(...typeScriptFiles("provider"));
  for (const source of sources) {
    const js = path.join("dist", source.replace(/\.ts$/, ".js"));
    const built = path.join(REPO, js);
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(REPO, source)).mtimeMs) {
      throw new Error(`${js} is missing or stale: run npm run build first`);
    }
  }
}

/** Longest a single harness run may take before it is killed (a loaded CI machine is slow). */
export const RUN_TIMEOUT_MS = 120_000;

export interface EngineRun {
  code: number;
  report: RunReport;
  stderr: string;
}

/**
 * The environment of a harness run (see cleanEnv): programs transpiled without type checks
 * (PULUMI_NODEJS_TRANSPILE_ONLY, as the nodejs runtime allows; `npm run typecheck` checks them) to
 * keep runs short, a test passphrase, then `env` on top.
 */
function engineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return cleanEnv({
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
    ...env,
  });
}

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a built script of the repository (`dist/...`) in a plain Node process (a Pulumi program
 * cannot run inside jest's VM), in the environment of a harness run plus `env`, from the
 * repository's root.
 */
export function runBuiltScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, script), ...args], {
      cwd: REPO,
      env: engineEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
      // A stuck run is killed rather than left behind; test files set their timeout above this.
      timeout: RUN_TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs one harness command with --json; `env` adds to (or overrides) the run's environment. */
export async function runEngineCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<EngineRun> {
  const { code, stdout, stderr } = await runBuiltScript(CLI, [...args, "--json"], env);
  try {
    return { code, report: JSON.parse(stdout) as RunReport, stderr };
  } catch {
    throw new Error(`engine ${args.join(" ")} exited ${code} without a JSON report:\n${stdout}\n${stderr}`);
  }
}

/** Steps of one phase, as `op name` strings, for readable assertions. */
export function ops(report: RunReport, phase: StepRecord["phase"] = "update"): string[] {
  return report.steps.filter((s) => s.phase === phase).map((s) => `${s.op} ${s.name}`);
}

export function step(report: RunReport, name: string, phase: StepRecord["phase"] = "update"): StepRecord {
  const found = report.steps.find((s) => s.name === name && s.phase === phase && s.op !== "delete-replaced");
  if (!found) throw new Error(`no ${phase} step for ${name} in ${JSON.stringify(ops(report, phase))}`);
  return found;
}

export function errorsOf(report: RunReport): string[] {
  return report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
}
