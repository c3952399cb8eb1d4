/**
 * `eset-connect`: export, plan and tree over ESET's live group tree. `runCli` is the whole
 * command line as a function (arguments and streams in, exit code out).
 */
import * as fs from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { EsetConnectClient, isConfigError, isEsetConnectError, type ClientOptions } from "../client";
import { HierarchyValidationError } from "../hierarchy/problems";
import { HierarchyPolicyError } from "../hierarchy/policy-names";
import { PLAN_FORMATS } from "../hierarchy/render";
import {
  exportCommand,
  planCommand,
  treeCommand,
  EXIT_ERROR,
  EXPORT_FORMATS,
  type CommandContext,
  type ExportCommandOptions,
  type PlanCommandOptions,
} from "./commands";
import { packageVersion } from "../../shared/command-process";
import { cliConfigMessage, CliUsageError, connectionConfig, type ConnectionFlags } from "./connection";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment for `ESET_CONNECT_*`. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Reads FILE arguments. Default: the file system, UTF-8. */
  readFile?(path: string): string;
  /** Writes `export --output`. Default: the file system, UTF-8. */
  writeFile?(path: string, text: string): void;
  /** Passed to the client (tests inject `sleep`/`now`). Default: none. */
  clientOptions?: ClientOptions;
}

const PASSWORD_NOTE = `
Connection: flags win over the environment variables ESET_CONNECT_ENDPOINT, ESET_CONNECT_REGION,
ESET_CONNECT_SERVER_URL, ESET_CONNECT_DOMAIN_USER, ESET_CONNECT_CA_CERTIFICATE (the PEM text) and
ESET_CONNECT_USERNAME; the address is taken whole (a --region hides ESET_CONNECT_SERVER_URL). The
password is read from ESET_CONNECT_PASSWORD only (no flag: it would be kept in shell history and CI
logs).

ESET PROTECT On-Prem (13.1 and later): --server-url https://protect.example.com:9443 in place of
--region or --endpoint; --ca-certificate FILE when the server's certificate is signed by your own CA.
There is no option to skip certificate checks.`;

function build(io: CliIo, setExit: (code: number) => void): Command {
  const env = io.env ?? process.env;
  const program = new Command("eset-connect")
    .description("Compare, export and show the ESET PROTECT group tree through ESET Connect (read-only).")
    .option("--endpoint <url>", "one base URL for every ESET Connect service, e.g. the emulator")
    .option("--region <code>", "ESET region: eu, de, us, ca or jpn")
    .option(
      "--server-url <url>",
      "ESET PROTECT On-Prem: the server's https origin, e.g. https://protect.example.com:9443 (not with --region or --endpoint)",
    )
    .option("--domain-user", "ESET PROTECT On-Prem: the API user is an Active Directory user")
    .option(
      "--ca-certificate <file>",
      "PEM file of a CA to trust besides Node's, e.g. an On-Prem server's own CA",
    )
    .option("--username <email>", "API user with the Integrations right")
    .option("--debug", "print the stack of an unexpected error (also: ESET_CONNECT_DEBUG=1)")
    .version(packageVersion(), "-V, --version", "print the version of pulumi-eset-connect")
    .addHelpText("after", PASSWORD_NOTE)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError("(run eset-connect --help for usage)");

  let client: EsetConnectClient | undefined;
  const context = (): CommandContext => ({
    stdout: (text) => io.stdout(text),
    stderr: (text) => io.stderr(text),
    readFile: io.readFile ?? ((path) => fs.readFileSync(path, "utf8")),
    writeFile: io.writeFile ?? ((path, text) => fs.writeFileSync(path, text, "utf8")),
    client: () =>
      (client ??= new EsetConnectClient(
        connectionConfig(program.opts<ConnectionFlags>(), env, io.readFile),
        io.clientOptions,
      )),
  });
  const rootOption = () =>
    new Option(
      "--root <uuid-or-path>",
      'group to start from: a uuid or a path below All, e.g. "Customers/Europe"',
    );

  program
    .command("tree")
    .description("print the live group tree with uuids")
    .addOption(rootOption())
    .action(async (options: { root?: string }) => setExit(await treeCommand(context(), options)));
  program
    .command("export")
    .description("write the live tree as hierarchy YAML that adopts every group (zero creates on pulumi up)")
    .addOption(rootOption())
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--no-policies", "leave out each group's policies (and the two listings that read them)")
    .addOption(
      new Option(
        "--format <format>",
        "yaml: hierarchy YAML; pulumi-import: the file `pulumi import --file` takes to adopt the same groups (and their policies) with the eset provider plugin",
      )
        .choices(EXPORT_FORMATS)
        .default("yaml"),
    )
    .action(async (options: ExportCommandOptions) => setExit(await exportCommand(context(), options)));
  program
    .command("plan")
    .description(
      "compare a hierarchy file with the live tree; exit 0: no difference, 2: differences, 1: error (or devices to delete, with --fail-on-device-loss; or, on ESET PROTECT On-Prem, a group to delete or replace)",
    )
    .argument("<file>", "hierarchy YAML")
    .addOption(new Option("--format <format>", "output format").choices(PLAN_FORMATS).default("text"))
    .option(
      "--uuids <file>",
      "JSON key → uuid of managed groups (pulumi stack output uuidsByKey --json); the whole pulumi stack output --json also shows removed policies: lists",
    )
    .option(
      "--fail-on-device-loss",
      "exit 1 (after printing the plan) when deleting a removed group would delete devices",
    )
    .action(async (file: string, options: PlanCommandOptions) =>
      setExit(await planCommand(context(), file, options)),
    );
  return program;
}

/** Problems placed in the file print as `file:line:column: ...` lines alone (CI turns them into annotations). */
function isFileProblems(error: unknown): error is HierarchyValidationError | HierarchyPolicyError {
  return error instanceof HierarchyValidationError || error instanceof HierarchyPolicyError;
}

function errorText(error: unknown): string {
  if (isFileProblems(error)) return error.lines.join("\n");
  if (error instanceof CliUsageError) return error.message;
  if (isConfigError(error)) return cliConfigMessage((error as Error).message);
  if (isEsetConnectError(error)) return (error as Error).message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
    return `cannot read or write ${(error as NodeJS.ErrnoException).path}: ${code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = build(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const prefix = isFileProblems(error) ? "" : "eset-connect: ";
    io.stderr(
      `${errorText(error)
        .split("\n")
        .map((line) => prefix + line)
        .join("\n")}\n`,
    );
    return EXIT_ERROR;
  }
}
