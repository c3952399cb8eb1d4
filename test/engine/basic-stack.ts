// A working copy of examples/basic that a test can edit like a user edits the program, run through
// the engine harness against an emulator, and compare with the emulator's live tree.
// The copy lives under `<repo>/.pulumi-engine/` (ignored by git) so the program resolves
// `@pulumi/pulumi` and `pulumi-eset-connect` from the repository's node_modules, as examples/basic does.
import * as fs from "fs";
import * as path from "path";
import type { EmulatorState } from "../../emulator";
import { REPO, runEngineCli, type EngineRun } from "./run-engine";

const EXAMPLE = path.join(REPO, "examples", "basic");

export class BasicStack {
  readonly dir: string;
  readonly programDir: string;
  private readonly stateFile: string;

  constructor(
    private readonly connection: { url: string; username: string; password: string },
    label: string,
  ) {
    const base = path.join(REPO, ".pulumi-engine");
    fs.mkdirSync(base, { recursive: true });
    this.dir = fs.mkdtempSync(path.join(base, `lifecycle-${label}-`));
    this.programDir = path.join(this.dir, "program");
    this.stateFile = path.join(this.dir, "state.json");
    fs.mkdirSync(this.programDir);
    for (const file of ["Pulumi.yaml", "index.ts"]) {
      fs.copyFileSync(path.join(EXAMPLE, file), path.join(this.programDir, file));
    }
  }

  /** Changes the program's source; fails when the text is not there (the example changed). */
  edit(from: string, to: string): void {
    const file = path.join(this.programDir, "index.ts");
    const source = fs.readFileSync(file, "utf8");
    if (source.split(from).length !== 2)
      throw new Error(`examples/basic/index.ts: "${from}" is not there exactly once`);
    fs.writeFileSync(file, source.replace(from, to));
  }

  run(command: string, flags: string[] = []): Promise<EngineRun> {
    return runEngineCli([
      command,
      this.programDir,
      "--stack",
      "lifecycle",
      "--state",
      this.stateFile,
      "--config",
      `eset:endpoint=${this.connection.url}`,
      "--config",
      `eset:username=${this.connection.username}`,
      "--secret-config",
      `eset:password=${this.connection.password}`,
      ...flags,
    ]);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The tenant's groups as "All/EMEA/Germany" paths, sorted; `uuids` maps each path to its uuid. */
export function liveTree(state: EmulatorState): { paths: string[]; uuids: Record<string, string> } {
  const tenant = state.tenants[0];
  const byUuid = new Map(tenant.groups.map((g) => [g.uuid, g]));
  const pathOf = (uuid: string): string => {
    const g = byUuid.get(uuid);
    if (!g) return "?";
    return g.parentGroupUuid && byUuid.has(g.parentGroupUuid)
      ? `${pathOf(g.parentGroupUuid)}/${g.displayName}`
      : g.displayName;
  };
  const uuids: Record<string, string> = {};
  for (const g of tenant.groups) uuids[pathOf(g.uuid)] = g.uuid;
  return { paths: Object.keys(uuids).sort(), uuids };
}
