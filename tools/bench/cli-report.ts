/**
 * The real-CLI benchmark's report (docs/benchmarks-cli.md) and its chart: per size and step the
 * wall time, the calls, calls per second, the floor (calls ÷ 10/s), the engine's and the provider
 * host's CPU; the state per group; what dominates.
 */
import { renderLineChart, type Series } from "./chart";
import type { CliSizeResult, CliStepName, CliStepResult } from "./cli-scenario";
import { bytes, FLOOR_MS_PER_CALL, ratio, seconds } from "./figures";
import type { MachineInfo } from "./machine";
import { machineLines } from "./report";
import { formatEndpoints } from "./requests";
import { settingsOf } from "./cli-settings";
import { loadTable, programComparisonTable, programPairs } from "./cli-compare";

export { settingsOf };

const floorMs = (s: CliStepResult) => s.calls.total * FLOOR_MS_PER_CALL;
const perSecond = (s: CliStepResult) => (s.wallMs > 0 ? (s.calls.total * 1000) / s.wallMs : 0);

/** What took the time: the calls (near their floor), the engine, or neither (fixed costs). */
function dominant(s: CliStepResult): string {
  const floor = floorMs(s);
  if (floor >= 0.5 * s.wallMs) return "the calls";
  if (s.engineCpuMs >= 0.5 * s.wallMs) return "the engine";
  if ((s.hostCpuMs ?? 0) >= 0.5 * s.wallMs) return "the provider host";
  if ((s.programCpuMs ?? 0) >= 0.5 * s.wallMs) return "the program";
  return "neither (start-up, program)";
}

/** The settings, and the start time of runs that saved it (several runs of one setting tell apart). */
function runLabel(r: CliSizeResult): string {
  return r.startedAt ? `${settingsOf(r)}, ${r.startedAt.slice(11, 16)} UTC` : settingsOf(r);
}

export function cliStepsTable(results: CliSizeResult[]): string {
  const rows = [
    "| N | settings | step | wall | calls | by endpoint | calls/s | floor | wall ÷ floor | engine CPU | host CPU | program CPU | most of the time |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of sorted(results)) {
    for (const s of r.steps) {
      const floor = floorMs(s);
      rows.push(
        `| ${r.n} | ${runLabel(r)} | ${s.step}${s.error ? " (failed)" : ""} | ${seconds(s.wallMs)} | ${s.calls.total} | ` +
          `${formatEndpoints(s.calls.byEndpoint)} | ${perSecond(s).toFixed(1)} | ${seconds(floor)} | ` +
          `${floor > 0 ? ratio(s.wallMs / floor) : "–"} | ${seconds(s.engineCpuMs)} | ` +
          `${s.hostCpuMs === undefined ? "–" : seconds(s.hostCpuMs)} | ` +
          `${s.programCpuMs === undefined ? "–" : seconds(s.programCpuMs)} | ${dominant(s)} |`,
      );
    }
  }
  return rows.join("\n");
}

export function stateTable(results: CliSizeResult[]): string {
  const rows = ["| N | settings | state file after up | per group |", "| --- | --- | --- | --- |"];
  for (const r of sorted(results)) {
    if (r.stateBytes === 0) continue;
    rows.push(
      `| ${r.n} | ${runLabel(r)} | ${bytes(r.stateBytes)} | ${bytes(Math.round(r.stateBytes / r.n))} |`,
    );
  }
  return rows.join("\n");
}

function sorted(results: CliSizeResult[]): CliSizeResult[] {
  return [...results].sort((a, b) => a.n - b.n || settingsOf(a).localeCompare(settingsOf(b)));
}

const COLORS = ["#1f6feb", "#d1242f", "#1a7f37", "#8250df", "#9a6700", "#0969da"];

