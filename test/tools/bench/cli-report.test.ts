import { cliStepsTable, renderCliChart, settingsOf, stateTable } from "../../../tools/bench/cli-report";
import type { CliSizeResult, CliStepResult } from "../../../tools/bench/cli-scenario";

const step = (over: Partial<CliStepResult> & Pick<CliStepResult, "step">): CliStepResult => ({
  wallMs: 10_000,
  calls: {
    total: 0,
    byEndpoint: {},
    byStatus: {},
    faultsByKind: {},
    rateLimited: 0,
    pending: 0,
    spanMs: 0,
  },
  engineCpuMs: 0,
  ...over,
});
const calls = (total: number, byEndpoint: CliStepResult["calls"]["byEndpoint"]) => ({
  ...step({ step: "up" }).calls,
  total,
  byEndpoint,
});

const result: CliSizeResult = {
  n: 1000,
  skipCheckpoints: true,
  parallel: 64,
  renamed: 50,
  moved: 50,
  stateBytes: 3_000_000,
  steps: [
    step({ step: "up", wallMs: 110_000, calls: calls(1010, { create: 1000, "list groups": 9, token: 1 }) }),
    step({ step: "preview", wallMs: 12_000, engineCpuMs: 9_000 }),
  ],
};

describe("the real-CLI benchmark report", () => {
  it("names the settings of a run", () => {
    expect(settingsOf(result)).toBe("checkpoints skipped, --parallel 64");
    expect(settingsOf({ ...result, skipCheckpoints: false, parallel: undefined })).toBe("checkpoints saved");
    expect(settingsOf({ ...result, program: "plugin" })).toBe(
      "checkpoints skipped, --parallel 64, eset plugin (YAML program)",
    );
  });

  it("gives each step its calls per second, floor, ratio, CPU and what dominated", () => {
    const rows = cliStepsTable([result]).split("\n");
    expect(rows[2]).toBe(
      "| 1000 | checkpoints skipped, --parallel 64 | up | 110.0 s | 1010 | token 1, create 1000, list groups 9 | 9.2 | " +
        "101.0 s | 1.09× | 0.0 s | – | – | the calls |",
    );
    expect(rows[3]).toContain(
      "| preview | 12.0 s | 0 | none | 0.0 | 0.0 s | – | 9.0 s | – | – | the engine |",
    );
  });

  it("tells two runs of one setting apart by their start time", () => {
    const rows = cliStepsTable([{ ...result, startedAt: "2026-12-07T22:25:18.000Z" }]).split("\n");
    expect(rows[2]).toContain("| 1000 | checkpoints skipped, --parallel 64, 22:25 UTC | up |");
  });

  it("gives the state per group", () => {
    expect(stateTable([result]).split("\n")[2]).toBe(
      "| 1000 | checkpoints skipped, --parallel 64 | 2.9 MiB | 2.9 KiB |",
    );
  });

  it("charts up against its floor", () => {
    const svg = renderCliChart([result]);
    expect(svg).toContain("up, checkpoints skipped, --parallel 64");
    expect(svg).toContain("up floor, checkpoints skipped, --parallel 64");
  });
});
