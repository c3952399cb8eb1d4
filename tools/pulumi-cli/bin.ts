#!/usr/bin/env node
// `npm run --silent pulumi-cli:bin`: prints, as its last line, a folder holding `pulumi`,
// `pulumi-language-nodejs`, `pulumi-language-yaml` (and the dynamic-provider plugin
// `pulumi-resource-pulumi-nodejs`) for the real-CLI test lane; put it first on PATH. It uses a `pulumi` already on PATH when that is
// 3.139 or newer (adding this repository's language host where it has none), else builds the CLI
// from Pulumi's Go module (tools/pulumi-cli/go.mod) with Go, with this repository's python, Go and
// generate-only .NET language hosts next to it. Without either it exits 1 and says
// what is missing. Everything it makes lives in tools/pulumi-cli/.cache (ignored by git).
import { findCli, MIN_CLI_VERSION } from "./find";
import { buildCli, hasGo } from "./build";
import { assembleBin, linkLanguageHost, writeLauncher } from "./assemble";
import { buildYamlLanguageHost } from "./language-yaml";
import { CODEGEN_NAME, buildCodegen } from "./codegen";
import { GO_LANGUAGE_HOST, buildGoLanguageHost } from "./language-go";
import { DOTNET_LANGUAGE_HOST, buildDotnetLanguageHost } from "./language-dotnet";
import { PYTHON_LANGUAGE_HOST_JS } from "./paths";

/** What `pulumi package gen-sdk` needs from our hosts: the code generator, python, Go and .NET hosts. */
function addPackageTools(dir: string): void {
  linkLanguageHost(dir, CODEGEN_NAME, buildCodegen());
  writeLauncher(dir, "pulumi-language-python", PYTHON_LANGUAGE_HOST_JS);
  linkLanguageHost(dir, GO_LANGUAGE_HOST, buildGoLanguageHost());
  linkLanguageHost(dir, DOTNET_LANGUAGE_HOST, buildDotnetLanguageHost());
}

function main(): number {
  const existing = findCli();
  if (existing) {
    console.error(`Using the Pulumi CLI on PATH: ${existing.path} (${existing.version}).`);
    const dir = assembleBin({ pulumi: existing.path, languageHost: existing.languageHost });
    const yaml = existing.yamlLanguageHost ?? (hasGo() ? buildYamlLanguageHost() : undefined);
    if (yaml) linkLanguageHost(dir, "pulumi-language-yaml", yaml);
    else
      console.error(
        "No pulumi-language-yaml beside the CLI and no Go to build it: YAML programs cannot run.",
      );
    console.log(dir);
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
  const dir = assembleBin({ pulumi: built });
  linkLanguageHost(dir, "pulumi-language-yaml", buildYamlLanguageHost());
  addPackageTools(dir);
  console.log(dir);
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
