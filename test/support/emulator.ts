import {
  startEmulator,
  type EmulatorSettings,
  type EmulatorSettingsPatch,
  type EmulatorState,
  type IssuedToken,
  type RequestLogEntry,
  type SeedInput,
} from "../../emulator";
import { emulatorControl, type EmulatorConsole, type EmulatorControl } from "../../emulator/control-client";
import { wireCandidate } from "./wire-candidate";

export type {
  EmulatorSettings,
  EmulatorSettingsPatch,
  EmulatorState,
  IssuedToken,
  RequestLogEntry,
  SeedInput,
};

/** An emulator on 127.0.0.1 and a random port, with its control plane as methods. */
export interface TestEmulator extends Pick<EmulatorControl, "policies" | "policyAssignments"> {
  /** http://127.0.0.1:<random port>: every service and the control plane. */
  url: string;
  /** demo@example.com */
  username: string;
  /** demo-password */
  password: string;
  /** demo */
  tenant: string;
  /** 00000000-0000-0000-7001-000000000001 */
  allGroupUuid: string;
  lostAndFoundUuid: string;
  /** Fresh state: demo tenant and user, empty tree, default settings (and the run's wire candidate), empty request log. */
  reset(): Promise<void>;
  /** Adds tenants, users, groups and devices (see SeedInput). */
  seed(s: SeedInput): Promise<void>;
  /** Merges into the current settings (nested objects merged, arrays replaced). */
  settings(s: EmulatorSettingsPatch): Promise<void>;
  state(): Promise<EmulatorState>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Every access and refresh token issued since start (kept across resets), for secret scans. */
  tokens(): Promise<IssuedToken[]>;
  /** Moves the virtual clock forward (token expiry, pending 504 and 10-minute rules, rate-limit window). */
  advanceClock(ms: number): Promise<void>;
  /** What ESET or a person does outside the API: linked groups, drift, devices (docs/emulator.md). */
  console: EmulatorConsole;
  close(): Promise<void>;
}

/** Starts an emulator for a test; call close() in afterAll. */
export async function startTestEmulator(
  opts: { settings?: EmulatorSettingsPatch; seed?: SeedInput } = {},
): Promise<TestEmulator> {
  // The wire candidate of this run (ESET_EMULATOR_WIRE), beneath what the test chooses itself.
  const wire = wireCandidate();
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    settings: { ...wire, ...opts.settings },
    seed: opts.seed,
  });
  const control = emulatorControl(emulator.url);
  return {
    ...control,
    ...emulator.defaults,
    // A reset returns to the emulator's defaults: the candidate is played again after it.
    reset: async () => {
      await control.reset();
      if (Object.keys(wire).length > 0) await control.settings(wire);
    },
    close: () => emulator.close(),
  };
}
