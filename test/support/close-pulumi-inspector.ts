// Set up after the environment of every test file (jest.config.js). Pulumi's closure serializer
// (`pulumi.runtime.serializeFunction`, which `pulumi.dynamic.Resource` calls on its provider) opens
// an inspector session with the debugger on and keeps it for the life of the process
// (@pulumi/pulumi/runtime/closure/v8Hooks.js). Inside a jest worker that session outlives the test
// file: the debugger holds the file's scripts and the objects it was asked about, and through them
// the file's whole module registry, about 40 MB a file. A full run left each worker with about 1 GB
// of heap, too much to exit in the 500 ms jest allows ("A worker process has failed to exit
// gracefully"). So each file closes the session its own serializations opened.
import type { Session } from "node:inspector";

/** What the SDK's (internal, so undeclared) v8Hooks module exports that this needs. */
interface V8Hooks {
  getSessionAsync(): Promise<Session>;
}

const V8_HOOKS = require.resolve("@pulumi/pulumi/runtime/closure/v8Hooks");

afterAll(async () => {
  // The SDK loads this module (lazily, in createClosure) only once the file serialized a function;
  // jest's require.cache is this file's module registry.
  const hooks = require.cache[V8_HOOKS]?.exports as V8Hooks | undefined;
  if (!hooks) return;
  (await hooks.getSessionAsync()).disconnect();
});
