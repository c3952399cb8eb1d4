// This repository's Go language host, `pulumi-language-go` (language-go/*.go), built with Go in the
// CLI's module: its GeneratePackage runs Pulumi's Go generator (pkg/v3/codegen/go), which must be
// the CLI's version, and one go.mod pins both. Pulumi's own host cannot come from the module proxy
// (replace directives in sdk/go/pulumi-language-go/go.mod).
import * as fs from "fs";
import * as path from "path";
import { CACHE, MODULE_DIR } from "./paths";
import { goBuild } from "./go-build";

export const GO_LANGUAGE_HOST = "pulumi-language-go";

export function buildGoLanguageHost(): string {
  const sources = fs
    .readdirSync(path.join(MODULE_DIR, "language-go"))
    .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
    .sort()
    .map((f) => path.join("language-go", f));
  return goBuild({
    name: GO_LANGUAGE_HOST,
    moduleDir: MODULE_DIR,
    goPackage: "./language-go",
    inputs: ["go.mod", "go.sum", ...sources],
    output: path.join(CACHE, "language-go", GO_LANGUAGE_HOST),
  });
}
