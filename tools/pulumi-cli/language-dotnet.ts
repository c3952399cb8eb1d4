// `pulumi-language-dotnet` (language-dotnet/main.go): a generate-only .NET host, built with Go from a
// module of its own (language-dotnet/go.mod, pkg/v3 at v3.228.0: Pulumi's C# generator left pkg/v3
// after that release for github.com/pulumi/pulumi-dotnet, which the Go module proxy here does not
// serve). It answers `pulumi package gen-sdk --language dotnet` and refuses to run programs: there
// is no .NET SDK here.
import * as path from "path";
import { CACHE, MODULE_DIR } from "./paths";
import { goBuild } from "./go-build";

export const DOTNET_LANGUAGE_HOST = "pulumi-language-dotnet";

export function buildDotnetLanguageHost(): string {
  return goBuild({
    name: `${DOTNET_LANGUAGE_HOST} (generate-only)`,
    moduleDir: path.join(MODULE_DIR, "language-dotnet"),
    goPackage: ".",
    inputs: ["go.mod", "go.sum", "main.go"],
    output: path.join(CACHE, "language-dotnet", DOTNET_LANGUAGE_HOST),
  });
}
