// Loaded (`node --require`) into a dynamic-provider host that serves every test of a file
// (startProviderHost's `freshRuns`, test/support/provider-host.ts). The Pulumi engine starts one
// host per command, so everything the provider keeps per process is kept per run: the run's
// claims, tokens, shared clients with their tree snapshots, rate limiters and delete listings, all
// on globalThis under `Symbol.for("pulumi-eset-connect.<name>")` (shared/process-wide.ts). On
// SIGUSR2 this drops every one of them, so the next call finds the process as a new host would,
// then writes MARKER on standard error for the test to wait for (the test drops the line).
// Plain JavaScript: the host is a plain Node process, outside jest's transform.
// The same text as FRESH_RUN_MARKER in provider-host.ts (not imported: loading this file installs
// the handler).
const MARKER = "[test] fresh run";
const PREFIX = "pulumi-eset-connect.";

process.on("SIGUSR2", () => {
  const holder = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis));
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (key.description?.startsWith(PREFIX)) delete holder[key];
  }
  process.stderr.write(`${MARKER}\n`);
});
