// Keeps `npm run bench -- --policies` working: its smallest size, once, through the same code as
// the real run (emulator at 10 calls/s, engine harness, provider host), its commands served as the
// engine lane serves them (test/engine/run-engine.ts). Call counts only, never timing.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emulatorControl, startEmulator, type RunningEmulator } from "../../../emulator";
import { assertBuilt } from "../../../tools/bench/engine";
import { policyTarget } from "../../../tools/bench/policy-report";
import { runPolicyScenario, type PolicySizeResult } from "../../../tools/bench/policy-scenario";
import { SMALLEST_SIZE } from "../../../tools/bench/run";
import { runHarnessCommand } from "../../engine/run-engine";

let emulator: RunningEmulator;
let workDir: string;
let result: PolicySizeResult;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-bench-policies-"));
  result = await runPolicyScenario({
    emulator: emulatorControl(emulator.url),
    n: SMALLEST_SIZE,
    workDir,
    runner: runHarnessCommand,
  });
}, 300_000);

afterAll(async () => {
  await emulator?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const stepOf = (name: string) => {
  const step = result.steps.find((s) => s.step === name);
  if (!step) throw new Error(`no step ${name}`);
  return step;
};

test("every step ran and left each group's assignments as declared, in rank order", () => {
  expect(result.steps.map((s) => [s.step, s.error])).toEqual(
    ["up", "preview", "refresh", "reorder", "preview-names"].map((step) => [step, undefined]),
  );
});

test("every step meets its target, with no 429", () => {
  for (const step of result.steps)
    expect([step.step, policyTarget(result, step).met]).toEqual([step.step, true]);
});

test("up assigns each policy once; the reorder is one updateRanking per reordered group", () => {
  expect(stepOf("up").byEndpointName["assign policy"]).toBe(SMALLEST_SIZE * 2);
  expect(stepOf("reorder").byEndpointName).toMatchObject({ "rank policy assignment": result.reordered });
  expect(stepOf("reorder").byEndpointName["assign policy"]).toBeUndefined();
});

test("the no-op preview makes 0 calls with uuids, and a policy listing with names", () => {
  expect(stepOf("preview").calls.total).toBe(0);
  expect(stepOf("preview-names").byEndpointName).toEqual({ token: 1, "list policies": 1 });
});
