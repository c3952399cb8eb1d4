/**
 * The emulator's two user-error modes: 400 for a rule break as ESET's per-endpoint pages show, and
 * 403 for every user error as ESET's error_codes page says of its domain services. The product
 * decides from the tree, so its suites pass in both. `ESET_USER_ERROR_STATUS=403` runs a suite in
 * the 403 mode (the "user errors 403" jest project does, for a chosen subset); default 400.
 */
import type { EmulatorSettingsPatch } from "../../emulator";

export const USER_ERROR_MODES: [string, EmulatorSettingsPatch][] = [
  ["user errors 400", { userErrorStatus: 400 }],
  ["user errors 403", { userErrorStatus: 403 }],
];

/** The settings of this run's mode, from ESET_USER_ERROR_STATUS (400 or 403). */
export function userErrorSettings(env: NodeJS.ProcessEnv = process.env): EmulatorSettingsPatch {
  const status = env.ESET_USER_ERROR_STATUS?.trim() || "400";
  if (status !== "400" && status !== "403") {
    throw new Error(`ESET_USER_ERROR_STATUS=${status}: use 400 or 403`);
  }
  return { userErrorStatus: Number(status) as 400 | 403 };
}
