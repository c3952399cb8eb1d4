/**
 * Process-wide singletons. The dynamic-provider host loads one copy of the provider per serialized
 * text (and a stack may hold texts of several versions), all on one event loop: a module-level
 * variable would give each copy its own rate limiter, token cache or tree snapshot. So each
 * singleton lives on `globalThis` under a `Symbol.for` key that every copy (and every version that
 * uses the same key) finds. Keys are a contract between versions: never rename one.
 */

/** The value kept under `pulumi-eset-connect.<name>`, made by `create` on first use. */
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`pulumi-eset-connect.${name}`);
  return (holder[key] ??= create());
}

/**
 * Drops every process-wide singleton, so the next use finds the process as a new one would. Only
 * the engine harness calls it, between the commands it serves in one process
 * (tools/engine/serve.ts).
 */
export function forgetProcessWide(): void {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (key.description?.startsWith("pulumi-eset-connect.")) delete holder[key];
  }
}
