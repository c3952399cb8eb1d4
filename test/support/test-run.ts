/**
 * One jest run's mark: the global setup puts ESET_TEST_RUN=<random id> in the environment before
 * the workers start, so that every process of the run carries it, and the global teardown fails
 * naming any that is still running (a process the per-file check could not see: one started
 * after its file ended, or by the global setup).
 */
import { randomUUID } from "crypto";
import { describeProcesses, killProcesses, processesLeft } from "./processes";

export const TEST_RUN_VARIABLE = "ESET_TEST_RUN";

/** Called by each lane's global setup. */
export function startTestRun(): void {
  process.env[TEST_RUN_VARIABLE] = randomUUID();
}

/** Called by each lane's global teardown; throws (failing the run) when a process was left. */
export async function endTestRun(): Promise<void> {
  const run = process.env[TEST_RUN_VARIABLE];
  if (!run) return;
  // jest's own workers carry the mark too; they are ending now and are not a test's doing.
  const left = await processesLeft(
    { [TEST_RUN_VARIABLE]: run },
    { ignored: (p) => p.command.includes("jest-worker") },
  );
  killProcesses(left);
  if (left.length > 0) {
    throw new Error(
      `this test run left ${left.length} process(es) running (killed now):\n${describeProcesses(left)}`,
    );
  }
}
