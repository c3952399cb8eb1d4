// One stack of the hierarchy fixture program (test/hierarchy/fixtures/msp), run through the shared
// engine runner: its state and hierarchy file live in a temporary folder that each test edits the
// way a user edits hierarchy.yaml.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunReport } from "../../tools/engine/report";
import { runEngineCli, type EngineRun } from "../engine/run-engine";

const PROGRAM = path.join(__dirname, "fixtures", "msp");

export class HierarchyStack {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "hierarchy-engine-"));
  readonly file = path.join(this.dir, "hierarchy.yaml");
  private readonly stateFile = path.join(this.dir, "state.json");

  /** `env`: the ESET_CONNECT_* settings the provider host reads. */
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  write(yaml: string): this {
    fs.writeFileSync(this.file, yaml);
    return this;
  }

  run(command: "up" | "preview" | "refresh" | "destroy", flags: string[] = []): Promise<EngineRun> {
    const args = [command, PROGRAM, "--stack", "test", "--state", this.stateFile];
    args.push("--config", `msp:file=${this.file}`, ...flags);
    return runEngineCli(args, this.env);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The resource steps of a run as "op name", leaving out the stack and the component. */
export function groupSteps(report: RunReport): string[] {
  return report.steps
    .filter((s) => s.phase === "update" && s.type.endsWith(":Group"))
    .map((s) => `${s.op} ${s.name}`)
    .sort();
}
