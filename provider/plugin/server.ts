/**
 * Serves the provider over gRPC with the SDK's provider server (`@pulumi/pulumi/provider`'s `main`),
 * which implements every call but two the way we need (@pulumi/pulumi provider/server.js):
 * - its Configure answers without handing the provider its config. Ours passes the config on and
 *   answers as the SDK does (secrets, resources and output values accepted; no preview support, so
 *   `create` and `update` are never called in a preview: the same calls as the dynamic resources);
 * - its Read fails on the request `pulumi import` sends, which has no properties at all. Ours gives
 *   such a request empty properties first.
 */
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import { main as serveProvider } from "@pulumi/pulumi/provider";
import { EsetProvider } from "./provider";
import { stackConfigFromVariables } from "./stack-config";

// The gRPC module and service definitions the SDK itself loaded (one copy of each).
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
const providerGrpc = sdkRequire("./proto/provider_grpc_pb") as { ResourceProviderService: object };
const providerPb = sdkRequire("./proto/provider_pb") as typeof providerPbTypes;
const structPb = sdkRequire(
  "google-protobuf/google/protobuf/struct_pb",
) as typeof import("google-protobuf/google/protobuf/struct_pb");

type Implementation = Record<string, unknown>;

function withOurCalls(implementation: Implementation, provider: EsetProvider): Implementation {
  const wrapped = Object.create(implementation) as Implementation;
  const read = implementation.read as (call: unknown, callback: unknown) => unknown;
  wrapped.read = (
    call: grpcTypes.ServerUnaryCall<providerPbTypes.ReadRequest, unknown>,
    callback: unknown,
  ) => {
    if (!call.request.getProperties()) call.request.setProperties(new structPb.Struct());
    return read.call(wrapped, call, callback);
  };
  wrapped.configure = (
    call: grpcTypes.ServerUnaryCall<providerPbTypes.ConfigureRequest, providerPbTypes.ConfigureResponse>,
    callback: grpcTypes.sendUnaryData<providerPbTypes.ConfigureResponse>,
  ) => {
    try {
      provider.configure(stackConfigFromVariables(new Map(call.request.getVariablesMap().entries())));
      const response = new providerPb.ConfigureResponse()
        .setAcceptsecrets(true)
        .setAcceptresources(true)
        .setAcceptoutputs(true)
        .setSupportspreview(false);
      callback(null, response);
    } catch (error) {
      callback(error as Error, null);
    }
  };
  return wrapped;
}

/** Starts the server (it prints its port for the engine) and keeps the process alive. */
export async function serve(provider: EsetProvider, args: string[]): Promise<void> {
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: grpcTypes.Server, service, implementation) {
    const ours = service === providerGrpc.ResourceProviderService;
    return addService.call(
      this,
      service,
      ours
        ? (withOurCalls(implementation as Implementation, provider) as typeof implementation)
        : implementation,
    );
  };
  await serveProvider(provider, args);
}
