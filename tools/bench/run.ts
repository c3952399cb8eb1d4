/**
 * Runs the benchmark: an emulator in this process (10 calls/s, its default), then the scenario
 * for each size, with the client's limiter on, off, or both.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { assertBuilt } from "./engine";
import { emulatorControl } from "../../emulator/control-client";
import { runScenario, type SizeResult } from "./scenario";
import { MIN_GROUPS } from "./tree";

/** Default sizes: a few minutes on a laptop. */
export const DEFAULT_SIZES = [100, 300];
/** The smallest size that still has two customers to move sites between: what CI runs. */
export const SMALLEST_SIZE = 30;

export interface BenchmarkOptions {
  /** Numbers of groups, each at least MIN_GROUPS (10). */
  sizes: number[];
  /** Run with the client's limiter on (true), off (false), or both in turn. Default [true]. */
  limiter?: boolean[];
  /** Progress lines as steps finish. Default: none. */
  progress?: (line: string) => void;
  /** Called with each size's result as it finishes. Default: none. */
  onResult?: (result: SizeResult) => void;
}

export async function runBenchmark(o: BenchmarkOptions): Promise<SizeResult[]> {
  for (const n of o.sizes) {
    if (!Number.isInteger(n) || n < MIN_GROUPS) {
      throw new Error(`size ${n} is too small: a depth-4 tree needs at least ${MIN_GROUPS} groups`);
    }
  }
  assertBuilt();
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-bench-"));
  try {
    const results: SizeResult[] = [];
    for (const limiter of o.limiter ?? [true]) {
      for (const n of o.sizes) {
        const result = await runScenario({
          emulator: emulatorControl(emulator.url),
          n,
          limiter,
          workDir: path.join(workDir, `${n}-${limiter ? "limiter" : "no-limiter"}`),
          progress: o.progress,
        });
        results.push(result);
        o.onResult?.(result);
      }
    }
    return results;
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
