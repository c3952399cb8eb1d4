/** The "stacks at once" table (docs/benchmarks-stacks.md), from runStacksBenchmark's results. */
import type { MachineInfo } from "./machine";
import type { StacksResult } from "./stacks";

const pct = (part: number, whole: number) => (whole === 0 ? "0 %" : `${((part / whole) * 100).toFixed(1)} %`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Useful calls (answered with anything but 429) per second of the calls' span, all stacks together. */
export function usefulPerSecond(r: StacksResult): number {
  return r.spanMs === 0 ? 0 : ((r.calls - r.rateLimited) * 1000) / r.spanMs;
}

/** The span of the calls against the floor of the useful calls at 10 per second. */
export function floorRatio(r: StacksResult): number {
  const floorMs = (r.calls - r.rateLimited) * 100;
  return floorMs === 0 ? 0 : r.spanMs / floorMs;
}

export function renderStacksTable(results: StacksResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.algorithm} | ${r.stacks} × ${r.groupsPerStack} | ${r.finished}/${r.stacks} | ${r.calls} | ${r.rateLimited} (${pct(r.rateLimited, r.calls)}) | ` +
      `${usefulPerSecond(r).toFixed(2)} | ${s(r.spanMs)} (${floorRatio(r).toFixed(2)}× floor) | ` +
      `${s(Math.min(...r.runs.map((x) => x.wallMs)))} – ${s(Math.max(...r.runs.map((x) => x.wallMs)))} |`,
  );
  return [
    "| emulator counts | stacks × groups | finished | calls | answered 429 | useful calls/s together | calls span | each `up` |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function renderStacksMarkdown(results: StacksResult[], machine: MachineInfo, command: string): string {
  const failures = results.flatMap((r) =>
    r.runs.filter((x) => x.error).map((x) => `- ${r.stacks} stacks, ${x.stack}: ${x.error}`),
  );
  return [
    "# Benchmark: stacks at once",
    "",
    "Several stacks of one ESET account deployed at the same time (a CI matrix, one stack per",
    "customer): each an `up` of its own depth-4 tree through the engine harness, in its own process",
    "with its own client and limiter, none seeing the others, against one emulator at ESET's 10",
    "calls/s per account. Targets (issue 12): 8 stacks × 64 groups → 8/8 finish, at most 15 % of",
    "calls answered 429, at least 8 useful calls/s together; one stack → no 429, calls within 1.05×",
    "of the floor (useful calls ÷ 10/s). How the client gets there: docs/client.md, _Rate limiting_.",
    "",
    `Reproduce: \`${command}\` (\`npm run build\` first). Measured ${machine.date} on ${machine.cores} × ${machine.cpu}, ` +
      `${machine.os}, Node ${machine.node}, @pulumi/pulumi ${machine.pulumiSdk}; the machine was shared with other work, so wall times are noisy.`,
    "",
    renderStacksTable(results),
    "",
    "- _useful calls/s together_: calls answered with anything but 429, all stacks, over the span from",
    "  the first call's arrival to the last's.",
    "- _calls span_: that span, and its ratio to the floor (useful calls at 10 per second).",
    "- _each `up`_: the fastest and slowest engine run, process start to exit (includes starting the",
    "  engine and the program, a few seconds on a loaded machine).",
    "",
    ...(failures.length > 0 ? ["## Runs that failed", "", ...failures, ""] : []),
  ].join("\n");
}
