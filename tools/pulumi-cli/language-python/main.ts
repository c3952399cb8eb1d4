#!/usr/bin/env node
// `pulumi-language-python [flags] [engine address]`: this repository's stand-in for Pulumi's Python
// language host, whose Go module cannot be built from the module proxy (replace directives). It
// runs programs (run.ts: in the project's virtualenv, over the `pulumi` package from PyPI) and
// answers GeneratePackage (`pulumi package gen-sdk --language python`) with Pulumi's own Python
// generator (generate-package.ts). Not implemented (UNIMPLEMENTED): installing dependencies (make
// the virtualenv with pip yourself), linking packages (`package add` in a Python project: install
// the SDK from `gen-sdk` with pip), program generation, About.
import * as grpc from "@grpc/grpc-js";
import type * as languageGrpcTypes from "@pulumi/pulumi/proto/language_grpc_pb";
import type * as languagePbTypes from "@pulumi/pulumi/proto/language_pb";
import type * as pluginPbTypes from "@pulumi/pulumi/proto/plugin_pb";
import { generatePackage } from "../../language-host/generate-package";
import { engineAddressOf } from "../../language-host/main";
import { run } from "./run";

const languageGrpc = require("@pulumi/pulumi/proto/language_grpc_pb") as typeof languageGrpcTypes;
const languagePb = require("@pulumi/pulumi/proto/language_pb") as typeof languagePbTypes;
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb") as typeof pluginPbTypes;
const { version } = require("@pulumi/pulumi/package.json") as { version: string };

function unimplemented(name: string) {
  return (call: { emit?: unknown }, callback?: grpc.sendUnaryData<never>) => {
    const error = {
      code: grpc.status.UNIMPLEMENTED,
      details: `${name} is not supported by this repository's python language host (tools/pulumi-cli/language-python)`,
    };
    if (callback) callback(error);
    else (call as { emit(event: string, e: unknown): void }).emit("error", error);
  };
}

let engineAddress = engineAddressOf(process.argv.slice(2));

const implementation = new Proxy(
  {
    handshake: (
      call: grpc.ServerUnaryCall<languagePbTypes.LanguageHandshakeRequest, unknown>,
      callback: grpc.sendUnaryData<languagePbTypes.LanguageHandshakeResponse>,
    ) => {
      engineAddress = call.request.getEngineAddress() || engineAddress;
      callback(null, new languagePb.LanguageHandshakeResponse());
    },
    run: run(() => engineAddress),
    // The engine finds the program's provider plugins from Pulumi.yaml's `packages`.
    getRequiredPackages: (
      _call: unknown,
      callback: grpc.sendUnaryData<languagePbTypes.GetRequiredPackagesResponse>,
    ) => callback(null, new languagePb.GetRequiredPackagesResponse()),
    getPluginInfo: (_call: unknown, callback: grpc.sendUnaryData<pluginPbTypes.PluginInfo>) =>
      callback(null, new pluginPb.PluginInfo().setVersion(version)),
    generatePackage: generatePackage("python"),
  } as Record<string, unknown>,
  // Every other RPC of the service answers UNIMPLEMENTED, naming itself.
  { get: (target, name: string) => target[name] ?? unimplemented(name) },
);

const server = new grpc.Server();
server.addService(
  languageGrpc.LanguageRuntimeService,
  implementation as unknown as languageGrpcTypes.ILanguageRuntimeServer,
);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(`pulumi-language-python: cannot listen on 127.0.0.1: ${error.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
