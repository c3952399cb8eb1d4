// Runs the engine harness the way a user does (`node dist/tools/engine/cli.js ... --json`) in a
// child process: the program must run in a plain Node process, not inside jest's VM.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { RunReport, StepRecord } from "../../tools/engine/report";

export const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join(REPO, "dist", "tools", "engine", "cli.js");

/** Fails early, with the fix, when the built harness is missing or older than its sources. */
export function assertBuilt(): void {
  const sources = path.join(REPO, "tools", "engine");
  const built = path.join(REPO, "dist", "tools", "engine");
  for (const file of fs.readdirSync(sources).filter((f) => f.endsWith(".ts"))) {
    const js = path.join(built, file.replace(/\.ts$/, ".js"));
    if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(sources, file)).mtimeMs) {
      throw new Error(`dist/tools/engine/${path.basename(js)} is missing or stale: run npm run build first`);
    }
  }
}

export interface EngineRun {
  code: number;
  report: RunReport;
  stderr: string;
}

/**
 * Runs one command with --json. Programs are transpiled without type checks
 * (PULUMI_NODEJS_TRANSPILE_ONLY, as the nodejs runtime allows) to keep runs short.
 */
export function runEngineCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, "--json"], {
      cwd: REPO,
      env: {
        ...process.env,
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Below jest's test timeout, so a stuck run is killed rather than left behind.
      timeout: 50_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve({ code: code ?? -1, report: JSON.parse(stdout) as RunReport, stderr });
      } catch {
        reject(
          new Error(`engine ${args.join(" ")} exited ${code} without a JSON report:\n${stdout}\n${stderr}`),
        );
      }
    });
  });
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
