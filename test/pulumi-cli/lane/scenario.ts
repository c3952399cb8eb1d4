// A lifecycle scenario written once and played on a runner (the real CLI or the engine harness)
// against its own emulator: each step may act on the world first (edit the program, change ESET
// by hand), then runs one command; what is recorded is what a user sees: the exit code, the
// resources changed, the live group tree and the uuid behind every path.
import { startEmulator, type RunningEmulator, type SeedInput } from "../../../emulator";
import { emulatorControl, type EmulatorControl } from "../../../emulator/control-client";
import { EsetConnectClient } from "../../../provider/client";
import { liveTree } from "../../engine/basic-stack";
import type { Command, Connection, Runner } from "./runners";

export interface World {
  runner: Runner;
  control: EmulatorControl;
  /** An API client of the tenant's user: changes made "by hand", as in the ESET PROTECT console. */
  byHand: EsetConnectClient;
  /** The uuid of a live path ("All/EMEA/Germany"); fails when the path is not there. */
  uuidOf(path: string): Promise<string>;
}

export interface Step {
  name: string;
  /** Done before the command (edits, drift). */
  before?: (world: World) => Promise<void> | void;
  command: Command;
  flags?: string[];
}

export interface StepRecord {
  step: string;
  code: number;
  changes: string[];
  /** Live paths after the step, sorted. */
  tree: string[];
  /** Uuid of each live path after the step. */
  uuids: Record<string, string>;
  errors: string[];
  output: string;
}

export interface PlayOptions {
  /** What ESET created before the stack exists (an example's emulator-seed.yaml). Default none. */
  seed?: SeedInput;
  prepare?: (control: EmulatorControl, emulator: RunningEmulator) => Promise<void>;
}

/** Plays `steps` on a runner made for a fresh emulator; the emulator is closed at the end. */
export async function play(
  makeRunner: (connection: Connection) => Promise<Runner>,
  steps: Step[],
  { seed, prepare }: PlayOptions = {},
): Promise<StepRecord[]> {
  // The rate limit is not what this lane is about: raised so that it never answers 429.
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    seed,
    settings: { rateLimit: { perSecond: 1000 } },
  });
  const control = emulatorControl(emulator.url);
  const { username, password } = emulator.defaults;
  const connection = { url: emulator.url, username, password };
  let runner: Runner | undefined;
  try {
    await prepare?.(control, emulator);
    runner = await makeRunner(connection);
    const world: World = {
      runner,
      control,
      byHand: new EsetConnectClient({ endpoint: emulator.url, username, password }),
      uuidOf: async (path) => {
        const uuid = liveTree(await control.state()).uuids[path];
        if (!uuid) throw new Error(`no live group at ${path}`);
        return uuid;
      },
    };
    const records: StepRecord[] = [];
    for (const step of steps) {
      try {
        await step.before?.(world);
      } catch (e) {
        // What the earlier steps printed is what explains a world that is not as expected.
        const earlier = records.map((r) => `--- ${r.step}: exit ${r.code}\n${r.output}`).join("\n");
        throw new Error(`${runner.label}, before "${step.name}": ${(e as Error).message}\n${earlier}`);
      }
      const result = await runner.run(step.command, step.flags ?? []);
      const tree = liveTree(await control.state());
      records.push({ step: step.name, ...result, tree: tree.paths, uuids: tree.uuids });
    }
    return records;
  } finally {
    runner?.cleanup();
    await emulator.close();
  }
}

/** A record without what differs between two runs by nature (uuids, output wording). */
export function comparable(r: StepRecord): Pick<StepRecord, "step" | "code" | "changes" | "tree"> {
  return { step: r.step, code: r.code, changes: r.changes, tree: r.tree };
}
