#!/usr/bin/env node
// The `eset-connect` executable (package bin). All behaviour is in program.ts.
import { runCli } from "./program";

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`eset-connect: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
