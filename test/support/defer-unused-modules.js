// Loaded with test/support/code-cache.js into the Node processes the host and engine lanes start
// (NODE_OPTIONS, test/support/lane-environment.ts). Never part of what users install.
//
// @pulumi/pulumi loads two large modules as it starts that most of these processes never use:
// - npm's @npmcli/arborist (with pacote, sigstore, tuf and about 300 more files), from
//   runtime/closure/codePaths.js, which needs it only in `computeCodePaths` (packaging a function's
//   dependencies, as for a cloud function): no test process calls it; about 40% of the SDK's load
//   (0.2 s of CPU in every harness run and host).
// - TypeScript, through typescript-shim.js, for the closure serializer and tsutils: the program's
//   process uses it (ts-node, serializing dynamic providers), a dynamic-provider host never does
//   (about 0.06 s of CPU per host, measured 2026-12-08).
// So each of those requires returns a stand-in that loads the real module on first use: any
// property read then comes from the module itself. The SDK reads these modules directly or through
// TypeScript's `__importStar`, which keeps a module that says `__esModule` as it is: the stand-in
// says so until the real module is loaded, and then answers as the real module does.
// Plain JavaScript: it runs before anything could compile TypeScript.
"use strict";
const Module = require("module");

/** Each deferred module, and the SDK file whose require of it is deferred. */
const DEFERRED = new Map([
  ["@npmcli/arborist", /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]codePaths\.js$/],
  ["typescript", /[\\/]@pulumi[\\/]pulumi[\\/]typescript-shim\.js$/],
]);

const nodeLoad = Module._load;

Module._load = function load(request, parent, isMain) {
  const from = DEFERRED.get(request);
  if (!from || !parent || !from.test(parent.filename ?? "")) {
    return nodeLoad.call(this, request, parent, isMain);
  }
  /** @type {Record<PropertyKey, unknown> | undefined} */
  let real;
  const loaded = () => (real ??= nodeLoad.call(this, request, parent, isMain));
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" && real === undefined ? true : loaded()[key]),
      has: (_, key) => key in loaded(),
      ownKeys: () => Reflect.ownKeys(loaded()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(loaded(), key);
        // A proxy may not report a property its target lacks as not configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
};
