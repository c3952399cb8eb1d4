/**
 * The environment of a child process a test starts (provider host, engine harness): this
 * process's, without any ESET_CONNECT_* variable of the machine running the tests, so that a
 * developer's own tenant never reaches a test and a stray region never moves the endpoint; then
 * `extra` on top.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ESET_CONNECT_")));
  return { ...env, ...extra };
}
