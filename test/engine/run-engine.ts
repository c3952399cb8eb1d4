// Runs the engine harness the way a user does (`node dist/tools/engine/cli.js ... --json`) in a
// child process: the program must run in a plain Node process, not inside jest's VM. Every test that
// drives the harness (directly, or through the demo) runs it from here, in one environment.
// Commands of one program folder share a harness process (dist/tools/engine/serve.js, one command
// at a time; see tools/engine/serve.ts and docs/engine-harness.md) until a command leaves its
// program running; a command sent while that process is busy gets a process of its own.
// ESET_TEST_ENGINE_PROCESS=each runs every command in a process of its own.
import { fork, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { RunReport, StepRecord } from "../../tools/engine/report";
import type { ServeAnswer } from "../../tools/engine/serve";
import { cleanEnv } from "../support/env";

export const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join("dist", "tools", "engine", "cli.js");
const SERVE = path.join("dist", "tools", "engine", "serve.js");

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

/** A harness process that runs the commands of one program folder, one at a time. */
class EngineServer {
  busy = false;
  private answer?: (a: ServeAnswer) => void;
  private output = "";
  private readonly child: ChildProcess;
  exited = false;

  constructor() {
    this.child = fork(path.join(REPO, SERVE), [], {
      cwd: REPO,
      env: engineEnv({}),
      // Not the jest worker's flags: a harness process starts as `node cli.js` does.
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    // Anything written outside a command (none expected) is kept for the report of a crash.
    this.child.stdout?.on("data", (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on("data", (d: Buffer) => (this.output += d.toString()));
    this.child.on("message", (a: ServeAnswer) => this.settle(a));
    this.child.on("exit", (code) => {
      this.exited = true;
      this.settle({ code: code ?? -1, stdout: "", stderr: this.output, reusable: false });
    });
  }

  private settle(a: ServeAnswer): void {
    const answer = this.answer;
    this.answer = undefined;
    answer?.(a);
  }

  run(args: string[], env: NodeJS.ProcessEnv): Promise<ServeAnswer> {
    this.busy = true;
    return new Promise<ServeAnswer>((resolve) => {
      const timer = setTimeout(() => this.child.kill(), RUN_TIMEOUT_MS);
      this.answer = (a) => {
        clearTimeout(timer);
        this.busy = false;
        resolve(a);
      };
      const request = { args, env: engineEnv(env), cwd: REPO };
      this.child.send(request);
    });
  }

  /** Stops the process (a provider host lives only while a command runs). */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill();
    await exited;
  }
}

/** The harness process of each program folder (absolute path), while it serves. */
const servers = new Map<string, EngineServer>();

/** The program folder a command line names (`stack output <dir>`, else `<command> <dir>`). */
function programDirOf(args: string[]): string {
  return path.resolve(REPO, args[0] === "stack" ? args[2] : args[1]);
}

/**
 * Runs one harness command line (the arguments after `cli.js`) with `env` added to the run's
 * environment: in the program folder's harness process when it is free, else in one of its own.
 */
export async function runHarnessCommand(args: string[], env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  if (process.env.ESET_TEST_ENGINE_PROCESS === "each") return runBuiltScript(CLI, args, env);
  const dir = programDirOf(args);
  let server = servers.get(dir);
  if (server?.busy) return runBuiltScript(CLI, args, env);
  if (!server || server.exited) {
    server = new EngineServer();
    servers.set(dir, server);
  }
  const answer = await server.run(args, env);
  if (!answer.reusable) {
    await server.close();
    if (servers.get(dir) === server) servers.delete(dir);
  }
  return answer;
}

// The servers of a test file end with it (the lane fails a file that leaves a process running).
afterAll(async () => {
  const closing = [...servers.values()].map((server) => server.close());
  servers.clear();
  await Promise.all(closing);
});

/** Runs one harness command with --json; `env` adds to (or overrides) the run's environment. */
export async function runEngineCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<EngineRun> {
  const { code, stdout, stderr } = await runHarnessCommand([...args, "--json"], env);
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
