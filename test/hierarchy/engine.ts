// Runs the engine harness (dist/tools/engine/cli.js --json) on the hierarchy fixture in a child
// process: Pulumi programs must run in a plain Node process, not inside jest's VM.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunReport } from "../../tools/engine/report";

const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join(REPO, "dist", "tools", "engine", "cli.js");
const PROGRAM = path.join(__dirname, "fixtures", "msp");

/** Fails early, with the fix, when the harness or the provider it loads is not built. */
export function assertBuilt(): void {
  for (const file of [CLI, path.join(REPO, "dist", "provider", "dynamic", "host.js")]) {
    if (!fs.existsSync(file))
      throw new Error(`${path.relative(REPO, file)} is missing: run npm run build first`);
  }
}

export interface EngineRun {
  code: number;
  report: RunReport;
  stderr: string;
}

/** One stack of the fixture program: its state and hierarchy file live in a temporary folder. */
export class HierarchyStack {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "hierarchy-engine-"));
  readonly file = path.join(this.dir, "hierarchy.yaml");
  private readonly stateFile = path.join(this.dir, "state.json");

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  write(yaml: string): this {
    fs.writeFileSync(this.file, yaml);
    return this;
  }

  run(command: "up" | "preview" | "refresh" | "destroy", flags: string[] = []): Promise<EngineRun> {
    const args = [CLI, command, PROGRAM, "--stack", "test", "--state", this.stateFile];
    args.push("--config", `msp:file=${this.file}`, ...flags, "--json");
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        cwd: REPO,
        env: {
          PATH: process.env.PATH,
          PULUMI_NODEJS_TRANSPILE_ONLY: "true",
          PULUMI_CONFIG_PASSPHRASE: "hierarchy-test",
          ...this.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        try {
          resolve({ code: code ?? -1, report: JSON.parse(stdout) as RunReport, stderr });
        } catch {
          reject(new Error(`engine ${command} exited ${code} without a JSON report:\n${stdout}\n${stderr}`));
        }
      });
    });
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
