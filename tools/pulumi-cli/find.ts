// A Pulumi CLI already installed on PATH, when it is new enough for this package.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CACHE } from "./paths";

/** Dynamic providers receive the stack config from CLI 3.139 on (pulumi/pulumi#17697). */
export const MIN_CLI_VERSION = "3.139.0";

export interface FoundCli {
  path: string;
  version: string;
  /** Its own pulumi-language-nodejs, when it has one (next to it or on PATH). */
  languageHost?: string;
  /** Its own pulumi-language-yaml, when it has one (next to it or on PATH). */
  yamlLanguageHost?: string;
}

/** [major, minor, patch] of "v3.248.0" or "3.248.0-alpha.1"; undefined when not a version. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function atLeast(version: string, minimum: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function executablesOnPath(name: string): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) found.push(candidate);
    } catch {
      // not here
    }
  }
  return found;
}

/** Anything under .cache is ours (a CLI this script built or linked), not the user's. */
function isOurs(file: string): boolean {
  return path.resolve(file).startsWith(CACHE + path.sep);
}

export function findCli(): FoundCli | undefined {
  const pulumi = executablesOnPath("pulumi").find((p) => !isOurs(p));
  if (!pulumi) return undefined;
  const out = spawnSync(pulumi, ["version"], { encoding: "utf8", timeout: 60_000 });
  const version = out.status === 0 ? out.stdout.trim() : "";
  if (!atLeast(version, MIN_CLI_VERSION)) {
    console.error(
      `Ignoring ${pulumi} (${version || "its version cannot be read"}): this lane needs ${MIN_CLI_VERSION} or newer.`,
    );
    return undefined;
  }
  const besideIt = path.join(path.dirname(fs.realpathSync(pulumi)), "pulumi-language-nodejs");
  const languageHost = fs.existsSync(besideIt)
    ? besideIt
    : executablesOnPath("pulumi-language-nodejs").find((p) => !isOurs(p));
  const yamlBesideIt = path.join(path.dirname(fs.realpathSync(pulumi)), "pulumi-language-yaml");
  const yamlLanguageHost = fs.existsSync(yamlBesideIt)
    ? yamlBesideIt
    : executablesOnPath("pulumi-language-yaml").find((p) => !isOurs(p));
  return { path: pulumi, version, languageHost, yamlLanguageHost };
}
