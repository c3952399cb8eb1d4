// Pulumi's YAML language host, `pulumi-language-yaml`, built with Go from the Go module
// github.com/pulumi/pulumi-yaml (cmd/pulumi-language-yaml), pinned in language-yaml/go.mod and
// go.sum. A module of its own: pulumi-yaml pins its own Pulumi version (v1.36.0: pkg v3.245.0),
// which must not move the CLI's, and no pulumi-yaml release builds against v3.248.0's packages
// (v1.37.0 wants 3.247's, which the module proxy here does not serve).
import * as path from "path";
import { CACHE, MODULE_DIR } from "./paths";
import { goBuild } from "./go-build";

export function buildYamlLanguageHost(): string {
  return goBuild({
    name: "pulumi-language-yaml (github.com/pulumi/pulumi-yaml)",
    moduleDir: path.join(MODULE_DIR, "language-yaml"),
    goPackage: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    inputs: ["go.mod", "go.sum"],
    output: path.join(CACHE, "language-yaml", "pulumi-language-yaml"),
  });
}
