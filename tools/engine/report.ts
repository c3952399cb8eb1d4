// What a run reports: one line per resource as its step finishes, then diagnostics, stack outputs
// and the "Resources:" summary in the wording the CLI uses ("+ 2 created", "~ 1 to update",
// "+-1 replaced", "3 unchanged", "N changes. M unchanged"), or one JSON document with --json
// (`steps`, `changeSummary`, `diagnostics`, like `pulumi preview --json`).
// Display example the wording follows: https://github.com/checkly/pulumi-checkly/issues/4 and
// https://github.com/pulumi/pulumi/issues/3301 (summary lines).
import { maskMap, type PropertyMap } from "./properties";

export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "delete-replaced";
export type Phase = "refresh" | "update" | "destroy";

export interface StepRecord {
  op: StepOp;
  phase: Phase;
  urn: string;
  type: string;
  name: string;
  id?: string;
  /** Top-level properties that differ (inputs for update/replace, outputs for refresh). */
  diffs?: string[];
  /** Properties that force replacement. */
  replaceKeys?: string[];
  /** The provider's delete was not called: retainOnDelete. */
  retained?: boolean;
  /** The provider's delete was not called: the deletedWith resource is deleted in this run. */
  deletedWith?: string;
  /** New outputs (up) or planned outputs (preview), secrets shown as [secret], unknowns as [unknown]. */
  outputs?: PropertyMap;
  error?: string;
}

export interface Diagnostic {
  severity: "error" | "warning";
  urn?: string;
  message: string;
}

export type ChangeSummary = Partial<Record<Exclude<StepOp, "delete-replaced">, number>>;

export interface RunReport {
  command: string;
  project: string;
  stack: string;
  preview: boolean;
  result: "succeeded" | "failed";
  /** True when --expect-no-changes was given and something changed (or would change). */
  unexpectedChanges: boolean;
  steps: StepRecord[];
  changeSummary: ChangeSummary;
  outputs: PropertyMap;
  diagnostics: Diagnostic[];
  durationMs: number;
}

const SYMBOL: Record<StepOp, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  delete: "-",
  same: "=",
  "delete-replaced": "-",
};

const DONE: Record<string, [string, string]> = {
  create: ["to create", "created"],
  update: ["to update", "updated"],
  replace: ["to replace", "replaced"],
  delete: ["to delete", "deleted"],
};

const HEADER: Record<Phase, [string, string]> = {
  refresh: ["Previewing refresh", "Refreshing"],
  update: ["Previewing update", "Updating"],
  destroy: ["Previewing destroy", "Destroying"],
};

export class Reporter {
  readonly steps: StepRecord[] = [];
  /** The project's name, once Pulumi.yaml was read. */
  project = "";
  readonly diagnostics: Diagnostic[] = [];
  private lastPhase: Phase | undefined;

  constructor(
    private readonly o: {
      command: string;
      stack: string;
      preview: boolean;
      /** The phase whose steps count as this command's changes. */
      countedPhase: Phase;
      json: boolean;
      write: (text: string) => void;
    },
  ) {}

  /**
   * Prints the header of the run's first phase at once, as the CLI does, so that nothing the
   * program or the provider host prints comes before it.
   */
  begin(phase: Phase): void {
    if (!this.o.json) this.header(phase);
  }

  private header(phase: Phase): void {
    if (phase === this.lastPhase) return;
    this.lastPhase = phase;
    const [preview, real] = HEADER[phase];
    const previewOnly = this.o.preview || (phase === "refresh" && this.o.command === "preview");
    this.o.write(`${previewOnly ? preview : real} (${this.o.stack}):\n`);
  }

  step(s: StepRecord): void {
    this.steps.push(s);
    if (this.o.json) return;
    this.header(s.phase);
    if (s.op === "delete-replaced" && !s.error) return;
    this.o.write(formatStep(s) + "\n");
  }

  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  changeSummary(): ChangeSummary {
    const summary: ChangeSummary = {};
    for (const s of this.steps) {
      if (s.phase !== this.o.countedPhase || s.op === "delete-replaced" || s.error) continue;
      summary[s.op] = (summary[s.op] ?? 0) + 1;
    }
    return summary;
  }

