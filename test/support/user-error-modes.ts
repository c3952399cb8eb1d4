/**
 * The emulator's two user-error modes: 400 for a rule break as ESET's per-endpoint pages show, and
 * 403 for every user error as ESET's error_codes page says of its domain services. The product
 * decides from the tree, so a test whose calls meet a user error must pass in both; a test whose
 * calls meet none cannot tell the modes apart and runs once, in the 400 mode.
 *
 * `describeEachUserErrorMode(name, fn)` runs a describe block once per mode, in the same file.
 * Inside it, `userErrorSettings()` is the block's mode: an emulator started or reset by a hook
 * outside the block (a file's beforeAll/beforeEach) picks it up when that hook asks for it.
 */
import type { EmulatorSettingsPatch } from "../../emulator";

export interface UserErrorMode {
  /** "user errors 400" or "user errors 403": the suffix of the describe block's name. */
  name: string;
  status: 400 | 403;
  settings: EmulatorSettingsPatch;
}

export const USER_ERROR_MODES: readonly UserErrorMode[] = [
  { name: "user errors 400", status: 400, settings: { userErrorStatus: 400 } },
  { name: "user errors 403", status: 403, settings: { userErrorStatus: 403 } },
];

/** The mode of the describe block whose tests run now; outside any, the 400 mode. */
let current: UserErrorMode = USER_ERROR_MODES[0];

/** The emulator settings of the current mode (see describeEachUserErrorMode). */
export function userErrorSettings(): EmulatorSettingsPatch {
  return current.settings;
}

/**
 * Declares `describe("<name> (user errors 400)")` and `describe("<name> (user errors 403)")`, each
 * with the tests `fn` declares. In each block's tests (and the hooks around them),
 * userErrorSettings() is that block's mode; `fn` also gets the mode, for a block that starts its
 * own emulator.
 */
export function describeEachUserErrorMode(name: string, fn: (mode: UserErrorMode) => void): void {
  for (const mode of USER_ERROR_MODES) {
    describe(`${name} (${mode.name})`, () => {
      // Registered before fn's hooks: the block's own beforeAll hooks already see the mode, and a
      // file's beforeEach (which runs after every beforeAll) does too.
      beforeAll(() => {
        current = mode;
      });
      afterAll(() => {
        current = USER_ERROR_MODES[0];
      });
      fn(mode);
    });
  }
}
