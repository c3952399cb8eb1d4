#!/usr/bin/env node
// `npm run --silent pulumi-cli:bin`: prints, as its last line, a folder holding `pulumi` and
// `pulumi-language-nodejs` (and the dynamic-provider plugin `pulumi-resource-pulumi-nodejs`) for
// the real-CLI test lane; put it first on PATH. It uses a `pulumi` already on PATH when that is
// 3.139 or newer (adding this repository's language host where it has none), else builds the CLI
// from Pulumi's Go module (tools/pulumi-cli/go.mod) with Go. Without either it exits 1 and says
// what is missing. Everything it makes lives in tools/pulumi-cli/.cache (ignored by git).
import { findCli, MIN_CLI_VERSION } from "./find";
import { buildCli, hasGo } from "./build";
import { assembleBin } from "./assemble";

function main(): number {
  const existing = findCli();
  if (existing) {
    console.error(`Using the Pulumi CLI on PATH: ${existing.path} (${existing.version}).`);
    console.log(assembleBin({ pulumi: existing.path, languageHost: existing.languageHost }));
    return 0;
  }
  if (!hasGo()) {
    console.error(
      `Cannot provide the Pulumi CLI: there is no pulumi ${MIN_CLI_VERSION} or newer on PATH and no Go to ` +
        "build one from Pulumi's Go module. Install Go 1.26 or newer (https://go.dev/dl/) and run this " +
        "again, or install the Pulumi CLI (https://www.pulumi.com/docs/install/).",
    );
    return 1;
  }
  const built = buildCli();
  console.log(assembleBin({ pulumi: built }));
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
