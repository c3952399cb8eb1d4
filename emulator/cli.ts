#!/usr/bin/env node
import { emulatorCommand, optionsFromFlags } from "./cli-options";
import { exitQuietlyOnClosedPipe, failureText, wantsStackTraces } from "../shared/command-process";

exitQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));
exitQuietlyOnClosedPipe(process.stderr, (code) => process.exit(code));

async function main(): Promise<void> {
  const command = emulatorCommand().parse(process.argv);
  const options = optionsFromFlags(command.opts());
  // Loaded only once the flags are good: a refused flag is answered without loading the server.
  const { startEmulator } = await import("./index");
  const emulator = await startEmulator(options);
  const { defaults } = emulator;
  // The first line is a contract: scripts wait for it and read the URL from it.
  console.log(`ESET Connect emulator listening on ${emulator.url}`);
  console.log(
    `  default credentials: ${defaults.username} / ${defaults.password} (tenant ${defaults.tenant})`,
  );
  console.log(`  All group:           ${defaults.allGroupUuid}`);
  console.log(`  Lost & found group:  ${defaults.lostAndFoundUuid}`);
  console.log(
    `  control plane:       ${emulator.url}/_emulator/ (reset, seed, state, settings, requests, clock, console)`,
  );
  console.log(`  state:               ${options.stateFile ?? "in memory only"}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => {
        console.log(`ESET Connect emulator stopped (${signal})`);
        process.exit(0);
      },
      (e: unknown) => {
        console.error(`ESET Connect emulator failed to stop cleanly: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  process.stderr.write(failureText("eset-connect-emulator", e, wantsStackTraces(process.argv, process.env)));
  process.exit(1);
});
