/**
 * The programs the real-CLI benchmark can run (`--program`), written into a working folder:
 *
 * - `dynamic` (the default): tools/bench/program, TypeScript over the dynamic resources — a
 *   `Hierarchy` built in the program, one dynamic `Group` per node — or, with `--js-program`, the
 *   same program compiled to JavaScript.
 * - `plugin`: a Pulumi YAML program over the `eset` provider plugin (provider/plugin, docs/plugin.md)
 *   declaring the plugin's `eset:index:Hierarchy` from the same hierarchy file (config `bench:tree`),
 *   which the plugin's `construct` turns into one `eset:index:Group` per node, named `tree/<key>`
 *   and parented to the component as the TypeScript `Hierarchy` names and parents its Groups.
 *   YAML rather than TypeScript over the generated Node SDK: YAML is the language the plugin exists
 *   for (a Node program keeps the dynamic resources), it needs no SDK generated per run, and its
 *   program does no work of ours — so what differs from the dynamic program is the plugin alone.
 */
import * as fs from "fs";
import * as path from "path";
import { PROGRAM_DIR, repoRoot } from "./engine";

export const CLI_PROGRAMS = ["dynamic", "plugin"] as const;
export type CliProgram = (typeof CLI_PROGRAMS)[number];

/** The folder `pulumi package add` is given (docs/plugin.md, "Install"). */
export const PLUGIN_DIR = path.join(repoRoot(), "provider", "plugin");

/** The built files the plugin program needs beyond those of the dynamic one. */
export const PLUGIN_BUILT = ["dist/provider/plugin/main.js"];

/**
 * The plugin program's Pulumi.yaml. `packages:` is what `pulumi package add <plugin folder>` adds
 * to a YAML project (it generates no SDK for YAML), written here directly so that setting up a
 * run starts no plugin. `${bench:tree}` is the stack config the dynamic program reads (Pulumi
 * YAML resolves a config key by its full name); the file is read by the plugin, so its path is absolute.
 */
export function pluginProgramYaml(pluginDir: string = PLUGIN_DIR): string {
  return [
    "# Written by `npm run bench -- --cli --program plugin` (tools/bench/cli-program.ts): the",
    "# benchmark's tree as the eset plugin's Hierarchy, built by the plugin from config bench:tree.",
    "name: eset-bench",
    "runtime: yaml",
    "packages:",
    `  eset: ${JSON.stringify(pluginDir)}`,
    "resources:",
    "  tree:",
    "    type: eset:index:Hierarchy",
    "    properties:",
    "      file: ${bench:tree}",
    "",
  ].join("\n");
}

/** Writes the program into `dir` (which must lie inside the repository: it resolves the package). */
export function writeCliProgram(dir: string, program: CliProgram, jsProgram: boolean): void {
  if (program === "plugin") {
    if (jsProgram) throw new Error("--js-program applies to the dynamic program only");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pluginProgramYaml());
    return;
  }
  fs.cpSync(PROGRAM_DIR, dir, { recursive: true });
  if (jsProgram) useJavaScript(dir);
}

/**
 * The same program as JavaScript: the build's dist/tools/bench/program/index.js with
 * `typescript: false`, so the language host runs it without ts-node, whose source-map support
 * maps every stack the SDK captures (one per resource and per promise: most of a TypeScript
 * program's CPU at thousands of resources, docs/large-tenants.md).
 */
function useJavaScript(program: string): void {
  fs.rmSync(path.join(program, "index.ts"));
  fs.copyFileSync(
    path.join(repoRoot(), "dist", "tools", "bench", "program", "index.js"),
    path.join(program, "index.js"),
  );
  const yaml = path.join(program, "Pulumi.yaml");
  fs.writeFileSync(
    yaml,
    fs
      .readFileSync(yaml, "utf8")
      .replace("typescript: true", "typescript: false")
      .replace("main: index.ts", "main: index.js"),
  );
}
