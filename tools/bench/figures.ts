/** Figures derived from a benchmark result, and how they are written. */
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

/** The refresh target: one listing page per 1000 groups, plus the token calls. */
export const refreshTarget = (r: SizeResult) =>
  Math.ceil(r.n / 1000) + (findStep(r, "refresh")?.calls.byEndpoint.token ?? 0);

/** "12.3 s", or "12.3 s, failed: why" for a step that failed. */
export function wallText(s: StepResult): string {
  return s.error
    ? `${seconds(s.wallMs)}, **failed**: ${s.error.split("\n")[0].slice(0, 300)}`
    : seconds(s.wallMs);
}
