// GeneratePackage (`pulumi package gen-sdk`, `pulumi package add`): Pulumi's own SDK generators
// write the files, run by our Go helper `pulumi-codegen-eset` (tools/pulumi-cli/codegen), which
// `npm run pulumi-cli:bin` puts next to the CLI, on PATH. Shared by this repository's language
// hosts (nodejs here, python in tools/pulumi-cli/language-python).
import { spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import type * as languagePbTypes from "@pulumi/pulumi/proto/language_pb";

const languagePb = require("@pulumi/pulumi/proto/language_pb") as typeof languagePbTypes;

export const CODEGEN = "pulumi-codegen-eset";

/** The request as the helper reads it on standard input. */
export function codegenInput(req: languagePbTypes.GeneratePackageRequest): string {
  const extraFiles: Record<string, string> = {};
  req.getExtraFilesMap().forEach((data, name) => (extraFiles[name] = Buffer.from(data).toString("base64")));
  const localDependencies: Record<string, string> = {};
  req.getLocalDependenciesMap().forEach((where, name) => (localDependencies[name] = where));
  return JSON.stringify({ schema: req.getSchema(), extraFiles, localDependencies, local: req.getLocal() });
}

export function generatePackage(
  language: "nodejs" | "python",
): grpc.handleUnaryCall<languagePbTypes.GeneratePackageRequest, languagePbTypes.GeneratePackageResponse> {
  return (call, callback) => {
    const req = call.request;
    const child = spawn(CODEGEN, [language, req.getLoaderTarget(), req.getDirectory()], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error) =>
      callback({
        code: grpc.status.UNAVAILABLE,
        details: `${CODEGEN} cannot be started (${error.message}): put the folder npm run pulumi-cli:bin prints on PATH`,
      }),
    );
    child.on("close", (code) => {
      if (code === 0) return callback(null, new languagePb.GeneratePackageResponse());
      callback({
        code: grpc.status.UNKNOWN,
        details: stderr.trim() || `${CODEGEN} exited with code ${code}`,
      });
    });
    child.stdin.end(codegenInput(req));
  };
}
