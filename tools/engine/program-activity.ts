// Whether the program's own process would still be running. The nodejs runtime never waits for the
// program's promises: `@pulumi/pulumi/cmd/run` awaits `runInPulumiStack` in a process of its own,
// and that process ends when Node's event loop is empty, whatever is still pending. An output whose
// `apply` threw into a resource's input leaves that resource's registration, its URN and everything
// waiting on them pending forever; the runtime has logged the unhandled rejection, and its exit
// handler (cmd/run/index.ts) turns the exit into code 32 ("already reported"), which the language
// host (sdk/nodejs/cmd/pulumi-language-nodejs/main.go) answers with a bail. With no error logged,
// the leak detector of runtime/debuggable.ts prints its "promises were still active" message and
// exits with 1. Here the program shares the harness's process, whose event loop never empties (the
// provider host, the state file), so the harness tracks what would keep the program's own loop
// alive: what it started (timers, sockets, file and DNS requests, child processes), found through
// the async context it runs in, and the registrations the monitor has not answered yet.
import { AsyncLocalStorage, createHook, type AsyncHook } from "async_hooks";

/**
 * libuv requests (Node's async resource types): they keep the loop alive until they complete, and
 * their `destroy` comes when they do. Handles and timers are told by their own `hasRef()`.
 */
const REQUEST_TYPES = new Set([
  "FSREQCALLBACK",
  "FSREQPROMISE",
  "FILEHANDLECLOSEREQ",
  "GETADDRINFOREQWRAP",
  "GETNAMEINFOREQWRAP",
  "QUERYWRAP",
  "SHUTDOWNWRAP",
  "WRITEWRAP",
  "SENDWRAP",
  "TCPCONNECTWRAP",
  "PIPECONNECTWRAP",
  "ZLIB",
]);

function keepsLoopAlive(type: string, resource: object): boolean {
  const handle = resource as { hasRef?: () => boolean };
  if (typeof handle.hasRef === "function") return handle.hasRef();
  // Crypto work on the thread pool (PBKDF2REQUEST, RANDOMBYTESREQUEST, ...).
  return REQUEST_TYPES.has(type) || type.endsWith("REQUEST");
}

export class ProgramActivity {
  private readonly context = new AsyncLocalStorage<true>();
  private readonly live = new Map<number, { type: string; resource: object }>();
  private readonly hook: AsyncHook;
  /** Monitor calls the engine has not answered yet. */
  private pendingCalls = 0;

  constructor() {
    this.hook = createHook({
      init: (asyncId, type, _trigger, resource) => {
        if (type === "PROMISE" || this.context.getStore() !== true) return;
        this.live.set(asyncId, { type, resource });
      },
      destroy: (asyncId) => {
        this.live.delete(asyncId);
      },
    });
  }

  /** Runs the program's code: what it starts from here on counts as the program's. */
  runProgram<T>(fn: () => T): T {
    this.hook.enable();
    return this.context.run(true, fn);
  }

  /**
   * The monitor's methods, called outside the program's context (the engine's work for a request is
   * not the program's) and counted until answered: a registration in flight keeps the program alive,
   * as its gRPC call does under the CLI.
   */
  wrapMonitor<M extends object>(monitor: M): M {
    const wrapped: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(monitor)) {
      if (typeof method !== "function") continue;
      wrapped[name] = (req: unknown, callback: (...args: unknown[]) => void) => {
        this.pendingCalls++;
        let answered = false;
        const answer = (...args: unknown[]) => {
          if (!answered) this.pendingCalls--;
          answered = true;
          callback(...args);
        };
        this.context.exit(() =>
          (method as (r: unknown, c: typeof answer) => void).call(monitor, req, answer),
        );
      };
    }
    return wrapped as M;
  }

  /** True when nothing could wake the program any more: its process would exit now. */
  idle(): boolean {
    if (this.pendingCalls > 0) return false;
    for (const { type, resource } of this.live.values()) if (keepsLoopAlive(type, resource)) return false;
    return true;
  }

  /** Stops tracking (the program has ended). */
  stop(): void {
    this.hook.disable();
    this.live.clear();
  }
}
