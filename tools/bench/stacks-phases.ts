/**
 * Where the time goes when several stacks run at once: the calls of simulated runs
 * (stacks-simulation.ts) cut into slices of the virtual clock, averaged over the runs. It shows
 * what the totals hide: the burst of 429s at the start, the rate while every stack runs, and the
 * tail after the first stacks finished, when the rest speed up only as fast as their learned rate
 * grows back.
 */

/** What a phase table needs of one simulated run. */
export interface PhaseInput {
  arrivals: readonly { at: number; throttled: boolean }[];
  /** When each stack finished, ms. */
  finishedAt: readonly number[];
}

export interface PhaseRow {
  fromMs: number;
  toMs: number;
  /** Calls answered with anything but 429, per second, mean over the runs. */
  usefulPerSecond: number;
  /** Calls answered 429, per second, mean over the runs. */
  throttledPerSecond: number;
  /** Stacks not yet finished at the slice's start, mean over the runs. */
  running: number;
}

/** One row per `sliceMs` from 0 until the last call of any run. */
export function phaseRows(runs: readonly PhaseInput[], sliceMs = 4000): PhaseRow[] {
  if (runs.length === 0) return [];
  const lastCall = Math.max(...runs.flatMap((r) => r.arrivals.map((a) => a.at)));
  const slices = Math.floor(lastCall / sliceMs) + 1;
  const useful = new Array<number>(slices).fill(0);
  const throttled = new Array<number>(slices).fill(0);
  for (const run of runs) {
    for (const a of run.arrivals) {
      const slice = Math.floor(a.at / sliceMs);
      if (a.throttled) throttled[slice]++;
      else useful[slice]++;
    }
  }
  const perSecond = (count: number) => (count * 1000) / sliceMs / runs.length;
  return useful.map((u, i) => ({
    fromMs: i * sliceMs,
    toMs: (i + 1) * sliceMs,
    usefulPerSecond: perSecond(u),
    throttledPerSecond: perSecond(throttled[i]),
    running:
      runs.reduce((sum, r) => sum + r.finishedAt.filter((f) => f > i * sliceMs).length, 0) / runs.length,
  }));
}

/** The rows as a Markdown table. */
export function renderPhaseTable(rows: readonly PhaseRow[]): string {
  return [
    "| virtual clock | useful calls/s | answered 429 per s | stacks still running |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.fromMs / 1000}–${r.toMs / 1000} s | ${r.usefulPerSecond.toFixed(2)} | ` +
        `${r.throttledPerSecond.toFixed(2)} | ${r.running.toFixed(1)} |`,
    ),
  ].join("\n");
}
