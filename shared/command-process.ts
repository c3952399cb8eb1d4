/**
 * What makes a bin of this package behave like a Unix command: `--version` from the installed
 * package, a quiet exit when the reader of standard output goes away (`eset-connect tree | head`),
 * and errors as one line on standard error, with the stack only when asked for.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { debugRequested } from "./debug";

/**
 * The version of the installed pulumi-eset-connect, read from its package.json (found by walking
 * up from this file, so it works from the sources, from dist/ and from node_modules alike).
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === "pulumi-eset-connect" && json.version) return json.version;
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

/** True when the user asked for stack traces: `--debug` among the arguments or ESET_CONNECT_DEBUG=1. */
export function wantsStackTraces(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes("--debug") || debugRequested(env);
}

/** The one line (or the stack, when asked for) printed for an error nothing else handled. */
export function failureText(command: string, error: unknown, stack: boolean): string {
  if (stack && error instanceof Error && error.stack) return `${command}: ${error.stack}\n`;
  return `${command}: ${error instanceof Error ? error.message : String(error)}\n`;
}

/**
 * A closed pipe on standard output or error (the reader exited, as `head` does) ends the process
 * at once with exit code 0 and no message: the reader has all it wanted. Other stream errors are
 * left to Node's default handling.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") exit(0);
    else throw error;
  });
}
