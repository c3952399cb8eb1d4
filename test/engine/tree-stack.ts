// One stack of test/engine/fixtures/tree (a Hierarchy plus installer files) run through the engine
// harness against an emulator. The tree is given as data and written as hierarchy YAML, so a test
// edits it the way a user edits hierarchy.yaml. Connection settings go in as stack config.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import type { RunReport } from "../../tools/engine/report";
import { runEngineCli, type EngineRun } from "./run-engine";

const PROGRAM = path.join(__dirname, "fixtures", "tree");

/** A node of the declared tree (the hierarchy format: name, key, children, existingUuid). */
export interface TreeNode {
  name: string;
  key: string;
  existingUuid?: string;
  children?: TreeNode[];
}

export interface Connection {
  url: string;
  username: string;
  password: string;
}

export class TreeStack {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "tree-engine-"));
  readonly file = path.join(this.dir, "hierarchy.yaml");
  readonly stateFile = path.join(this.dir, "state.json");
  private installers: string[] = [];

  constructor(public connection: Connection) {}

  /** Declares the tree and the keys that get an installer file. */
  declare(groups: TreeNode[], installers: string[]): this {
    fs.writeFileSync(this.file, stringify({ groups }));
    this.installers = installers;
    return this;
  }

  /** `config`: connection settings as stack config (default); `env`: extra environment. */
  run(
    command: "up" | "preview" | "refresh" | "destroy",
    flags: string[] = [],
    o: { connection?: Connection | null; env?: NodeJS.ProcessEnv } = {},
  ): Promise<EngineRun> {
    const c = o.connection === undefined ? this.connection : o.connection;
    const args = [command, PROGRAM, "--stack", "test", "--state", this.stateFile];
    args.push(
      "--config",
      `tree:file=${this.file}`,
      "--config",
      `tree:installers=${JSON.stringify(this.installers)}`,
    );
    if (c) {
      args.push("--config", `eset:endpoint=${c.url}`, "--config", `eset:username=${c.username}`);
      args.push("--secret-config", `eset:password=${c.password}`);
    }
    return runEngineCli([...args, ...flags], o.env);
  }

  stateText(): string {
    return fs.readFileSync(this.stateFile, "utf8");
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The steps of a run that change something, as sorted "op name" (the stack and same steps left out). */
export function changes(report: RunReport): string[] {
  return report.steps
    .filter((s) => s.phase === "update" && s.op !== "same" && s.op !== "delete-replaced" && !s.error)
    .map((s) => `${s.op} ${s.name}`)
    .sort();
}
