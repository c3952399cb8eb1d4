#!/usr/bin/env node
// `npm run engine -- <command> <programDir> [flags]`: the engine harness on the command line.
import { Command as CommanderCommand, InvalidArgumentError } from "commander";
import { COMMANDS, readPassphrase, runEngine, type Command } from "./index";
import { stackOutput } from "./stack-output";

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
  runProgram?: boolean;
  clearPendingCreates?: boolean;
  importPendingCreates: string[];
  debug?: boolean;
}

/** `stack output [NAME]`, as `pulumi stack output`. */
function stackCommand(setExit: (code: number) => void): CommanderCommand {
  const stack = new CommanderCommand("stack").description("stack commands");
  stack
    .command("output")
    .description("print the stack's outputs, as pulumi stack output")
    .argument("<programDir>", "folder holding Pulumi.yaml")
    .argument("[name]", "one output (default: all)")
    .option("--stack <name>", "stack name (default: dev)")
    .option("--state <file>", "state file (default: <programDir>/.pulumi-engine/<stack>.json)")
    .option("-j, --json", "print JSON")
    .option("--show-secrets", "print secret values in plaintext")
    .action(
      (
        programDir: string,
        name: string | undefined,
        f: { stack?: string; state?: string; json?: boolean; showSecrets?: boolean },
      ) => {
        try {
          process.stdout.write(
            stackOutput({
              programDir,
              name,
              stack: f.stack,
              stateFile: f.state,
              json: f.json,
              showSecrets: f.showSecrets,
              passphrase: readPassphrase(),
            }),
          );
        } catch (e) {
          process.stderr.write(`error: ${(e as Error).message}\n`);
          setExit(1);
        }
      },
    );
  return stack;
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  if (argv[2] === "stack") {
    await stackCommand((code) => (exitCode = code)).parseAsync(argv.slice(1));
    return exitCode;
  }
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
    .option("--parallel <n>", "operations at once (default: PULUMI_PARALLEL, else 4 x CPUs)", positiveInteger)
    .option("--json", "print one JSON document")
    .option(
      "--run-program",
      "refresh/destroy: configure the provider with the current config, not the last up's",
    )
    .option("--clear-pending-creates", "refresh: drop interrupted creates from the state")
    .option(
      "--import-pending-creates <urnOrId>",
      "refresh: complete an interrupted create; repeat as URN, then ID",
      collect,
      [],
    )
    .option("--debug", "show stack frames of provider errors")
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
        runProgram: flags.runProgram,
        clearPendingCreates: flags.clearPendingCreates,
        importPendingCreates: flags.importPendingCreates,
        debug: flags.debug,
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
  exitAfterOutput(1);
});
