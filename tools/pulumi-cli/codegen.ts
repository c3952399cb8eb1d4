// `pulumi-codegen-eset` (codegen/main.go): Pulumi's nodejs and python SDK generators, at the CLI's
// version, for the GeneratePackage call of our language hosts (`pulumi package gen-sdk`, `package add`).
import * as path from "path";
import { CACHE, MODULE_DIR } from "./paths";
import { goBuild } from "./go-build";

export const CODEGEN_NAME = "pulumi-codegen-eset";

export function buildCodegen(): string {
  return goBuild({
    name: CODEGEN_NAME,
    moduleDir: MODULE_DIR,
    goPackage: "./codegen",
    inputs: ["go.mod", "go.sum", "codegen/main.go"],
    output: path.join(CACHE, "codegen", CODEGEN_NAME),
  });
}
