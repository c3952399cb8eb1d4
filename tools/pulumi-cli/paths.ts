// Where the real-CLI lane keeps what it builds: tools/pulumi-cli/.cache (ignored by git).
import * as path from "path";

/** tools/pulumi-cli, from its source or from its compiled copy in .cache/js/pulumi-cli. */
export const MODULE_DIR =
  path.basename(path.dirname(__dirname)) === "js" ? path.resolve(__dirname, "..", "..", "..") : __dirname;
export const REPO = path.resolve(MODULE_DIR, "..", "..");
export const CACHE = path.join(MODULE_DIR, ".cache");
/** The CLI built from Go, with the language host and dynamic-provider plugin next to it. */
export const BUILT_BIN = path.join(CACHE, "bin");
/** Links to a CLI found on PATH, with what it lacks next to them. */
export const PATH_BIN = path.join(CACHE, "path-bin");
/** The compiled language host (tsc -p tools/pulumi-cli). */
export const LANGUAGE_HOST_JS = path.join(CACHE, "js", "language-host", "main.js");
/** This repository's python language host, compiled (tools/pulumi-cli/language-python). */
export const PYTHON_LANGUAGE_HOST_JS = path.join(CACHE, "js", "pulumi-cli", "language-python", "main.js");
