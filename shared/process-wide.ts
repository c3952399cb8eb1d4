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
