#!/usr/bin/env node
// The `eset-connect` executable (package bin). All behaviour is in program.ts.
import { exitQuietlyOnClosedPipe, failureText, wantsStackTraces } from "../../shared/command-process";
import { runCli } from "./program";

const argv = process.argv.slice(2);
exitQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));
exitQuietlyOnClosedPipe(process.stderr, (code) => process.exit(code));

runCli(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(failureText("eset-connect", error, wantsStackTraces(argv, process.env)));
    process.exitCode = 1;
  },
);
