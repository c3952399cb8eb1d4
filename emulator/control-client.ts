/**
 * The emulator's control plane (`/_emulator/*`, docs/emulator.md) as methods: one client for the
 * tests, the benchmark and the demo, whether the emulator runs in-process or as its own command.
 */
import type { EmulatorSettingsPatch, EmulatorState, IssuedToken, RequestLogEntry, SeedInput } from "./index";

export interface EmulatorControl {
  url: string;
  reset(): Promise<void>;
  seed(seed: SeedInput): Promise<void>;
  settings(patch: EmulatorSettingsPatch): Promise<void>;
  state(): Promise<EmulatorState>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  tokens(): Promise<IssuedToken[]>;
  /** Moves the virtual clock forward (token expiry, pending 504 and 10-minute rules, rate-limit window). */
  advanceClock(ms: number): Promise<void>;
}

export function emulatorControl(url: string): EmulatorControl {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`emulator ${method} /_emulator/${path} answered ${response.status}: ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
  return {
    url,
    reset: async () => void (await call("POST", "reset")),
    seed: async (seed) => void (await call("POST", "seed", seed)),
    settings: async (patch) => void (await call("PUT", "settings", patch)),
    state: async () => (await call("GET", "state")) as EmulatorState,
    requests: async () => ((await call("GET", "requests")) as { requests: RequestLogEntry[] }).requests,
    clearRequests: async () => void (await call("DELETE", "requests")),
    tokens: async () => ((await call("GET", "tokens")) as { tokens: IssuedToken[] }).tokens,
    advanceClock: async (ms) => void (await call("POST", "clock", { advanceMs: ms })),
  };
}
