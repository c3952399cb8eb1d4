#!/usr/bin/env node
// `npm run engine -- <command> <programDir> [flags]`: the engine harness on the command line.
import { Command as CommanderCommand, InvalidArgumentError } from "commander";
import { COMMANDS, runEngine, type Command } from "./index";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a positive whole number, e.g. 4");
  return n;
}

interface Flags {
  stack?: string;
  state?: string;
  config: string[];
  secretConfig: string[];
  refresh?: boolean;
  expectNoChanges?: boolean;
  previewOnly?: boolean;
  parallel?: number;
  json?: boolean;
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new CommanderCommand()
    .name("engine")
    .description(
      "Run a Pulumi program with the real @pulumi/pulumi SDK and dynamic-provider host, without the Pulumi CLI.",
    )
    .argument("<command>", `one of ${COMMANDS.join(", ")}`)
    .argument("<programDir>", "folder holding Pulumi.yaml")
    .option("--stack <name>", "stack name (default: dev)")
    .option("--state <file>", "state file (default: <programDir>/.pulumi-engine/<stack>.json)")
    .option("--config <key=value>", "stack config value; repeatable", collect, [])
    .option("--secret-config <key=value>", "secret stack config value; repeatable", collect, [])
    .option("--refresh", "refresh the state before up or preview")
    .option("--expect-no-changes", "exit with code 7 when anything changes or would change")
    .option("--preview-only", "refresh: show the changes without writing the state")
    .option("--parallel <n>", "operations at once (default: 4 x CPUs)", positiveInteger)
    .option("--json", "print one JSON document")
    .action(async (command: string, programDir: string, flags: Flags) => {
      if (!COMMANDS.includes(command as Command)) {
        throw new InvalidArgumentError(`unknown command "${command}": use one of ${COMMANDS.join(", ")}`);
      }
      if (flags.json) {
        // Keep standard output for the JSON document: the program's console output goes to stderr.
        console.log = console.error;
        console.info = console.error;
      }
      const result = await runEngine({
        command: command as Command,
        programDir,
        stack: flags.stack,
        stateFile: flags.state,
        config: flags.config,
        secretConfig: flags.secretConfig,
        refresh: flags.refresh,
        expectNoChanges: flags.expectNoChanges,
        previewOnly: flags.previewOnly,
        parallel: flags.parallel,
        json: flags.json,
      });
      exitCode = result.exitCode;
    });
  await program.parseAsync(argv);
  return exitCode;
}

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

main(process.argv).then(exitAfterOutput, (e: Error) => {
  process.stderr.write(`error: ${e.message}\n`);
  exitAfterOutput(255);
});
