/** Figures derived from a benchmark result, and how they are written. */
import { PLACEMENT_CHECK_MAX_AGE_MS } from "../../provider/client/freshness";
import type { SizeResult, StepName, StepResult } from "./scenario";

/** One API call per 100 ms: ESET's 10 calls per second. */
export const FLOOR_MS_PER_CALL = 100;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const ratio = (r: number) => `${r.toFixed(2)}×`;

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The step, or undefined when it did not run (an earlier step failed). */
export function findStep(result: SizeResult, step: StepName): StepResult | undefined {
  return result.steps.find((s) => s.step === step);
}

export function stepOf(result: SizeResult, step: StepName): StepResult {
  const found = result.steps.find((s) => s.step === step);
  if (!found) throw new Error(`N=${result.n}: no ${step} step`);
  return found;
}

/** The physical floor of a step: its calls at 10 per second. */
export const floorMs = (s: StepResult) => s.calls.total * FLOOR_MS_PER_CALL;

/**
 * The refresh target: one listing of the whole tree, ⌈(N+2)/1000⌉ pages (the listing also holds
 * All and Lost & found), plus the token calls.
 */
export const refreshTarget = (r: SizeResult) =>
  Math.ceil((r.n + 2) / 1000) + (findStep(r, "refresh")?.calls.byEndpoint.token ?? 0);

/**
 * The edit target: one call per rename or move, the token calls, and the listing the changes are
 * checked against before their calls (ESET's rules): ⌈(N+2)/1000⌉ pages, listed again after each
 * minute of edits.
 */
export function editTarget(r: SizeResult): { total: number; listingPages: number } {
  const s = findStep(r, "edit");
  const listings = Math.max(1, Math.ceil((s?.calls.spanMs ?? 0) / PLACEMENT_CHECK_MAX_AGE_MS));
  const listingPages = listings * Math.ceil((r.n + 2) / 1000);
  return { total: r.renamed + r.moved + (s?.calls.byEndpoint.token ?? 0) + listingPages, listingPages };
}

/** Destroy's calls per group, the target's per-group part; each wave adds its listing pages. */
export const DESTROY_CALLS_PER_GROUP = 1.1;

/** What a destroy spent, from the emulator's log: its waves (one device listing each) and their cost. */
export function destroyWaves(s: StepResult) {
  const e = s.calls.byEndpoint;
  const waves = e["list devices"] ?? 0;
  const listingCalls = (e["list groups"] ?? 0) + (e["list devices"] ?? 0) + (e["list tenant devices"] ?? 0);
  return { waves, listingCalls, otherCalls: s.calls.total - listingCalls };
}

/**
 * The destroy target: 1.1 calls per group, plus the pages of each wave's listing (a few per wave:
 * one for the devices, one per 1000 groups).
 */
export const destroyTarget = (r: SizeResult, s: StepResult) =>
  Math.floor(DESTROY_CALLS_PER_GROUP * r.n) + destroyWaves(s).listingCalls;

/** "12.3 s", or "12.3 s, failed: why" for a step that failed. */
export function wallText(s: StepResult): string {
  return s.error
    ? `${seconds(s.wallMs)}, **failed**: ${s.error.split("\n")[0].slice(0, 300)}`
    : seconds(s.wallMs);
}
