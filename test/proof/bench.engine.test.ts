// Keeps `npm run bench` working: its smallest size, once, through the same code as the real run
// (emulator at 10 calls/s, engine harness, provider host). Call counts only, never timing.
import { stepOf } from "../../tools/bench/figures";
import { renderMarkdown } from "../../tools/bench/report";
import { runBenchmark, SMALLEST_SIZE } from "../../tools/bench/run";
import type { SizeResult } from "../../tools/bench/scenario";
import { machineInfo } from "../../tools/bench/machine";

let result: SizeResult;

beforeAll(async () => {
  [result] = await runBenchmark({ sizes: [SMALLEST_SIZE] });
}, 300_000);

test("every step ran and left the emulator's tree as declared", () => {
  expect(result.steps.map((s) => [s.step, s.error])).toEqual(
    ["up", "preview", "refresh", "edit", "destroy"].map((step) => [step, undefined]),
  );
});

test("up creates every group once, after one token and a listing, with no 429", () => {
  const up = stepOf(result, "up");
  // The tree snapshot is at most 5 s old, so a slow machine may list once more.
  expect(up.calls.byEndpoint).toEqual({ token: 1, create: SMALLEST_SIZE, "list groups": expect.any(Number) });
  expect(up.calls.byEndpoint["list groups"]).toBeLessThanOrEqual(3);
  expect(up.calls.rateLimited).toBe(0);
  expect(up.changes.create).toBe(SMALLEST_SIZE + 2); // the groups, the Hierarchy and the stack
});

test("the no-op preview makes 0 API calls and proposes no change", () => {
  const preview = stepOf(result, "preview");
  expect(preview.calls.total).toBe(0);
  expect(preview.changes).toEqual({ same: SMALLEST_SIZE + 2 });
});

test("refresh makes one listing and one token call", () => {
  expect(stepOf(result, "refresh").calls.byEndpoint).toEqual({ token: 1, "list groups": 1 });
});

test("the 10% edit renames and moves in place: one call each, no create or delete", () => {
  const edit = stepOf(result, "edit");
  // One listing of the tree for ESET's rules (checked before the calls, and already in preview).
  expect(edit.calls.byEndpoint).toEqual({
    token: 1,
    "list groups": 1,
    rename: result.renamed,
    move: result.moved,
  });
  expect(edit.changes).toEqual({
    update: result.renamed + result.moved,
    same: SMALLEST_SIZE + 2 - result.renamed - result.moved,
  });
});

test("destroy deletes every group once, checking them in shared listings (waves), with no 429", () => {
  const destroy = stepOf(result, "destroy");
  expect(destroy.calls.byEndpoint.delete).toBe(SMALLEST_SIZE);
  const waves = destroy.calls.byEndpoint["list devices"] ?? 0;
  expect(waves).toBeGreaterThan(0);
  // The engine runs several deletes at once, and each wave serves all of those waiting.
  expect(waves).toBeLessThan(SMALLEST_SIZE / 2);
  expect(destroy.calls.byEndpoint["list groups"]).toBe(waves);
  expect(destroy.calls.rateLimited).toBe(0);
  expect(destroy.changes.delete).toBe(SMALLEST_SIZE + 2);
});

test("measures the provider host and the state, and renders the report", () => {
  expect(result.providerBytes).toBeGreaterThan(0);
  expect(result.stateBytes).toBeGreaterThan(result.providerBytes * SMALLEST_SIZE);
  for (const step of result.steps) expect(step.hostMaxRssBytes).toBeGreaterThan(0);
  const markdown = renderMarkdown([result], machineInfo(), "benchmarks.svg", "npm run bench -- --smallest");
  expect(markdown).toContain(`  - N=${SMALLEST_SIZE}: met (0 calls).`);
});
