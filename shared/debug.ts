/**
 * The one debug switch: `ESET_CONNECT_DEBUG`. On, it makes the client log one line per HTTP
 * exchange to stderr, and the commands and the provider host show stack traces of unexpected
 * errors. One rule for every reader, so a value never turns on one and not the other.
 */

export const DEBUG_VARIABLE = "ESET_CONNECT_DEBUG";

/** True unless the variable is unset, empty, `0`, `false`, `no` or `off` (any case, trimmed). */
export function debugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = (env[DEBUG_VARIABLE] ?? "").trim().toLowerCase();
  return flag !== "" && !["0", "false", "no", "off"].includes(flag);
}
