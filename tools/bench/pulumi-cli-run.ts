/**
 * Runs one command of the real Pulumi CLI (the one `npm run pulumi-cli:bin` builds) for the
 * benchmark's real-CLI mode, and measures what the engine harness cannot show: the `pulumi`
 * process's own CPU time (the engine, which saves the state after every step on a file backend),
 * beside the provider host's (host-probe.ts) and the wall time.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, type HostUsage } from "./engine";

/** The folder holding `pulumi` and its plugins; built on first use (slow once, then cached). */
export function pulumiCliBin(): string {
  const out = execFileSync("npm", ["run", "--silent", "pulumi-cli:bin"], {
    cwd: repoRoot(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = out.trim().split("\n");
  return lines[lines.length - 1];
}

export interface CliRun {
  code: number;
  output: string;
  wallMs: number;
  /** User + system CPU of the `pulumi` process (sampled every 200 ms: the last 200 ms may be missed). */
  engineCpuMs: number;
  /** The provider host of this command; undefined when none was started. */
  host?: HostUsage;
  /** CPU of the Pulumi program's process (the language host's Node.js), when it ran. */
  programCpuMs?: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** utime + stime of a live process in ms, or undefined once it is gone (Linux only). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, inside parentheses).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

export interface CliRunOptions {
  bin: string;
  args: string[];
  /** The CLI's environment (PULUMI_HOME, passphrase, ...); PATH and the probe are added here. */
  env: NodeJS.ProcessEnv;
  /** Folder the host probe writes into (emptied first). */
  probeDir: string;
}

export async function runPulumiCli(o: CliRunOptions): Promise<CliRun> {
  fs.rmSync(o.probeDir, { recursive: true, force: true });
  fs.mkdirSync(o.probeDir, { recursive: true });
  const probe = path.join(repoRoot(), "dist", "tools", "bench", "host-probe.js");
  const env: NodeJS.ProcessEnv = {
    ...o.env,
    PATH: `${o.bin}${path.delimiter}${o.env.PATH ?? process.env.PATH ?? ""}`,
    NODE_OPTIONS: `${o.env.NODE_OPTIONS ?? ""} --require ${probe}`.trim(),
    ESET_BENCH_PROBE_DIR: o.probeDir,
  };
  const started = process.hrtime.bigint();
  const { code, output, engineCpuMs } = await new Promise<{
    code: number;
    output: string;
    engineCpuMs: number;
  }>((resolve, reject) => {
    const child = spawn(path.join(o.bin, "pulumi"), o.args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let cpu = 0;
    const sample = () => {
      if (child.pid !== undefined) cpu = cpuMsOf(child.pid) ?? cpu;
    };
    const timer = setInterval(sample, 200);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    // "exit" comes before the streams close; the process may be reaped already, so keep the last sample.
    child.on("exit", sample);
    child.on("close", (c) => {
      clearInterval(timer);
      resolve({ code: c ?? -1, output, engineCpuMs: cpu });
    });
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const read = (prefix: string) =>
    fs
      .readdirSync(o.probeDir)
      .filter((f) => f.startsWith(prefix))
      .map((f) => JSON.parse(fs.readFileSync(path.join(o.probeDir, f), "utf8")) as HostUsage);
  const programs = read("program-");
  const programCpuMs = programs.length === 0 ? undefined : programs.reduce((sum, p) => sum + p.cpuMs, 0);
  return { code, output, wallMs, engineCpuMs, host: read("host-")[0], programCpuMs };
}
