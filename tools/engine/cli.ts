#!/usr/bin/env node
// `npm run engine -- <command> <programDir> [flags]`: the engine harness on the command line.
import { runCommandLine } from "./command-line";

/**
 * Exits once everything written so far has left the process: standard output may be a pipe that
 * its reader drains late, and process.exit would cut a long --json report short. Waiting for the
 * event loop to empty instead is not an option: after a failed step the program's pending
 * registrations never settle.
 */
function exitAfterOutput(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

runCommandLine(process.argv).then(
  (result) => exitAfterOutput(result.exitCode),
  (e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    exitAfterOutput(1);
  },
);
