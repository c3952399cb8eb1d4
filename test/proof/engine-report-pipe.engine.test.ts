// Found by the chaos test at N=300: `npm run engine -- <command> --json | <reader>` lost the end of
// a large report (it was cut at 214 KiB of 221 KiB, in 4 runs of 5) when the reader did not keep
// up, because tools/engine/cli.ts called process.exit() right after writing the report: Node
// writes to a pipe what fits at once and queues the rest, and exit() dropped the queue. Fixed in
// the CLI (it now exits once its output has drained); this keeps it fixed.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { PROGRAM_DIR, assertBuilt, repoRoot } from "../../tools/bench/engine";
import { hierarchyYaml, realisticTree } from "../../tools/bench/tree";

let emulator: RunningEmulator;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-pipe-"));

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await emulator?.close();
});

/**
 * Runs `preview` with its standard output on a pipe that is not read until the CLI exits (or, once
 * the CLI writes, for 5 s, so that a fixed CLI that waits for its output to drain is not stuck).
 */
function previewThroughSlowPipe(treeFile: string): Promise<string> {
  const args = [
    path.join(repoRoot(), "dist", "tools", "engine", "cli.js"),
    "preview",
    PROGRAM_DIR,
    "--state",
    path.join(dir, "state.json"),
    "--json",
    "--config",
    `eset:endpoint=${emulator.url}`,
    "--config",
    "eset:username=demo@example.com",
    "--secret-config",
    "eset:password=demo-password",
    "--config",
    `bench:tree=${treeFile}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true", PULUMI_CONFIG_PASSPHRASE: "eset-proof" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let text = "";
    let timer: NodeJS.Timeout | undefined;
    let reading = false;
    const read = () => {
      if (reading) return;
      reading = true;
      clearTimeout(timer);
      child.stdout.removeAllListeners("readable");
      child.stdout.on("data", (d: Buffer) => (text += d.toString()));
      child.stdout.on("end", () => resolve(text));
      child.stdout.resume();
    };
    child.stdout.once("readable", () => (timer = setTimeout(read, 5000)));
    child.on("error", reject);
    child.on("exit", read);
  });
}

test("the engine's --json report arrives whole through a pipe its reader drains late", async () => {
  // 1000 groups from an empty state: a preview report of about half a MiB, no API call.
  const treeFile = path.join(dir, "tree.yaml");
  fs.writeFileSync(treeFile, hierarchyYaml(realisticTree(1000)));
  const piped = await previewThroughSlowPipe(treeFile);
  expect(piped.length).toBeGreaterThan(0);
  expect(() => JSON.parse(piped)).not.toThrow();
}, 180_000);
