// Puts next to the CLI what `runtime: nodejs` and dynamic resources need: pulumi-language-nodejs
// (this repository's host, tools/language-host, unless the CLI has its own) and
// pulumi-resource-pulumi-nodejs (the shim @pulumi/pulumi ships, which starts its dynamic-provider host).
import * as fs from "fs";
import * as path from "path";
import { BUILT_BIN, LANGUAGE_HOST_JS, PATH_BIN, REPO } from "./paths";

/** Replaces `link` by a symbolic link to `target`. */
function linkTo(target: string, link: string): void {
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}

/** Links a language host (e.g. pulumi-language-yaml) into the folder, where the engine finds it. */
export function linkLanguageHost(dir: string, name: string, host: string): void {
  linkTo(host, path.join(dir, name));
}

/** Writes `dir/name`, a launcher of the compiled host script (replacing a link of that name). */
export function writeLauncher(dir: string, name: string, hostScript: string): void {
  const file = path.join(dir, name);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, languageHostLauncher(hostScript), { mode: 0o755 });
}

/** A launcher that runs the compiled language host with the `node` on PATH, as Pulumi's host runs programs. */
export function languageHostLauncher(hostScript: string): string {
  return `#!/bin/sh\n# Written by tools/pulumi-cli/assemble.ts\nexec node ${JSON.stringify(hostScript)} "$@"\n`;
}

function dynamicProviderShim(): string {
  const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO] }));
  return path.join(sdk, "pulumi-resource-pulumi-nodejs");
}

/**
 * Returns the folder holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
 * `pulumi`: the built binary (already in BUILT_BIN) or a CLI found on PATH (linked from PATH_BIN).
 */
export function assembleBin(o: { pulumi: string; languageHost?: string }): string {
  const dir = path.dirname(o.pulumi) === BUILT_BIN ? BUILT_BIN : PATH_BIN;
  fs.mkdirSync(dir, { recursive: true });
  if (dir === PATH_BIN) linkTo(o.pulumi, path.join(dir, "pulumi"));
  const host = path.join(dir, "pulumi-language-nodejs");
  if (o.languageHost) {
    linkTo(o.languageHost, host);
  } else {
    if (!fs.existsSync(LANGUAGE_HOST_JS)) {
      throw new Error(
        `${LANGUAGE_HOST_JS} is missing: run npm run pulumi-cli:bin (it compiles the host first)`,
      );
    }
    writeLauncher(dir, "pulumi-language-nodejs", LANGUAGE_HOST_JS);
  }
  linkTo(dynamicProviderShim(), path.join(dir, "pulumi-resource-pulumi-nodejs"));
  return dir;
}
