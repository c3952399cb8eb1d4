// The `@pulumi/pulumi` the program itself uses, found from the program's folder as Node would.
// The harness talks to that copy (its runtime, its protobuf classes, its gRPC module and its
// dynamic-provider host), so requests and responses are objects of the same module instances the
// program and the host use.
import { createRequire } from "module";
import * as path from "path";

export interface Sdk {
  /** Folder of the program's `@pulumi/pulumi` package. */
  root: string;
  version: string;
  /** Loads a module of the SDK package, e.g. `runtime` or `proto/provider_pb`. */
  load<T>(subpath: string): T;
  /** Loads a dependency as the SDK resolves it, e.g. `@grpc/grpc-js`. */
  loadDependency<T>(name: string): T;
  /** The dynamic-provider host script (`cmd/dynamic-provider`). */
  dynamicProviderScript: string;
}

export function loadSdk(programDir: string): Sdk {
  const fromProgram = createRequire(path.join(programDir, "noop.js"));
  let manifest: string;
  try {
    manifest = fromProgram.resolve("@pulumi/pulumi/package.json");
  } catch {
    throw new Error(
      `cannot find @pulumi/pulumi from ${programDir}: install the program's dependencies (npm install) first`,
    );
  }
  const root = path.dirname(manifest);
  const fromSdk = createRequire(manifest);
  const version = (fromSdk(manifest) as { version: string }).version;
  return {
    root,
    version,
    load: <T>(subpath: string) => fromSdk(path.join(root, subpath)) as T,
    loadDependency: <T>(name: string) => fromSdk(name) as T,
    dynamicProviderScript: path.join(root, "cmd", "dynamic-provider", "index.js"),
  };
}
