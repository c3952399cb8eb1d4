import type { AddressInfo } from "node:net";
import { EsetCloud } from "./model/cloud";
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME } from "./model/cloud-store";
import { applySeed, type SeedInput } from "./model/seed";
import { ALL_GROUP_UUID, LOST_AND_FOUND_UUID, type EmulatorState } from "./model/types";
import { VirtualClock } from "./http/clock";
import type { EmulatorContext } from "./http/context";
import { FaultInjector } from "./http/faults";
import { PendingCalls } from "./http/pending";
import { AccountRateLimit } from "./http/rate-limit";
import { RequestLog, type RequestLogEntry } from "./http/request-log";
import { buildServer } from "./http/server";
import {
  defaultSettings,
  FAULT_KINDS,
  mergeSettings,
  type EmulatorSettings,
  type EmulatorSettingsPatch,
  type FaultKind,
  type FaultScriptEntry,
} from "./http/settings";
import { TokenStore, type IssuedToken } from "./http/tokens";
import type { UserErrorStatus } from "./http/grpc-errors";
import { loadState, saveState } from "./persistence";

export type {
  EmulatorSettings,
  EmulatorSettingsPatch,
  EmulatorState,
  FaultKind,
  FaultScriptEntry,
  IssuedToken,
  RequestLogEntry,
  SeedInput,
  UserErrorStatus,
};
export { ALL_GROUP_UUID, FAULT_KINDS, LOST_AND_FOUND_UUID };
export {
  ANTIVIRUS_BALANCED_POLICY_UUID,
  ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID,
  ANTIVIRUS_REAL_TIME_ONLY_POLICY_UUID,
  BUILT_IN_POLICIES,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID,
  DEVICE_CONTROL_READ_ONLY_POLICY_UUID,
  FIREWALL_BLOCK_ALL_POLICY_UUID,
  LOGGING_FULL_DIAGNOSTIC_POLICY_UUID,
  LOGGING_IMPORTANT_EVENTS_POLICY_UUID,
  VISIBILITY_BALANCED_POLICY_UUID,
  VISIBILITY_INVISIBLE_POLICY_UUID,
} from "./model/built-in-policies";
export type { FeaturePolicy, Policy, PolicyAssignment, PolicyRules, PolicyTarget } from "./model/policies";
export { ENDPOINT_NAMES, endpointOf, type EndpointName } from "./http/endpoints";
export { emulatorControl } from "./control-client";
export type {
  ConsoleDevice,
  ConsoleGroup,
  ConsoleOptions,
  ConsolePolicy,
  EmulatorConsole,
  EmulatorControl,
} from "./control-client";

export interface EmulatorOptions {
  /** Interface to listen on. Default "127.0.0.1". */
  host?: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** Settings applied over the defaults at start (and kept over a saved state's). Default none. */
  settings?: EmulatorSettingsPatch;
  /** Content added at start; skipped when `stateFile` already existed (it holds the earlier seed). Default none. */
  seed?: SeedInput;
  /** Keep everything in this JSON file: loaded at start, rewritten atomically after every change. Default: memory only. */
  stateFile?: string;
  /** Random source for pending.rate and faults.rate; inject for reproducible runs. Default Math.random. */
  random?: () => number;
  /** Source of server-assigned uuids. Default crypto.randomUUID. */
  newUuid?: () => string;
  /** The time the virtual clock adds its offset to; a frozen one makes rate-limit tests exact. Default Date.now. */
  now?: () => number;
}

/** Where the default tenant's well-known objects are. */
export interface EmulatorDefaults {
  username: string;
  password: string;
  tenant: string;
  allGroupUuid: string;
  lostAndFoundUuid: string;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:43121; every service and the control plane live under it. */
  url: string;
  port: number;
  defaults: EmulatorDefaults;
  close(): Promise<void>;
}

/** Starts the emulator in this process. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = new VirtualClock(options.now);
  const cloud = new EsetCloud({ newUuid: options.newUuid, now: () => clock.now() });
  const random = options.random ?? Math.random;
  let settings = defaultSettings();
  const persist = () => {
    if (options.stateFile) saveState(options.stateFile, cloud, settings);
  };
  const applySettings = (next: EmulatorSettings) => {
    settings = next;
    cloud.rules = {
      allowDuplicateSiblingNames: next.allowDuplicateSiblingNames,
      ignoreClientUuid: next.ignoreClientUuid,
      deletedUuidReuse: next.deletedUuidReuse,
    };
    cloud.policyRules = {
      policyAssignmentsOnGroupDelete: next.policyAssignmentsOnGroupDelete,
      duplicatePolicyAssignment: next.duplicatePolicyAssignment,
      deleteAssignedPolicy: next.deleteAssignedPolicy,
      policiesOnSpecialGroups: next.policiesOnSpecialGroups,
    };
    cloud.listing = {
      linkedSecurityGroup: next.linkedSecurityGroup,
      membershipLagMs: next.membershipLagSeconds * 1000,
    };
    faults.setScript(next.faults.script);
    limiter.use(next.rateLimit.algorithm);
  };
  const faults = new FaultInjector(random);
  const pending = new PendingCalls();
  const limiter = new AccountRateLimit();
  const requestLog = new RequestLog();

  let restored = false;
  if (options.stateFile) {
    const saved = loadState(options.stateFile, cloud);
    if (saved !== undefined) {
      restored = true;
      applySettings(mergeSettings(defaultSettings(), saved.settings));
    }
  }
  if (options.settings) applySettings(mergeSettings(settings, options.settings));
  // A restored state already holds what an earlier start seeded; seeding again would duplicate it.
  if (options.seed && !restored) applySeed(cloud, options.seed);
  cloud.onChange = persist;
  persist();

  const ctx: EmulatorContext = {
    cloud,
    clock,
    tokens: new TokenStore(
      cloud,
      clock,
      () => settings.tokenLifetimeSeconds,
      () => settings.tokenExpiresIn === "emit",
    ),
    limiter,
    faults,
    pending,
    requestLog,
    random,
    settings: () => ({ ...settings, faults: { ...settings.faults, script: faults.remainingScript() } }),
    updateSettings(patch) {
      applySettings(mergeSettings(ctx.settings(), patch));
      persist();
      return ctx.settings();
    },
    reset() {
      applySettings(defaultSettings());
      cloud.reset();
      limiter.clear();
      pending.clear();
      requestLog.clear();
    },
  };

  const app = await buildServer(ctx);
  await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    defaults: {
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
      tenant: DEMO_TENANT,
      allGroupUuid: ALL_GROUP_UUID,
      lostAndFoundUuid: LOST_AND_FOUND_UUID,
    },
    close: () => app.close(),
  };
}
