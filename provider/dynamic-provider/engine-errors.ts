/**
 * Errors on their way from a provider method to the engine. The SDK's dynamic-provider host writes
 * every failed call's error to standard error as `${error}: ${error.stack}`
 * (@pulumi/pulumi cmd/dynamic-provider/index.js, each method's catch), and the CLI shows those
 * lines under the stack resource beside the resource's own error: the message twice, then frames
 * of our modules, for a refusal that already says what to do. So, unless the user asked for
 * traces (ESET_CONNECT_DEBUG=1), the stack is cut to a hint saying how to get it. The message and
 * anything else on the error (the id and outputs of a partial failure) stay as they are.
 */
import { wantsStackTraces } from "../../shared/command-process";

export const STACK_HINT = "(ESET_CONNECT_DEBUG=1 shows where it was raised)";

/** `error`, with its stack cut to STACK_HINT unless traces were asked for. */
export function forEngine(error: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (error instanceof Error && !wantsStackTraces([], env)) {
    try {
      error.stack = STACK_HINT;
    } catch {
      // A frozen error keeps its stack: the message still reaches the engine.
    }
  }
  return error;
}

/** The provider methods, each passing what it throws through `forEngine`. */
export function reportingToEngine<T extends object>(methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] =
      typeof method === "function"
        ? async function (this: unknown, ...args: unknown[]) {
            try {
              return await (method as (...a: unknown[]) => unknown).apply(this, args);
            } catch (error) {
              throw forEngine(error);
            }
          }
        : method;
  }
  return wrapped as T;
}
