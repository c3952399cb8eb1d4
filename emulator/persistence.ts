import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { EsetCloud } from "./model/cloud";
import { type CloudSnapshot, restoreSnapshot, snapshotOf } from "./model/snapshot";
import type { EmulatorSettings } from "./http/settings";

/** What `--state FILE` holds: the cloud's content (password hashes only) and the settings. */
interface StateFile {
  format: "eset-connect-emulator-state";
  version: 1;
  settings: EmulatorSettings;
  cloud: CloudSnapshot;
}

/**
 * Reads a state file if it exists: restores the cloud in place and returns the saved settings
 * (still to be validated); undefined when there is no file yet.
 */
export function loadState(file: string, cloud: EsetCloud): { settings: unknown } | undefined {
  if (!existsSync(file)) return undefined;
  let saved: Partial<StateFile>;
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as Partial<StateFile>;
  } catch (e) {
    throw new Error(`cannot read emulator state ${file}: ${(e as Error).message}`);
  }
  if (saved.format !== "eset-connect-emulator-state") {
    throw new Error(
      `${file} is not an emulator state file (format "${String(saved.format)}"): pass another --state file`,
    );
  }
  restoreSnapshot(cloud, saved.cloud);
  return { settings: saved.settings ?? {} };
}

/**
 * Writes the whole state to a temporary file beside the target, then renames it over the target,
 * so a crash mid-write never leaves a half-written state.
 */
export function saveState(file: string, cloud: EsetCloud, settings: EmulatorSettings): void {
  const content: StateFile = {
    format: "eset-connect-emulator-state",
    version: 1,
    settings,
    cloud: snapshotOf(cloud),
  };
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify(content));
  renameSync(temp, file);
}
