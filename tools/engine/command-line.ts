// The engine harness's command line: `<command> <programDir> [flags]` and `stack output`, parsed
// and run, without exiting the process (cli.ts exits; serve.ts runs several command lines).
import { Command as CommanderCommand, CommanderError, InvalidArgumentError } from "commander";
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

/** Keeps standard output for the JSON document: the program's console output goes to stderr. */
function consoleToStandardError(): () => void {
  const { log, info } = console;
  console.log = console.error;
  console.info = console.error;
  return () => {
    console.log = log;
    console.info = info;
  };
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

export interface CommandLineResult {
  exitCode: number;
  /** See EngineResult. */
  programLeftRunning: boolean;
}

/**
 * Parses and runs `argv`; a usage error (printed by commander) or `--help` gives the exit code
 * commander would have exited with, instead of ending the process (serve.ts answers it).
 */
async function parseWithoutExit(command: CommanderCommand, argv: string[]): Promise<number | undefined> {
  command.exitOverride();
  for (const sub of command.commands) sub.exitOverride();
  try {
    await command.parseAsync(argv);
    return undefined;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
}

/**
 * Runs one command line (`process.argv` shape: node, script, then the arguments). Used by cli.ts,
 * which then exits, and by serve.ts, which runs several in one process.
 */
export async function runCommandLine(argv: string[]): Promise<CommandLineResult> {
  let exitCode = 0;
  let programLeftRunning = false;
  if (argv[2] === "stack") {
    const stack = stackCommand((code) => (exitCode = code));
    exitCode = (await parseWithoutExit(stack, argv.slice(1))) ?? exitCode;
    return { exitCode, programLeftRunning };
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
        // A plain error, not commander's: it is reported as `error: ...` like any failure of the run.
        throw new Error(`unknown command "${command}": use one of ${COMMANDS.join(", ")}`);
      }
      const restoreConsole = flags.json ? consoleToStandardError() : () => undefined;
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
      }).finally(restoreConsole);
      exitCode = result.exitCode;
      programLeftRunning = result.programLeftRunning;
    });
  exitCode = (await parseWithoutExit(program, argv)) ?? exitCode;
  return { exitCode, programLeftRunning };
}
