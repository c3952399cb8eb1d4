import { z } from "zod";
import { USER_ERROR_STATUSES, type UserErrorStatus } from "./grpc-errors";
import { RATE_LIMIT_ALGORITHMS, type RateLimitAlgorithm } from "./rate-limit";

/** Every fault the emulator can inject, for settings, the command line and tests that try each one. */
export const FAULT_KINDS = [
  "429",
  "500",
  "502",
  "503",
  "504",
  "drop",
  "500-after",
  "502-after",
  "503-after",
  "504-after",
  "drop-after",
  "pending",
] as const;
/**
 * An injected failure. Plain codes and "drop" fail the call before anything is applied; the
 * "-after" kinds apply the call first, then fail or drop the answer; "pending" answers 202.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

const scriptEntrySchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    count: z.number().int().min(1).default(1),
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    polls: z.number().int().min(0).optional(),
  })
  .strict();
/** One scripted fault: hits the next `count` calls matching `method` and (a substring of) `path`. */
export type FaultScriptEntry = z.output<typeof scriptEntrySchema>;

const unitRate = z.number().min(0).max(1);
const settingsPatchSchema = z
  .object({
    rateLimit: z
      .object({
        perSecond: z.number().int().min(0),
        retryAfter: z.boolean(),
        algorithm: z.enum(RATE_LIMIT_ALGORITHMS),
      })
      .strict()
      .partial(),
    tokenLifetimeSeconds: z.number().int().min(1),
    latencyMs: z.number().int().min(0),
    pending: z
      .object({ rate: unitRate, polls: z.number().int().min(0), slowerThanMs: z.number().int().min(0) })
      .strict()
      .partial(),
    faults: z
      .object({
        rate: unitRate,
        kinds: z.array(z.enum(FAULT_KINDS)).min(1),
        script: z.array(scriptEntrySchema),
      })
      .strict()
      .partial(),
    ignoreClientUuid: z.boolean(),
    allowDuplicateSiblingNames: z.boolean(),
    userErrorStatus: z.union(USER_ERROR_STATUSES.map((s) => z.literal(s))),
    deletedUuidReuse: z.enum(["allow", "refuse"]),
  })
  .strict()
  .partial();

/** How the emulator behaves; `PUT /_emulator/settings` merges a partial object into the current one. */
export interface EmulatorSettings {
  rateLimit: {
    /** Calls per user per second (counted as `algorithm` says); 0 turns the limit off. Default 10. */
    perSecond: number;
    /** Add `Retry-After` (seconds) to 429s; ESET documents none. Default false. */
    retryAfter: boolean;
    /**
     * How the calls are counted, which ESET does not document (http/rate-limit.ts has each way).
     * Default "sliding-window".
     */
    algorithm: RateLimitAlgorithm;
  };
  /** Access-token lifetime (`expires_in`). Default 3600. */
  tokenLifetimeSeconds: number;
  /** Delay added to every API call; above `pending.slowerThanMs` the call goes pending instead. Default 0. */
  latencyMs: number;
  pending: {
    /** Share of API calls (0..1) answered 202 first. Default 0. */
    rate: number;
    /** Resends answered 202 before the result is ready. Default 2. */
    polls: number;
    /** A call slower than this (see latencyMs) goes pending; ESET uses 30 s. Default 30000. */
    slowerThanMs: number;
  };
  faults: {
    /** Share of API calls (0..1) that get a random fault from `kinds`. Default 0. */
    rate: number;
    /** Kinds drawn at random. Default 500, 502, 503, 504, drop, drop-after. */
    kinds: FaultKind[];
    /** Faults for the next matching calls, consumed in order before random ones. Default none. */
    script: FaultScriptEntry[];
  };
  /** Assign server uuids even when the client supplies one. Default false. */
  ignoreClientUuid: boolean;
  /** Let sibling groups share a displayName. Default false. */
  allowDuplicateSiblingNames: boolean;
  /**
   * Status of every user error of the domain services (rule break, validation error, unknown
   * group): 400 (404 for an unknown group) as ESET's endpoint pages show, or 403 as its
   * error_codes page says ("HTTP 403: All user errors"). The body's gRPC code is the same in both.
   * Default 400.
   */
  userErrorStatus: UserErrorStatus;
  /**
   * Whether a create may use the uuid of a deleted group: "refuse" answers it as already existing
   * (gRPC code 6), "allow" creates it. ESET's answer is unknown [assumed]. Default "refuse".
   */
  deletedUuidReuse: "allow" | "refuse";
}

/** What `PUT /_emulator/settings` and the options of `startEmulator` accept: any part of the settings. */
export type EmulatorSettingsPatch = z.input<typeof settingsPatchSchema>;

export function defaultSettings(): EmulatorSettings {
  return {
    rateLimit: { perSecond: 10, retryAfter: false, algorithm: "sliding-window" },
    tokenLifetimeSeconds: 3600,
    latencyMs: 0,
    pending: { rate: 0, polls: 2, slowerThanMs: 30000 },
    faults: { rate: 0, kinds: ["500", "502", "503", "504", "drop", "drop-after"], script: [] },
    ignoreClientUuid: false,
    allowDuplicateSiblingNames: false,
    userErrorStatus: 400,
    deletedUuidReuse: "refuse",
  };
}

/** Validates a patch, naming each bad field; returns the merged settings (nested objects merged). */
export function mergeSettings(current: EmulatorSettings, patch: unknown): EmulatorSettings {
  const parsed = settingsPatchSchema.safeParse(patch ?? {});
  if (!parsed.success) throw new SettingsError(`invalid settings: ${z.prettifyError(parsed.error)}`);
  const p = parsed.data;
  return {
    ...current,
    ...(p.tokenLifetimeSeconds !== undefined && { tokenLifetimeSeconds: p.tokenLifetimeSeconds }),
    ...(p.latencyMs !== undefined && { latencyMs: p.latencyMs }),
    ...(p.ignoreClientUuid !== undefined && { ignoreClientUuid: p.ignoreClientUuid }),
    ...(p.allowDuplicateSiblingNames !== undefined && {
      allowDuplicateSiblingNames: p.allowDuplicateSiblingNames,
    }),
    ...(p.userErrorStatus !== undefined && { userErrorStatus: p.userErrorStatus }),
    ...(p.deletedUuidReuse !== undefined && { deletedUuidReuse: p.deletedUuidReuse }),
    rateLimit: { ...current.rateLimit, ...p.rateLimit },
    pending: { ...current.pending, ...p.pending },
    faults: { ...current.faults, ...p.faults },
  };
}

/** A settings patch was rejected; the message names the fields. */
export class SettingsError extends Error {
  override name = "SettingsError";
}
