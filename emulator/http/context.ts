import type { EsetCloud } from "../model/cloud";
import type { VirtualClock } from "./clock";
import type { FaultInjector } from "./faults";
import type { PendingCalls } from "./pending";
import type { AccountRateLimit } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { EmulatorSettings } from "./settings";
import type { TokenStore } from "./tokens";

/** Everything the routes share: the model, the clock and each HTTP concern. */
export interface EmulatorContext {
  cloud: EsetCloud;
  clock: VirtualClock;
  tokens: TokenStore;
  limiter: AccountRateLimit;
  faults: FaultInjector;
  pending: PendingCalls;
  requestLog: RequestLog;
  /** Draws for pending.rate and faults.rate; injectable for deterministic tests. */
  random: () => number;
  settings(): EmulatorSettings;
  /** Validates and merges a settings patch; throws SettingsError naming bad fields. */
  updateSettings(patch: unknown): EmulatorSettings;
  /** Back to the fresh state: demo tenant and user, default settings, empty log, no pending calls. */
  reset(): void;
}
