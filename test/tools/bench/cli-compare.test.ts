import {
  callDifference,
  loadTable,
  programComparisonTable,
  programPairs,
} from "../../../tools/bench/cli-compare";
import type { CliSizeResult, CliStepResult } from "../../../tools/bench/cli-scenario";

const step = (over: Partial<CliStepResult> & Pick<CliStepResult, "step">): CliStepResult => ({
  wallMs: 10_000,
  calls: { total: 0, byEndpoint: {}, byStatus: {}, faultsByKind: {}, rateLimited: 0, pending: 0, spanMs: 0 },
  engineCpuMs: 1_000,
  ...over,
});
const calls = (byEndpoint: CliStepResult["calls"]["byEndpoint"]) => ({
  ...step({ step: "up" }).calls,
  total: Object.values(byEndpoint).reduce((a, b) => a + (b ?? 0), 0),
  byEndpoint,
});

const run = (over: Partial<CliSizeResult>, up: Partial<CliStepResult>): CliSizeResult => ({
  n: 1000,
  skipCheckpoints: true,
  parallel: 64,
  renamed: 50,
  moved: 50,
  stateBytes: 1,
  steps: [step({ step: "up", ...up })],
  ...over,
});

const dynamicUp = {
  wallMs: 100_000,
  calls: calls({ token: 1, create: 1000, "list groups": 2 }),
  hostCpuMs: 6_000,
};

describe("the plugin against the dynamic resources", () => {
  it("names each endpoint whose calls differ, with the plugin's extra or missing calls", () => {
    const d = step({ step: "up", calls: calls({ token: 1, create: 1000, "list groups": 2 }) });
    expect(callDifference(d, d)).toBe("same");
    const p = step({ step: "up", calls: calls({ token: 1, create: 1000, "list groups": 1, move: 3 }) });
    expect(callDifference(d, p)).toBe("list groups −1, move +3");
  });

  it("pairs each plugin run with the nearest dynamic run of the same size and settings", () => {
    const d1 = run({ startedAt: "1" }, dynamicUp);
    const p1 = run({ program: "plugin", startedAt: "2" }, dynamicUp);
    const p2 = run({ program: "plugin", startedAt: "3" }, dynamicUp);
    const d2 = run({ startedAt: "4" }, dynamicUp);
    const js = run({ jsProgram: true }, dynamicUp);
    const other = run({ program: "plugin", skipCheckpoints: false }, dynamicUp);
    expect(programPairs([js, d1, p1, other, p2, d2]).map((p) => [p.dynamic, p.plugin, p.run])).toEqual([
      [d1, p1, 1],
      [d2, p2, 2],
    ]);
  });

  it("gives each step the calls of both, the wall times and their ratio, and the CPU of each part", () => {
    const d = run({ load: { before: 3.04, after: 4.5 }, startedAt: "2026-12-07T22:25:18.000Z" }, dynamicUp);
    const p = run(
      { program: "plugin" },
      { ...dynamicUp, wallMs: 120_000, hostCpuMs: 20_000, hostProcesses: 2, programCpuMs: 500 },
    );
    const rows = programComparisonTable([d, p]).split("\n");
    expect(rows[2]).toBe(
      "| 1000 | checkpoints skipped, --parallel 64 | 1 | up | 1003: token 1, create 1000, list groups 2 | same | " +
        "100.0 s → 120.0 s | 1.20× | 1.0 s → 1.0 s | – → 0.5 s | 6.0 s → 20.0 s (2 processes) | 7.0 s → 21.5 s |",
    );
    expect(loadTable([d, p]).split("\n").slice(2)).toEqual([
      "| 1000 | checkpoints skipped, --parallel 64 | 1 | dynamic | 22:25 UTC | 3.0 → 4.5 |",
      "| 1000 | checkpoints skipped, --parallel 64 | 1 | plugin | – | – |",
    ]);
  });
});
