// One toy stack per test: a temporary folder with the program spec, the toy provider's store and
// the state file, and a `run` that drives the harness on the toy program with them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ToyStore } from "./fixtures/toy/provider";
import type { ToySpec } from "./fixtures/toy/spec";
import { REPO, runEngineCli, type EngineRun } from "./run-engine";

export const TOY_PROGRAM = path.join(REPO, "test", "engine", "fixtures", "toy");

export interface StateResource {
  urn: string;
  id?: string;
  type: string;
  protect?: boolean;
  initErrors?: string[];
  delete?: boolean;
  outputs: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

export class ToyWorld {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-toy-"));
  readonly specFile = path.join(this.dir, "spec.json");
  readonly storeFile = path.join(this.dir, "store.json");
  readonly stateFile = path.join(this.dir, "state.json");

  /** Declares the program's resources for the next runs. */
  spec(s: ToySpec): this {
    fs.writeFileSync(this.specFile, JSON.stringify(s));
    return this;
  }

  run(command: string, flags: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<EngineRun> {
    return runEngineCli(
      [
        command,
        TOY_PROGRAM,
        "--stack",
        "test",
        "--state",
        this.stateFile,
        "--config",
        `toy:program=${this.specFile}`,
        "--config",
        `toy:store=${this.storeFile}`,
        ...flags,
      ],
      env,
    );
  }

  store(): ToyStore {
    return JSON.parse(fs.readFileSync(this.storeFile, "utf8")) as ToyStore;
  }

  /** Changes the store behind the engine's back (out-of-band drift). */
  editStore(edit: (s: ToyStore) => void): void {
    const s = this.store();
    edit(s);
    fs.writeFileSync(this.storeFile, JSON.stringify(s));
  }

  /** Names of the objects that exist in the toy's store. */
  liveNames(): string[] {
    return Object.values(this.store().objects)
      .map((o) => String(o.name))
      .sort();
  }

  /** The provider operations so far, as "op name". */
  log(): string[] {
    return this.store().log.map((l) => `${l.op} ${l.name}`);
  }

  stateText(): string {
    return fs.readFileSync(this.stateFile, "utf8");
  }

  state(): { resources: StateResource[]; pendingOperations: unknown[] } {
    return JSON.parse(this.stateText()) as { resources: StateResource[]; pendingOperations: unknown[] };
  }

  /** The state entry of a toy resource by name (the non-deleted copy). */
  resource(name: string): StateResource | undefined {
    return this.state().resources.find((r) => r.urn.endsWith(`::${name}`) && !r.delete);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
