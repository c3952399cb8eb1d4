// The resource monitor the program talks to. It has the method surface of the SDK's MockMonitor
// (`@pulumi/pulumi/runtime/mocks`) and is installed the same way (`runtime.setMockOptions`), so the
// SDK hands it complete RegisterResource requests and waits for the answers. Answers are given when
// the engine's step is done. Any refusal is sent as UNAVAILABLE, which the SDK treats as "the
// engine is stopping" and does not report again: the harness has reported the cause already.
import type * as resPb from "@pulumi/pulumi/proto/resource_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import { goalFromRequest } from "./goal";
import type { PropertyMap } from "./properties";
import type { Deployment } from "./register";
import type { Sdk } from "./sdk";

type Callback = (error: Error | null, response?: unknown) => void;

const UNAVAILABLE = 14;

/** What the harness tells the SDK it supports; see `awaitFeatureSupport` in runtime/settings. */
const FEATURES: Record<string, boolean> = {
  secrets: true,
  // Resources passed as inputs arrive as their id (custom) or URN (component), as the engine
  // sends them to providers that do not accept resource references.
  resourceReferences: false,
  outputValues: false,
  deletedWith: true,
  // Without structured alias specs the SDK sends alias URNs it computed, parents' aliases included.
  aliasSpecs: false,
  replaceWith: false,
  transforms: false,
  invokeTransforms: false,
  parameterization: false,
  resourceHooks: false,
  errorHooks: false,
};

function refusal(message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code: UNAVAILABLE });
}

export function createMonitor(sdk: Sdk, deployment: Deployment, onProgramError: (message: string) => void) {
  const res = sdk.load<typeof resPb>("proto/resource_pb");
  const struct = sdk.loadDependency<typeof structPb>("google-protobuf/google/protobuf/struct_pb");
  const empty = sdk.loadDependency<typeof emptyPb>("google-protobuf/google/protobuf/empty_pb");
  const unsupported = (what: string) => (_req: unknown, callback: Callback) => {
    const message = `${what} is not supported by the engine harness`;
    onProgramError(message);
    callback(refusal(message));
  };

  return {
    registerResource(req: resPb.RegisterResourceRequest, callback: Callback): void {
      let goal;
      try {
        goal = goalFromRequest(req);
      } catch (e) {
        onProgramError((e as Error).message);
        callback(refusal((e as Error).message));
        return;
      }
      deployment.register(goal).then(
        (done) => {
          const resp = new res.RegisterResourceResponse();
          resp.setUrn(done.urn);
          resp.setId(done.id);
          resp.setObject(
            struct.Struct.fromJavaScript(done.outputs as Record<string, structPb.JavaScriptValue>),
          );
          resp.setResult(res.Result.SUCCESS);
          callback(null, resp);
        },
        (e: Error) => callback(refusal(e.message)),
      );
    },
    registerResourceOutputs(req: resPb.RegisterResourceOutputsRequest, callback: Callback): void {
      deployment.registerOutputs(req.getUrn(), (req.getOutputs()?.toJavaScript() ?? {}) as PropertyMap);
      callback(null, new empty.Empty());
    },
    supportsFeature(req: resPb.SupportsFeatureRequest, callback: Callback): void {
      const resp = new res.SupportsFeatureResponse();
      resp.setHassupport(FEATURES[req.getId()] ?? false);
      callback(null, resp);
    },
    signalAndWaitForShutdown(_req: unknown, callback: Callback): void {
      callback(null, new empty.Empty());
    },
    readResource: unsupported("reading an existing resource (Resource.get, StackReference)"),
    invoke: unsupported("calling a provider function (invoke)"),
    call: unsupported("calling a component method"),
    registerPackage: unsupported("a parameterized package"),
    registerStackTransform: unsupported("a stack transform"),
    registerStackInvokeTransform: unsupported("an invoke transform"),
    registerResourceHook: unsupported("a resource hook"),
  };
}
