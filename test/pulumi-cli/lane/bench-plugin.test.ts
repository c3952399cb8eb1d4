// Keeps `npm run bench -- --cli --program plugin` working and honest: the real-CLI benchmark at its
// smallest size (the harness bench's CI size: two customers, so the edit renames and moves), over
// the dynamic resources and then over the eset plugin, through the same code as the real run
// (emulator at 10 calls/s, the CLI from PULUMI_CLI_BIN). After every step the scenario checks the
// emulator's tree against the declared one; here each step of the plugin must make exactly the
// calls the dynamic program made. Call counts only, never timing.
import * as fs from "fs";
import * as path from "path";
import { emulatorControl, startEmulator, type RunningEmulator } from "../../../emulator";
import { CLI_STEPS, runCliScenario, type CliSizeResult } from "../../../tools/bench/cli-scenario";
import { callDifference } from "../../../tools/bench/cli-compare";
import { assertBuilt } from "../../../tools/bench/engine";
import { SMALLEST_SIZE } from "../../../tools/bench/run";
import { REPO } from "../../engine/run-engine";
import { cliBinDir } from "./runners";

jest.setTimeout(20 * 60_000);

let emulator: RunningEmulator;
let workDir: string;
const results: Partial<Record<"dynamic" | "plugin", CliSizeResult>> = {};

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  fs.mkdirSync(path.join(REPO, ".pulumi-engine"), { recursive: true });
  workDir = fs.mkdtempSync(path.join(REPO, ".pulumi-engine", "bench-plugin-"));
  for (const program of ["dynamic", "plugin"] as const) {
    results[program] = await runCliScenario({
      emulator: emulatorControl(emulator.url),
      bin: cliBinDir(),
      n: SMALLEST_SIZE,
      skipCheckpoints: false,
      program,
      workDir: path.join(workDir, program),
    });
  }
});

afterAll(async () => {
  await emulator?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const run = (program: "dynamic" | "plugin") => {
  const result = results[program];
  if (!result) throw new Error(`the ${program} program did not run`);
  return result;
};

test("both programs run every step, each leaving the emulator's tree as declared", () => {
  for (const program of ["dynamic", "plugin"] as const) {
    expect([program, run(program).steps.map((s) => [s.step, s.error])]).toEqual([
      program,
      CLI_STEPS.map((step) => [step, undefined]),
    ]);
  }
  // The edit really edits: renames and moves, which both programs made (checked against the tree).
  expect(run("plugin").renamed).toBeGreaterThan(0);
  expect(run("plugin").moved).toBeGreaterThan(0);
});

test("the plugin program deploys the plugin's resources, the dynamic program dynamic ones", () => {
  expect(run("plugin").typesAfterUp).toEqual({
    "eset:index:Hierarchy": 1,
    "eset:index:Group": SMALLEST_SIZE,
  });
  expect(run("dynamic").typesAfterUp).toEqual({
    "eset-connect:index:Hierarchy": 1,
    "pulumi-nodejs:dynamic/eset-connect:Group": SMALLEST_SIZE,
  });
});

test("in every step the plugin makes the same calls as the dynamic resources, endpoint by endpoint", () => {
  const differences = CLI_STEPS.map((step) => {
    const of = (program: "dynamic" | "plugin") => run(program).steps.find((s) => s.step === step)!;
    return [step, callDifference(of("dynamic"), of("plugin"))];
  });
  expect(differences).toEqual(CLI_STEPS.map((step) => [step, "same"]));
  // Not trivially equal: the steps that write did write.
  const up = run("plugin").steps.find((s) => s.step === "up")!;
  expect(up.calls.byEndpoint.create).toBe(SMALLEST_SIZE);
  const destroy = run("plugin").steps.find((s) => s.step === "destroy")!;
  expect(destroy.calls.byEndpoint.delete).toBe(SMALLEST_SIZE);
});
