// One working copy of an example program and two ways to run it: the real Pulumi CLI (a local
// file backend in a temporary PULUMI_HOME, passphrase secrets, no network) and the engine harness.
// Both answer the same question for every command: its exit code and the resources it changed,
// as sorted "op name" strings, so that a scenario can run on both and compare them.
import { spawn } from "child_process";
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { REPO, runEngineCli } from "../../engine/run-engine";
import { cleanEnv } from "../../support/env";
import { killProcesses, processesLeft } from "../../support/processes";

export type Command = "up" | "preview" | "refresh" | "destroy";

export interface Connection {
  url: string;
  username: string;
  password: string;
}

export interface CommandResult {
  code: number;
  /**
   * Resources the command changed (or, in preview, would change), "op name", sorted; the stack and
   * the steps of a refresh left out.
   */
  changes: string[];
  /** Error diagnostics and the command's own error line, for failure messages. */
  errors: string[];
  output: string;
}

export interface Runner {
  readonly label: string;
  /** Changes one file of the working copy; fails when the text is not there exactly once. */
  edit(file: string, from: string, to: string): void;
  /** Rewrites one file of the working copy. */
  rewrite(file: string, change: (text: string) => string): void;
  run(command: Command, flags?: string[]): Promise<CommandResult>;
  cleanup(): void;
}

const PASSPHRASE = "pulumi-cli-lane-passphrase";
/** Longest one CLI command may take before it is killed (a loaded CI machine is slow). */
const CLI_TIMEOUT_MS = 5 * 60_000;
const STACK = "lane";

/**
 * A copy of examples/<name> (or of the folder at an absolute path: a lane fixture) under
 * <repo>/.pulumi-engine (ignored by git), where the repository's packages resolve.
 */
