// jest globalSetup of the Node lanes (jest.config.js): marks the run (test-run.ts).
import { startTestRun } from "./test-run";

export default function globalSetup(): void {
  startTestRun();
}
