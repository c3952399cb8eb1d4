// The error a Hierarchy raises for a mistake in the user's declaration (a parent path or a policy
// name that matches nothing in ESET), from inside an output's apply.
import * as pulumi from "@pulumi/pulumi";
import { isConfigError } from "../client";

/**
 * A `RunError` (the runtime prints its message alone) whose `stack` is that message, without frames.
 *
 * Why no frames: the runtime also formats every unhandled error with `util.inspect(err, { colors:
 * true })` (`@pulumi/pulumi` `cmd/run/run.ts`, `uncaughtHandler`, for its tracing span, even for a
 * RunError), and an apply's stack has a frame in `node_modules/@pulumi/output.ts` (the SDK's source
 * maps point one folder above the package). Node's colouring of such a frame loops until the string
 * outgrows V8's limit (nodejs/node#64011, fixed by #64022; the scoped-package branch it loops in came
 * with #59446, in 20.19.6): measured on Node 20.20.2, 15-70 s and gigabytes of heap before the
 * message shows (docs/troubleshooting.md). The stack of a user's mistake says nothing to the user
 * anyway; its message names the file, line and fix.
 */
export function hierarchyUserError(message: string): pulumi.RunError {
  const error = new pulumi.RunError(message);
  error.stack = `${error.name}: ${message}`;
  return error;
}

/** `parent` (a path, `where` in the user's file or arguments) matches no group in ESET. */
export function unknownParentError(where: string, parent: string): pulumi.RunError {
  return hierarchyUserError(
    `${where}: parent ${JSON.stringify(parent)} matches no group in ESET (neither a uuid nor a path below All); give an existing group's uuid or path, \`eset-connect tree\` lists them`,
  );
}

/**
 * A `ConfigError` (the stack config or environment lacks a setting, e.g. `eset:username`) as a user
 * error, without frames: the program's connection settings are parsed inside applies too. Any other
 * error unchanged.
 */
export function asHierarchyUserError(error: unknown): unknown {
  return isConfigError(error) ? hierarchyUserError(error.message) : error;
}