function copyExample(example: string, label: string): { dir: string; program: string } {
  const base = path.join(REPO, ".pulumi-engine");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${label}-`));
  const program = path.join(dir, "program");
  fs.cpSync(path.isAbsolute(example) ? example : path.join(REPO, "examples", example), program, {
    recursive: true,
    filter: (src) => !/\.pulumi-engine|README\.md$/.test(src),
  });
  return { dir, program };
}

function rewriteFile(file: string, change: (text: string) => string): void {
  fs.writeFileSync(file, change(fs.readFileSync(file, "utf8")));
}

function editFile(file: string, from: string, to: string): void {
  rewriteFile(file, (text) => {
    if (text.split(from).length !== 2)
      throw new Error(`${path.basename(file)}: "${from}" is not there exactly once`);
    return text.replace(from, to);
  });
}

/** The engine harness (tools/engine) on the working copy. */
export class HarnessRunner implements Runner {
  readonly label = "engine harness";
  private readonly dir: string;
  private readonly program: string;

  constructor(
    example: string,
    private readonly connection: Connection,
  ) {
    ({ dir: this.dir, program: this.program } = copyExample(example, "lane-harness"));
  }

  edit(file: string, from: string, to: string): void {
    editFile(path.join(this.program, file), from, to);
  }

  rewrite(file: string, change: (text: string) => string): void {
    rewriteFile(path.join(this.program, file), change);
  }

  async run(command: Command, flags: string[] = []): Promise<CommandResult> {
    const c = this.connection;
    const run = await runEngineCli(
      [command, this.program, "--stack", STACK, "--state", path.join(this.dir, "state.json")]
        .concat(["--config", `eset:endpoint=${c.url}`, "--config", `eset:username=${c.username}`])
        .concat(["--secret-config", `eset:password=${c.password}`, ...flags]),
      { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
    );
    const changes = run.report.steps
      .filter((s) => s.phase !== "refresh" && s.type !== "pulumi:pulumi:Stack")
      .filter((s) => s.op !== "same" && s.op !== "delete-replaced")
      .map((s) => `${s.op} ${s.name}`)
      .sort();
    const errors = run.report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    return { code: run.code, changes, errors, output: run.stderr };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One line of `--event-log`: the engine events the CLI writes as it runs. */
interface EngineEvent {
  resourcePreEvent?: { metadata: StepMetadata; planning?: boolean };
  resOutputsEvent?: { metadata: StepMetadata; planning?: boolean };
  diagnosticEvent?: { severity: string; message: string };
}

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
}

/** The real Pulumi CLI from `npm run pulumi-cli:bin` (PULUMI_CLI_BIN, set by the lane's global setup). */
export class CliRunner implements Runner {
  readonly label = "Pulumi CLI";
  private readonly dir: string;
  private readonly program: string;
  private readonly env: NodeJS.ProcessEnv;
  private runs = 0;

  /** `extraEnv`: more environment for the CLI and every process it starts. Default none. */
  constructor(
    example: string,
    private readonly connection: Connection,
    extraEnv: NodeJS.ProcessEnv = {},
  ) {
    cliBinDir(); // fails before anything is copied when the lane was not set up
    ({ dir: this.dir, program: this.program } = copyExample(example, "lane-cli"));
    this.env = { ...cliEnv(path.join(this.dir, "home")), ...extraEnv };
  }

  /** `pulumi login file://…`, a stack with passphrase secrets, and the connection as stack config. */
  async init(): Promise<void> {
    const backend = path.join(this.dir, "backend");
    fs.mkdirSync(backend);
    const c = this.connection;
    for (const args of [
      ["login", `file://${backend}`],
      ["stack", "init", STACK, "--secrets-provider", "passphrase"],
      ["config", "set", "eset:endpoint", c.url],
      ["config", "set", "eset:username", c.username],
      ["config", "set", "--secret", "eset:password", c.password],
    ]) {
      const r = await this.pulumi(args);
      if (r.code !== 0) throw new Error(`pulumi ${args[0]} ${args[1]} failed (${r.code}):\n${r.output}`);
    }
  }

  /** The working copy of the program (e.g. for a virtualenv the lane makes in it). */
  get programDir(): string {
    return this.program;
  }

  edit(file: string, from: string, to: string): void {
    editFile(path.join(this.program, file), from, to);
  }

  rewrite(file: string, change: (text: string) => string): void {
    rewriteFile(path.join(this.program, file), change);
  }

  async run(command: Command, flags: string[] = []): Promise<CommandResult> {
    const events = path.join(this.dir, `events-${++this.runs}.jsonl`);
    const confirm = command === "preview" ? [] : ["--yes", "--skip-preview"];
    const r = await this.pulumi([command, ...confirm, "--event-log", events, ...flags]);
    const lines = fs.existsSync(events) ? fs.readFileSync(events, "utf8").split("\n").filter(Boolean) : [];
    const parsed = lines.map((l) => JSON.parse(l) as EngineEvent);
    const changes = parsed
      .map((e) => e.resourcePreEvent?.metadata)
      .filter((m): m is StepMetadata => m !== undefined)
      .filter((m) => m.type !== "pulumi:pulumi:Stack" && !m.type.startsWith("pulumi:providers:"))
      // A refresh's own steps are left out on both sides: what it found shows in the plan and the tree.
      .filter((m) => !["same", "refresh", "delete-replaced", "create-replacement"].includes(m.op))
      .map((m) => `${m.op} ${m.urn.slice(m.urn.lastIndexOf("::") + 2)}`)
      .sort();
    const errors = parsed
      .map((e) => e.diagnosticEvent)
      .filter((d) => d?.severity === "error")
      .map((d) => d!.message.trim());
    return { code: r.code, changes, errors, output: r.output };
  }

  /**
   * Runs `pulumi <args>` non-interactively in the working copy, on the lane's stack. With `killWhen`,
   * the CLI and everything it started (one process group, as a CI runner's timeout kills a job)
   * are killed once `killWhen` resolves true (polled every 50 ms).
   */
  pulumi(args: string[], killWhen?: () => Promise<boolean>): Promise<{ code: number; output: string }> {
    // `login` has no stack yet; `stack init` names it itself; `package` works on the project.
    const stack = ["login", "stack", "package"].includes(args[0]) ? [] : ["--stack", STACK];
    return runPulumi([...args, ...stack, "--non-interactive", "--cwd", this.program], this.env, killWhen);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The folder `npm run pulumi-cli:bin` printed (the lane's global setup puts it in PULUMI_CLI_BIN). */
export function cliBinDir(): string {
  const dir = process.env.PULUMI_CLI_BIN;
  if (!dir || !fs.existsSync(path.join(dir, "pulumi")))
    throw new Error("PULUMI_CLI_BIN is not set: run this lane with npm run test:pulumi-cli");
  return dir;
}

/**
 * The CLI's environment: its folder first on PATH (with the language host and dynamic-provider
 * plugin), its own PULUMI_HOME, the test passphrase, no update check and no plugin downloads.
 */
export function cliEnv(home: string): NodeJS.ProcessEnv {
  return cleanEnv({
    PATH: `${cliBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: home,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    // Shows --event-log, as the Automation API does to read the engine's events.
    PULUMI_DEBUG_COMMANDS: "true",
    PULUMI_BACKEND_URL: undefined,
    PULUMI_ACCESS_TOKEN: undefined,
  });
}

/**
 * Marks the processes of one CLI command: the CLI starts each plugin (language host, the
 * dynamic-provider host `pulumi-resource-pulumi-nodejs`) in a process group of its own, so killing
 * the CLI's group, as `killWhen` and a runner's timeout do, leaves them running with their parent
 * gone. They carry the mark in their environment; what still has it once the command ended is killed.
 */
const COMMAND_MARK = "ESET_PULUMI_CLI_COMMAND";

/** Kills what one command left behind; after a CLI that ended by itself there is nothing, or it is exiting. */
async function endCommand(id: string): Promise<void> {
  killProcesses(await processesLeft({ [COMMAND_MARK]: id }, { graceMs: 2000 }));
}

function runPulumi(
  args: string[],
  env: NodeJS.ProcessEnv,
  killWhen?: () => Promise<boolean>,
): Promise<{ code: number; output: string }> {
  const id = randomUUID();
  const ran = new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(path.join(cliBinDir(), "pulumi"), args, {
      env: { ...env, [COMMAND_MARK]: id },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: CLI_TIMEOUT_MS,
      detached: killWhen !== undefined,
    });
    let output = "";
    let closed = false;
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      closed = true;
      resolve({ code: code ?? -1, output });
    });
    const poll = async (): Promise<void> => {
      while (!closed && !(await killWhen!())) await new Promise((r) => setTimeout(r, 50));
      if (!closed && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    };
    if (killWhen) poll().catch(reject);
  });
  return ran.finally(() => endCommand(id));
}
