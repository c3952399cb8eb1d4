#!/usr/bin/env node
// `pulumi-language-nodejs [flags] [engine address]`: the language host the Pulumi CLI starts for
// `runtime: nodejs`. It serves the LanguageRuntime RPCs on a free port of 127.0.0.1, prints the
// port as its first line (how every Pulumi plugin tells the engine where it listens), runs
// programs with @pulumi/pulumi/cmd/run, and exits when the engine it serves is gone.
// Flags the engine passes to every plugin (--logtostderr, -v=N, --tracing <url>) are accepted and ignored.
import * as grpc from "@grpc/grpc-js";
import { LanguageHost } from "./service";

const { version } = require("@pulumi/pulumi/package.json") as { version: string };

/** The engine's address: the last argument that is not a flag (or a flag's value). */
export function engineAddressOf(argv: string[]): string {
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tracing" || a === "--runtime") i++;
    else if (!a.startsWith("-")) positional.push(a);
  }
  return positional[positional.length - 1] ?? "";
}

/** How often the engine is checked, and how many failed checks in a row end this host. */
const HEALTH_EVERY_MS = 2_000;
const HEALTH_FAILURES = 3;

/** Exits once the engine stops answering, so that a killed CLI leaves no host behind. */
function watchEngine(address: string): void {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  let failures = 0;
  setInterval(() => {
    const state = client.getChannel().getConnectivityState(true);
    const down =
      state === grpc.connectivityState.TRANSIENT_FAILURE || state === grpc.connectivityState.SHUTDOWN;
    failures = down ? failures + 1 : 0;
    if (failures >= HEALTH_FAILURES) process.exit(1);
  }, HEALTH_EVERY_MS).unref();
}

function main(argv: string[]): void {
  if (argv.includes("--version")) {
    console.log(version);
    return;
  }
  const engineAddress = engineAddressOf(argv);
  let watched = false;
  const watch = (address: string) => {
    if (address && !watched) {
      watched = true;
      watchEngine(address);
    }
  };
  const host = new LanguageHost(engineAddress, version, watch);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  host.register(server);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      console.error(`pulumi-language-nodejs: cannot listen on 127.0.0.1: ${error.message}`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
    watch(engineAddress);
  });
}

if (require.main === module) main(process.argv.slice(2));
