/**
 * The eset plugin against the dynamic resources, step by step (`--program dynamic,plugin`): each
 * plugin run beside the dynamic run of the same size and CLI settings made before it (or after it,
 * when the plugin ran first), with the calls of both, the wall times and their ratio, and the CPU
 * of the engine, the program and the provider; and each run's machine load (a shared machine).
 */
import type { CliSizeResult, CliStepResult } from "./cli-scenario";
import { formatEndpoints } from "./requests";
import { seconds } from "./figures";
import { cliSettingsOf } from "./cli-settings";

export interface ProgramPair {
  dynamic: CliSizeResult;
  plugin: CliSizeResult;
  /** 1 for the first pair of this size and settings, 2 for the second, ... */
  run: number;
}

const isPlugin = (r: CliSizeResult) => r.program === "plugin";
const keyOf = (r: CliSizeResult) => `${r.n}|${cliSettingsOf(r)}|${r.jsProgram === true}`;

/**
 * Pairs in the order the results were saved: each plugin run with the nearest unpaired dynamic
 * run of the same size and settings (the JavaScript dynamic program is not a partner: the plugin
 * is compared with what TypeScript users run).
 */
export function programPairs(results: CliSizeResult[]): ProgramPair[] {
  const pairs: ProgramPair[] = [];
  const used = new Set<CliSizeResult>();
  const runs = new Map<string, number>();
  results.forEach((plugin, at) => {
    if (!isPlugin(plugin)) return;
    const candidates = results
      .map((r, i) => ({ r, distance: Math.abs(i - at) }))
      .filter(({ r }) => !isPlugin(r) && !r.jsProgram && !used.has(r))
      .filter(({ r }) => keyOf(r) === keyOf({ ...plugin, program: undefined }))
      .sort((a, b) => a.distance - b.distance);
    if (candidates.length === 0) return;
    used.add(candidates[0].r);
    const key = keyOf(plugin);
    runs.set(key, (runs.get(key) ?? 0) + 1);
    pairs.push({ dynamic: candidates[0].r, plugin, run: runs.get(key)! });
  });
  return pairs.sort((a, b) => a.plugin.n - b.plugin.n || a.run - b.run);
}

const cpu = (ms: number | undefined) => (ms === undefined ? "–" : seconds(ms));
const both = (d: number | undefined, p: number | undefined) => `${cpu(d)} → ${cpu(p)}`;

/** "same", or what the plugin did differently: "create +2, list groups −1". */
export function callDifference(dynamic: CliStepResult, plugin: CliStepResult): string {
  const endpoints = new Set([
    ...Object.keys(dynamic.calls.byEndpoint),
    ...Object.keys(plugin.calls.byEndpoint),
  ]);
  const parts: string[] = [];
  for (const e of endpoints) {
    const k = e as keyof CliStepResult["calls"]["byEndpoint"];
    const delta = (plugin.calls.byEndpoint[k] ?? 0) - (dynamic.calls.byEndpoint[k] ?? 0);
    if (delta !== 0) parts.push(`${e} ${delta > 0 ? "+" : "−"}${Math.abs(delta)}`);
  }
  return parts.length === 0 ? "same" : parts.join(", ");
}

/** The provider's CPU, with the number of provider processes when more than one. */
const provider = (s: CliStepResult) =>
  `${cpu(s.hostCpuMs)}${(s.hostProcesses ?? 1) > 1 ? ` (${s.hostProcesses} processes)` : ""}`;

export function programComparisonTable(results: CliSizeResult[]): string {
  const rows = [
    "| N | settings | run | step | calls (dynamic) | plugin's calls | wall: dynamic → plugin | plugin ÷ dynamic | engine CPU | program CPU | provider CPU: dynamic → plugin | engine + program + provider CPU |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { dynamic, plugin, run } of programPairs(results)) {
    for (const d of dynamic.steps) {
      const p = plugin.steps.find((s) => s.step === d.step);
      if (!p) continue;
      const total = (s: CliStepResult) => s.engineCpuMs + (s.programCpuMs ?? 0) + (s.hostCpuMs ?? 0);
      rows.push(
        `| ${plugin.n} | ${cliSettingsOf(plugin)} | ${run} | ${d.step}${d.error || p.error ? " (failed)" : ""} | ` +
          `${d.calls.total}: ${formatEndpoints(d.calls.byEndpoint)} | ${callDifference(d, p)} | ` +
          `${seconds(d.wallMs)} → ${seconds(p.wallMs)} | ${(p.wallMs / d.wallMs).toFixed(2)}× | ` +
          `${both(d.engineCpuMs, p.engineCpuMs)} | ${both(d.programCpuMs, p.programCpuMs)} | ` +
          `${cpu(d.hostCpuMs)} → ${provider(p)} | ${both(total(d), total(p))} |`,
      );
    }
  }
  return rows.join("\n");
}

/** Each compared run's 1-minute load average at its start and end (2 cores: above 2, others waited too). */
export function loadTable(results: CliSizeResult[]): string {
  const rows = [
    "| N | settings | run | program | started | load at start → end |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const load = (r: CliSizeResult) =>
    r.load ? `${r.load.before.toFixed(1)} → ${r.load.after.toFixed(1)}` : "–";
  for (const { dynamic, plugin, run } of programPairs(results)) {
    for (const [name, r] of [
      ["dynamic", dynamic],
      ["plugin", plugin],
    ] as const) {
      const started = r.startedAt ? `${r.startedAt.slice(11, 16)} UTC` : "–";
      rows.push(`| ${r.n} | ${cliSettingsOf(r)} | ${run} | ${name} | ${started} | ${load(r)} |`);
    }
  }
  return rows.join("\n");
}
