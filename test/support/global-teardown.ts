// jest globalTeardown of every lane: fails the run when one of its processes is still running.
import { endTestRun } from "./test-run";

export default function globalTeardown(): Promise<void> {
  return endTestRun();
}
