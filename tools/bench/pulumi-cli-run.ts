/**
 * Runs one command of the real Pulumi CLI (the one `npm run pulumi-cli:bin` builds) for the
 * benchmark's real-CLI mode, and measures what the engine harness cannot show: the `pulumi`
 * process's own CPU time (the engine, which saves the state after every step on a file backend),
 * beside the provider host's (host-probe.ts), the YAML language host's (sampled from /proc, as a Go
 * process cannot load the probe) and the wall time.
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
  /**
   * The provider host of this command (the dynamic-provider host or the eset plugin); undefined
   * when none was started. When the engine started more than one, their CPU times added up.
   */
  host?: HostUsage;
  /** How many provider host processes wrote their usage. */
  hostProcesses: number;
  /** Each provider host's CPU and whether it called the API, in the order they wrote (when more than one). */
  hostsEach?: { cpuMs: number; calledApi: boolean }[];
  /** CPU of the Pulumi program's process (the language host's Node.js), when it ran. */
  programCpuMs?: number;
  /**
   * CPU of the `pulumi-language-yaml` processes the command started (Pulumi YAML: the language
   * host evaluates the program itself), sampled every 200 ms; undefined when none ran.
   */
  yamlHostCpuMs?: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** The fields of /proc/<pid>/stat after the command name, or undefined once it is gone (Linux only). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, inside parentheses).
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** utime + stime of a live process in ms, or undefined once it is gone. */
function cpuMsOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/**
 * The last CPU time seen of every process below `root` whose executable's name matches `name`
 * (a Go language host cannot load the probe): the process tree from /proc, each sample.
 */
class DescendantSampler {
  private readonly cpuByPid = new Map<number, number>();
  private readonly nameByPid = new Map<number, string>();

  constructor(
    private readonly root: number,
    private readonly name: RegExp,
  ) {}

  sample(): void {
    const parentOf = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
      const pid = Number(entry);
      const fields = Number.isInteger(pid) ? statFields(pid) : undefined;
      if (fields) parentOf.set(pid, Number(fields[1]));
    }
    const below = (pid: number) => {
      for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p))
        if (p === this.root) return true;
      return false;
    };
    for (const pid of parentOf.keys()) {
      if (!below(pid)) continue;
      if (!this.nameByPid.has(pid)) this.nameByPid.set(pid, this.executable(pid));
      if (!this.name.test(this.nameByPid.get(pid) ?? "")) continue;
      this.cpuByPid.set(pid, cpuMsOf(pid) ?? this.cpuByPid.get(pid) ?? 0);
    }
  }

  /** The sum over the matching processes seen, or undefined when none was. */
  total(): number | undefined {
    return this.cpuByPid.size === 0 ? undefined : [...this.cpuByPid.values()].reduce((a, b) => a + b, 0);
  }

  private executable(pid: number): string {
    try {
      return path.basename(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]);
    } catch {
      return "";
    }
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
  const { code, output, engineCpuMs, yamlHostCpuMs } = await new Promise<{
    code: number;
    output: string;
    engineCpuMs: number;
    yamlHostCpuMs?: number;
  }>((resolve, reject) => {
    const child = spawn(path.join(o.bin, "pulumi"), o.args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const yamlHost = new DescendantSampler(child.pid ?? -1, /^pulumi-language-yaml$/);
    let output = "";
    let cpu = 0;
    const sample = () => {
      if (child.pid !== undefined) cpu = cpuMsOf(child.pid) ?? cpu;
      yamlHost.sample();
    };
    const timer = setInterval(sample, 200);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    // "exit" comes before the streams close; the process may be reaped already, so keep the last sample.
    child.on("exit", sample);
    child.on("close", (c) => {
      clearInterval(timer);
      resolve({ code: c ?? -1, output, engineCpuMs: cpu, yamlHostCpuMs: yamlHost.total() });
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
  const hosts = read("host-");
  const host =
    hosts.length === 0
      ? undefined
      : hosts.reduce((sum, h) => ({
          ...sum,
          cpuMs: sum.cpuMs + h.cpuMs,
          maxRssBytes: Math.max(sum.maxRssBytes, h.maxRssBytes),
          clients: [...sum.clients, ...h.clients],
        }));
  return {
    code,
    output,
    wallMs,
    engineCpuMs,
    host,
    hostProcesses: hosts.length,
    hostsEach:
      hosts.length > 1
        ? hosts.map((h) => ({
            cpuMs: h.cpuMs,
            calledApi: h.clients.some((c) => Number(c.requests ?? 0) > 0),
          }))
        : undefined,
    programCpuMs,
    yamlHostCpuMs,
  };
}