  hasChanges(): boolean {
    const c = this.changeSummary();
    return Boolean(c.create || c.update || c.replace || c.delete);
  }

  finish(outputs: PropertyMap, failed: boolean, expectNoChanges: boolean, durationMs: number): RunReport {
    const unexpectedChanges = expectNoChanges && this.hasChanges();
    if (unexpectedChanges) {
      // Wording of the CLI (pulumi/pulumi#10967): "no changes were expected but changes occurred".
      const what = this.o.preview ? "were proposed" : "occurred";
      this.diagnostic({ severity: "error", message: `no changes were expected but changes ${what}` });
    }
    const report: RunReport = {
      command: this.o.command,
      project: this.project,
      stack: this.o.stack,
      preview: this.o.preview,
      result: failed ? "failed" : "succeeded",
      unexpectedChanges,
      steps: this.steps,
      changeSummary: this.changeSummary(),
      outputs: maskMap(outputs),
      diagnostics: this.diagnostics,
      durationMs,
    };
    this.o.write(this.o.json ? JSON.stringify(report, null, 2) + "\n" : this.formatEnd(report));
    return report;
  }

  private formatEnd(r: RunReport): string {
    const lines: string[] = [""];
    if (r.diagnostics.length > 0) {
      lines.push("Diagnostics:");
      for (const d of r.diagnostics) {
        const step = d.urn ? this.steps.find((s) => s.urn === d.urn) : undefined;
        if (step) lines.push(`  ${step.type} (${step.name}):`);
        lines.push(...d.message.split("\n").map((l, i) => `    ${i === 0 ? `${d.severity}: ` : ""}${l}`));
      }
      lines.push("");
    }
    // Nothing ran (bad options, project, config or state): the diagnostics say it all.
    if (r.steps.length === 0 && r.result === "failed") return lines.join("\n");
    const outputKeys = Object.keys(r.outputs);
    if (outputKeys.length > 0 && r.command !== "destroy" && r.command !== "refresh") {
      lines.push("Outputs:");
      for (const k of outputKeys.sort()) {
        const v = r.outputs[k];
        lines.push(`    ${k}: ${v === "[secret]" || v === "[unknown]" ? v : JSON.stringify(v)}`);
      }
      lines.push("");
    }
    lines.push("Resources:");
    const c = r.changeSummary;
    let kinds = 0;
    let total = 0;
    for (const op of ["create", "update", "replace", "delete"] as const) {
      const n = c[op] ?? 0;
      if (n === 0) continue;
      kinds++;
      total += n;
      const symbol = SYMBOL[op] === "+-" ? "+-" : `${SYMBOL[op]} `;
      lines.push(`    ${symbol}${n} ${DONE[op][r.preview ? 0 : 1]}`);
    }
    const same = c.same ?? 0;
    if (kinds > 1) lines.push(`    ${total} changes. ${same} unchanged`);
    else if (same > 0 || kinds === 0) lines.push(`    ${same} unchanged`);
    lines.push("", `Duration: ${Math.max(1, Math.round(r.durationMs / 1000))}s`, "");
    return lines.join("\n");
  }
}

export function formatStep(s: StepRecord): string {
  const parts = [`    ${SYMBOL[s.op].padEnd(2)} ${s.op.padEnd(8)} ${s.type}  ${s.name}`];
  if (s.diffs && s.diffs.length > 0) parts.push(`[diff: ~${s.diffs.join(",")}]`);
  if (s.retained) parts.push("(retained: provider delete not called)");
  if (s.deletedWith) parts.push(`(deleted with ${s.deletedWith.split("::").pop()})`);
  if (s.error) parts.push("**failed**");
  return parts.join("  ");
}
