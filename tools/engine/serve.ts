// The engine harness serving several command lines, one at a time, in one process: what the test
// lanes use instead of a process per command (test/engine/run-engine.ts), to load the SDK, the
// harness and the provider once per test file instead of once per command. Started as a child
// with an IPC channel; each message is one command line with its environment and working folder,
// each answer its exit code and what it wrote.
//
// Running a program again in the same process is how the Automation API runs inline programs
// (@pulumi/pulumi automation/server.ts: `resetOptions`, then `runInPulumiStack`, once per
// operation); the harness resets the same settings (`setMockOptions` calls `resetOptions`), loads
// the program's own files afresh (program.ts) and, before each command, drops what the provider
// keeps per process (shared/process-wide.ts), so a command starts as it would in a process of
// its own. What stays loaded: modules, ts-node, and the SDK's cache of serialized dynamic providers
// (dynamic/index.ts `providerCache`), as for an inline program.
// The provider host is not kept: each command starts its own, as the engine does. (A kept host
// would not be a new one: the SDK's host configures each provider once per process, in a cache
// nothing outside it can clear (cmd/dynamic-provider/index.ts `providerCache`), so a command with
// other config would meet the last one's provider.)
// After a command whose program was still running as it ended (the deployment stopped after a
// failure, leaving registrations unanswered), the process exits after answering: that program never
// meets the next command, which the client runs in a new process. A command that failed otherwise
// (a refused step, a program that threw, bad flags) leaves nothing running, and the process serves on.
import { forgetProcessWide } from "../../shared/process-wide";
import { runCommandLine } from "./command-line";

export interface ServeRequest {
  /** The arguments after `cli.js`. */
  args: string[];
  /** The whole environment of the command (replaces this process's for its duration). */
  env: Record<string, string>;
  /** The working folder the command runs in. */
  cwd: string;
}

export interface ServeAnswer {
  code: number;
  stdout: string;
  stderr: string;
  /** False when this process exits after answering (see above). */
  reusable: boolean;
}

function useEnvironment(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

type Write = typeof process.stdout.write;

/** Collects what the process writes on standard output and error until `stop` is called. */
function capture(): { stop(): { stdout: string; stderr: string } } {
  const chunks = { stdout: "", stderr: "" };
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const name of ["stdout", "stderr"] as const) {
    process[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    }) as Write;
  }
  return {
    stop: () => {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
      return chunks;
    },
  };
}

async function serve(request: ServeRequest): Promise<ServeAnswer> {
  useEnvironment(request.env);
  process.chdir(request.cwd);
  forgetProcessWide();
  const output = capture();
  let code: number;
  let reusable: boolean;
  try {
    const result = await runCommandLine([process.execPath, "cli.js", ...request.args]);
    code = result.exitCode;
    reusable = !result.programLeftRunning;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    code = 1;
    reusable = false;
  }
  const { stdout, stderr } = output.stop();
  return { code, stdout, stderr, reusable };
}

let busy = false;
process.on("message", (request: ServeRequest) => {
  if (busy) throw new Error("engine serve: one command at a time");
  busy = true;
  void serve(request).then((answer) => {
    busy = false;
    process.send?.(answer, () => {
      if (!answer.reusable) process.exit(0);
    });
  });
});

// The client going away ends this process.
process.on("disconnect", () => process.exit(0));
