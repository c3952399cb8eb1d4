/**
 * "Stacks at once": N stacks of one ESET account deployed at the same time (a CI matrix, one
 * stack per customer), each its own engine process with its own client and limiter, none seeing
 * the others, against one emulator at ESET's 10 calls/s per account. Measures how many finish,
 * the share of calls answered 429, and useful (non-429) calls per second together.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { emulatorControl } from "../../emulator/control-client";
import type { RateLimitAlgorithm } from "../../emulator/http/rate-limit";
import { assertBuilt, runEngineCommand } from "./engine";
import { hierarchyYaml, realisticTree, type DeclaredTree } from "./tree";
import { compareWithDeclared, describeMismatch } from "./verify";

const USERNAME = "demo@example.com";
const PASSWORD = "demo-password";

export interface StackRun {
  stack: string;
  wallMs: number;
  /** Why it failed: the engine's first error, or how its part of the live tree differs. */
  error?: string;
  /** Retry lines the provider wrote to standard error. */
  retryLines: number;
}

export interface StacksResult {
  /** How the emulator counted calls against the limit. */
  algorithm: RateLimitAlgorithm;
  stacks: number;
  groupsPerStack: number;
  finished: number;
  /** Every API call the emulator answered, 429s included. */
  calls: number;
  rateLimited: number;
  /** From the first call's arrival to the last's. */
  spanMs: number;
  /** From starting the first engine to the last one's exit. */
  wallMs: number;
  runs: StackRun[];
}

/** Stack i's tree: the benchmark's tree with its customers named after the stack, so stacks never clash. */
export function stackTree(index: number, groups: number): DeclaredTree {
  const tree = realisticTree(groups);
  return {
    nodes: tree.nodes.map((n) =>
      n.parentKey === undefined ? { ...n, name: `Stack ${index} ${n.name}` } : n,
    ),
  };
}

/** Every stack's tree as one declared tree (keys prefixed), to check the whole live tree at once. */
function allTrees(trees: DeclaredTree[]): DeclaredTree {
  return {
    nodes: trees.flatMap((t, i) =>
      t.nodes.map((n) => ({
        ...n,
        key: `s${i + 1}:${n.key}`,
        ...(n.parentKey !== undefined && { parentKey: `s${i + 1}:${n.parentKey}` }),
      })),
    ),
  };
}

export interface StacksOptions {
  counts: number[];
  groupsPerStack: number;
  /** How the emulator counts calls (ESET does not document it). Default "sliding-window". */
  algorithm?: RateLimitAlgorithm;
  progress?: (line: string) => void;
}

export async function runStacksBenchmark(o: StacksOptions): Promise<StacksResult[]> {
  assertBuilt();
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  const control = emulatorControl(emulator.url);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-bench-stacks-"));
  const results: StacksResult[] = [];
  try {
    for (const count of o.counts) {
      await control.reset();
      const algorithm = o.algorithm ?? "sliding-window";
      await control.settings({ rateLimit: { algorithm } });
      const trees = Array.from({ length: count }, (_, i) => stackTree(i + 1, o.groupsPerStack));
      const started = process.hrtime.bigint();
      const runs = await Promise.all(
        trees.map(async (tree, i): Promise<StackRun> => {
          const stack = `customer-${i + 1}`;
          const dir = path.join(workDir, `${count}-${stack}`);
          fs.mkdirSync(dir, { recursive: true });
          const treeFile = path.join(dir, "tree.yaml");
          fs.writeFileSync(treeFile, hierarchyYaml(tree));
          const run = await runEngineCommand({
            command: "up",
            stack,
            stateFile: path.join(dir, "state.json"),
            config: { "eset:endpoint": emulator.url, "eset:username": USERNAME, "bench:tree": treeFile },
            secretConfig: { "eset:password": PASSWORD },
          });
          const retryLines = run.stderr.split("\n").filter((l) => / attempt \d+/.test(l)).length;
          const errors = run.report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
          const out: StackRun = { stack, wallMs: run.wallMs, retryLines };
          if (run.exitCode !== 0) out.error = `exit ${run.exitCode}: ${errors[0] ?? run.stderr.slice(-300)}`;
          o.progress?.(
            `  ${count} stacks: ${stack} ${out.error ? `failed: ${out.error}` : "finished"} in ${(run.wallMs / 1000).toFixed(1)} s`,
          );
          return out;
        }),
      );
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const log = await control.requests();
      const mismatch = describeMismatch(compareWithDeclared(await control.state(), allTrees(trees)));
      if (mismatch) {
        for (const r of runs) r.error ??= `the live tree differs from the declared trees: ${mismatch}`;
      }
      const times = log.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
      const result: StacksResult = {
        algorithm,
        stacks: count,
        groupsPerStack: o.groupsPerStack,
        finished: runs.filter((r) => !r.error).length,
        calls: log.length,
        rateLimited: log.filter((r) => r.status === 429).length,
        spanMs: times.length > 1 ? times[times.length - 1] - times[0] : 0,
        wallMs,
        runs,
      };
      o.progress?.(
        `${count} stacks × ${o.groupsPerStack} (${algorithm}): ${result.finished}/${count} finished, ${result.rateLimited}/${result.calls} calls answered 429`,
      );
      results.push(result);
    }
    return results;
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
