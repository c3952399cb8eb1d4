/**
 * Loaded with `NODE_OPTIONS=--require <this file>` into the processes an engine run starts, and
 * active only in the provider host: the dynamic-provider host, or the `eset` plugin (which
 * Node.js language hosts start as `node @pulumi/pulumi/cmd/run-plugin <plugin folder> ...`). When the host stops (the engine sends SIGTERM, the real
 * CLI SIGINT, at the end of every command) it writes `host-<pid>.json` into `ESET_BENCH_PROBE_DIR`: its CPU time,
 * peak memory and the counters of every ESET Connect client it used. With
 * `ESET_BENCH_NO_LIMITER=1` it also gives the host's clients a limiter that never waits, to show
 * what the real one buys.
 *
 * Both rely on the client keeping its rate limiters and shared clients on `globalThis` under
 * `Symbol.for` keys (docs/architecture.md), the same registry every copy of the provider uses.
 */
import * as fs from "fs";
import * as path from "path";

/** What the probe writes when the host stops. */
export interface HostUsage {
  pid: number;
  /** CPU time of the host process, user + system, ms. */
  cpuMs: number;
  /** Peak resident memory of the host process, bytes. */
  maxRssBytes: number;
  /** The ClientMetrics of each client the host created (see provider/client/observe.ts). */
  clients: Record<string, unknown>[];
}

const LIMITERS = Symbol.for("pulumi-eset-connect.rateLimiters.v1");
const CLIENTS = Symbol.for("pulumi-eset-connect.sharedClients.v1");

/** A limiter that admits every call at once. */
const unlimited = {
  acquire: async () => ({ waitedMs: 0, release: () => undefined }),
};

/** Every client's counters: found through the client class in the module cache and the registry. */
function clientMetrics(): Record<string, unknown>[] {
  const registry = (globalThis as Record<symbol, unknown>)[CLIENTS] as
    WeakMap<object, Map<string, { metrics: Record<string, unknown> }>> | undefined;
  if (!registry) return [];
  const out: Record<string, unknown>[] = [];
  const seen = new Set<object>();
  for (const loaded of Object.values(require.cache)) {
    const cls = (loaded?.exports as { EsetConnectClient?: object } | undefined)?.EsetConnectClient;
    if (typeof cls !== "function" || seen.has(cls)) continue;
    seen.add(cls);
    for (const client of registry.get(cls)?.values() ?? []) out.push({ ...client.metrics });
  }
  return out;
}

/** Writes this process's CPU time and peak memory as `<kind>-<pid>.json`. */
function writeUsage(dir: string, kind: "host" | "program", clients: Record<string, unknown>[]): void {
  const usage = process.resourceUsage();
  const report: HostUsage = {
    pid: process.pid,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssBytes: usage.maxRSS * 1024,
    clients,
  };
  fs.writeFileSync(path.join(dir, `${kind}-${process.pid}.json`), JSON.stringify(report));
}

function install(dir: string): void {
  if (process.env.ESET_BENCH_NO_LIMITER === "1") {
    class AlwaysUnlimited extends Map<string, unknown> {
      override get(): unknown {
        return unlimited;
      }
    }
    (globalThis as Record<symbol, unknown>)[LIMITERS] = new AlwaysUnlimited();
  }
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    writeUsage(dir, "host", clientMetrics());
  };
  process.on("exit", write);
  // The engine harness stops the host with SIGTERM, the real CLI with SIGINT to its process group
  // (sdk/go/common/resource/plugin/plugin.go, `kill`: InterruptChildren, SIGKILL after 5 s);
  // without a handler Node would exit without "exit".
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      write();
      process.exit(0);
    });
  }
}

/**
 * The Pulumi program's process (the Node.js language host runs `@pulumi/pulumi/cmd/run`): its CPU
 * time when it exits, as `program-<pid>.json`. Only the "exit" event: the program keeps its own
 * signal handling.
 */
function installForProgram(dir: string): void {
  process.on("exit", () => writeUsage(dir, "program", []));
}

const probeDir = process.env.ESET_BENCH_PROBE_DIR;
const script = process.argv[1] ?? "";
if (probeDir && /dynamic-provider|[\\/]cmd[\\/]run-plugin([\\/]|$)/.test(script)) install(probeDir);
else if (probeDir && /[\\/]cmd[\\/]run([\\/]|$)/.test(script)) installForProgram(probeDir);
