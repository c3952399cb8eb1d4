// Loaded with test/support/code-cache.js into the Node processes the host and engine lanes start
// (NODE_OPTIONS, test/support/lane-environment.ts). Never part of what users install.
//
// @pulumi/pulumi loads npm's @npmcli/arborist (with pacote, sigstore, tuf and about 300 more
// files) as it starts, from runtime/closure/codePaths.js, which needs it only in
// `computeCodePaths` (packaging a function's dependencies, as for a cloud function): no test process
// calls it, and it is about 40% of the SDK's load (0.2 s of CPU in every harness run and host).
// So that one require returns a stand-in that loads the real module on first use: any property
// read then comes from @npmcli/arborist itself. codePaths.js reads the module through TypeScript's
// `__importStar`, which keeps a module that says `__esModule` as it is: the stand-in says so
// until the real module is loaded, and then answers as the real module does.
// Plain JavaScript: it runs before anything could compile TypeScript.
"use strict";
const Module = require("module");

const DEFERRED = "@npmcli/arborist";
const REQUIRED_FROM = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]codePaths\.js$/;

const nodeLoad = Module._load;

Module._load = function load(request, parent, isMain) {
  if (request !== DEFERRED || !parent || !REQUIRED_FROM.test(parent.filename ?? "")) {
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
