/**
 * Runs one engine-harness command (`node dist/tools/engine/cli.js <command> <programDir> --json`)
 * in a child process, the way a user runs `npm run engine`, and collects what the benchmark and
 * the proof tests measure: the JSON report, everything printed, wall time and the provider host's
 * CPU time, peak memory and client counters (through host-probe).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { RunReport } from "../engine/report";
import type { HostUsage } from "./host-probe";

export type { HostUsage };

/** The repository root: the nearest folder upwards holding this package's package.json. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const name = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name;
      if (name === "pulumi-eset-connect") return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no pulumi-eset-connect package.json above ${from}`);
  }
}

/** The benchmark's Pulumi program (TypeScript, run by the engine through ts-node). */
export const PROGRAM_DIR = path.join(repoRoot(), "tools", "bench", "program");

const BUILT = [
  "dist/tools/engine/cli.js",
  "dist/tools/bench/host-probe.js",
  "dist/provider/dynamic-provider/host.js",
];

/** Fails early, with the fix, when the built files the engine run needs are missing. */
export function assertBuilt(): void {
  const missing = BUILT.filter((f) => !fs.existsSync(path.join(repoRoot(), f)));
  if (missing.length > 0) throw new Error(`${missing.join(", ")} missing: run npm run build first`);
}

export type EngineCommand = "up" | "preview" | "refresh" | "destroy";

export interface EngineRunOptions {
  command: EngineCommand;
  /** Folder holding Pulumi.yaml. Default: the benchmark program. */
  programDir?: string;
  /** The stack's state file. Required: runs never write into the program folder. */
  stateFile: string;
  /** Stack name (`--stack`). Default: the harness's `dev`. */
  stack?: string;
  /** Plain stack config (`eset:endpoint`, `bench:tree`, ...). Default: none. */
  config?: Record<string, string>;
  /** Secret stack config (`eset:password`). Default: none. */
  secretConfig?: Record<string, string>;
  /** Added to the environment; `ESET_CONNECT_*` variables of this process are never passed on. Default: none. */
  env?: NodeJS.ProcessEnv;
  /** Pass `--expect-no-changes`. Default: false. */
  expectNoChanges?: boolean;
  /** Give the provider host a limiter that never waits (see host-probe). Default: false. */
  noLimiter?: boolean;
  /**
   * Runs the harness's command line (the arguments after `cli.js`) in `env`, from the repository's
   * root. Default: a Node process of its own, writing its report into a file. The test lanes pass
   * theirs (test/engine/run-engine.ts), which serves a program folder's commands in one process.
   */
  runner?: CommandRunner;
}

/** What runs one harness command line: its exit code and what it wrote. */
export type CommandRunner = (
  args: string[],
  env: NodeJS.ProcessEnv,
) => Promise<{ code: number; stdout: string; stderr: string }>;

export interface EngineRun {
  exitCode: number;
  report: RunReport;
  stdout: string;
  stderr: string;
  /** From spawning the engine to its exit. */
  wallMs: number;
  /** The provider host of this run; undefined when none was started. */
  host?: HostUsage;
}

/** This process's environment without any ESET_CONNECT_* variable: runs see only what they are given. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ESET_CONNECT_")));
}

/** The default runner: `node dist/tools/engine/cli.js`, its report written into `dir`. */
function runInOwnProcess(dir: string): CommandRunner {
  return async (args, env) => {
    const root = repoRoot();
    // Standard output goes to a file, not a pipe, so a report of several MiB never depends on how
    // fast this process reads (an engine CLI that exited before its output drained once cut it).
    const stdoutFile = path.join(dir, "stdout.json");
    const stdoutFd = fs.openSync(stdoutFile, "w");
    try {
      const cli = path.join(root, "dist", "tools", "engine", "cli.js");
      const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [cli, ...args], {
          cwd: root,
          env,
          stdio: ["ignore", stdoutFd, "pipe"],
        });
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
      });
      return { code, stdout: fs.readFileSync(stdoutFile, "utf8"), stderr };
    } finally {
      fs.closeSync(stdoutFd);
    }
  };
}

export async function runEngineCommand(o: EngineRunOptions): Promise<EngineRun> {
  const root = repoRoot();
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-bench-probe-"));
  const args = [o.command, o.programDir ?? PROGRAM_DIR, "--state", o.stateFile, "--json"];
  if (o.stack) args.push("--stack", o.stack);
  for (const [k, v] of Object.entries(o.config ?? {})) args.push("--config", `${k}=${v}`);
  for (const [k, v] of Object.entries(o.secretConfig ?? {})) args.push("--secret-config", `${k}=${v}`);
  if (o.expectNoChanges) args.push("--expect-no-changes");
  const probe = path.join(root, "dist", "tools", "bench", "host-probe.js");
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    // Type checks belong to `npm run typecheck`; the engine only needs the program transpiled.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    PULUMI_CONFIG_PASSPHRASE: "eset-bench-passphrase",
    ...o.env,
    // Node options of the caller (the test lanes' code cache) are kept; the probe is added.
    NODE_OPTIONS: `${o.env?.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? ""} --require ${probe}`.trim(),
    ESET_BENCH_PROBE_DIR: probeDir,
    ...(o.noLimiter ? { ESET_BENCH_NO_LIMITER: "1" } : {}),
  };
  const started = process.hrtime.bigint();
  try {
    const run = o.runner ?? runInOwnProcess(probeDir);
    const { code, stdout, stderr } = await run(args, env);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    let report: RunReport;
    try {
      report = JSON.parse(stdout) as RunReport;
    } catch {
      throw new Error(
        `engine ${o.command} exited ${code} without a JSON report:\n${stdout.slice(0, 4000)}\n${stderr.slice(-4000)}`,
      );
    }
    const probes = fs.readdirSync(probeDir).filter((f) => f.startsWith("host-"));
    const host =
      probes.length === 0
        ? undefined
        : (JSON.parse(fs.readFileSync(path.join(probeDir, probes[0]), "utf8")) as HostUsage);
    return { exitCode: code, report, stdout, stderr, wallMs, host };
  } finally {
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
}