/** Wall time and floor of `up` and `destroy` for each setting, across N (the first run of each). */
export function renderCliChart(results: CliSizeResult[]): string {
  const bySetting = new Map<string, CliSizeResult[]>();
  for (const r of sorted(results)) {
    const runs = bySetting.get(settingsOf(r)) ?? [];
    if (!runs.some((x) => x.n === r.n)) bySetting.set(settingsOf(r), [...runs, r]);
  }
  const series: Series[] = [];
  let color = 0;
  const line = (rs: CliSizeResult[], step: CliStepName, pick: (s: CliStepResult) => number) =>
    rs.flatMap((r): [number, number][] => {
      const s = r.steps.find((x) => x.step === step);
      return s && !s.error ? [[r.n, pick(s) / 1000]] : [];
    });
  for (const [setting, rs] of bySetting) {
    for (const step of ["up", "destroy"] as const) {
      const c = COLORS[color++ % COLORS.length];
      series.push(
        { label: `${step}, ${setting}`, color: c, dashed: false, points: line(rs, step, (s) => s.wallMs) },
        { label: `${step} floor, ${setting}`, color: c, dashed: true, points: line(rs, step, floorMs) },
      );
    }
  }
  return renderLineChart(
    "Real CLI, file backend: wall time against the floor (10 calls/s)",
    series.filter((s) => s.points.length > 0),
  );
}

export function renderCliMarkdown(
  results: CliSizeResult[],
  machine: MachineInfo & { pulumiCli: string },
  chartFile: string,
  command: string,
): string {
  return [
    "# Benchmarks under the real Pulumi CLI",
    "",
    "The benchmark's program (tools/bench/program: a `Hierarchy` of N groups, four levels deep) under",
    "the real Pulumi CLI (`npm run pulumi-cli:bin`) with a file backend, against the emulator at ESET's",
    `10 calls/s. Produced by \`${command}\` (merged with \`--from-json\`). Every step is checked: the emulator's tree must match`,
    "the declared one before a figure counts. What to set for a large tenant, and each figure against",
    "the targets of issue 29: docs/large-tenants.md.",
    "",
    "## Machine and versions",
    "",
    // Date, CPU, Node and package versions; the harness-specific lines do not apply here.
    machineLines(machine).split("\n").slice(0, 3).join("\n"),
    `- Pulumi CLI ${machine.pulumiCli}, file backend (\`file://\`), passphrase secrets; emulator in the benchmark's process, 10 calls/s`,
    "- Wall times: a shared machine (other engineers' builds and tests ran meanwhile); call counts are exact",
    "- Engine CPU: the `pulumi` process, sampled every 200 ms from /proc; host CPU: the provider host's own;",
    "  program CPU: the Pulumi program's Node.js process (not run by refresh and destroy)" +
      (results.some((r) => r.program === "plugin")
        ? "; for the eset plugin's rows, the YAML language host (sampled likewise) and, as host CPU, every plugin process the command started"
        : ""),
    "",
    `![Wall time of up and destroy against the floor, across N](${chartFile})`,
    "",
    "## Steps",
    "",
    "Floor: calls ÷ 10/s. The no-op preview's wall time is the fixed cost of a command (CLI, program,",
    "provider host, a check and a diff per resource): an edit's own time is its wall time minus that.",
    "",
    cliStepsTable(results),
    "",
    ...comparisonSection(results),
    "## State",
    "",
    stateTable(results),
    "",
  ].join("\n");
}

/** The plugin's runs beside the dynamic runs made next to them, when there are any. */
function comparisonSection(results: CliSizeResult[]): string[] {
  if (programPairs(results).length === 0) return [];
  return [
    "## The eset plugin against the dynamic resources",
    "",
    "The same tree, steps and settings over the `eset` provider plugin (docs/plugin.md): a Pulumi YAML",
    "program (written by the benchmark, tools/bench/cli-program.ts) declaring the plugin's",
    "`eset:index:Hierarchy` from the same hierarchy file, whose Groups the plugin builds in `construct`,",
    "named and parented as the TypeScript `Hierarchy` names and parents its dynamic Groups. Each plugin run",
    "beside the dynamic run made next to it. Program CPU: the dynamic program's Node.js process, the",
    "plugin program's YAML language host (sampled from /proc every 200 ms); provider CPU: the",
    "dynamic-provider host, or the plugin processes the engine started (all of them, added up). The",
    "verdict against issue 27's “no slower in any step”, and why: docs/plugin.md (“How fast”).",
    "",
    programComparisonTable(results),
    "",
    "Machine load (1-minute load average; 2 cores, so above 2 other work was waiting too):",
    "",
    loadTable(results),
    "",
  ];
}
