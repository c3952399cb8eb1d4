import { z } from "zod";
import { USER_ERROR_STATUSES, type UserErrorStatus } from "./grpc-errors";
import { RATE_LIMIT_ALGORITHMS, type RateLimitAlgorithm } from "./rate-limit";
import { JSON_ZERO_VALUES, type JsonZeroValues } from "./json-zero-values";
import { LINKED_SECURITY_GROUP, type LinkedSecurityGroup } from "../model/types";
import { ON_PREM_SIGN_IN, type OnPremSignIn } from "./routes/get-tokens-body";
import {
  DEFAULT_POLICY_RULES,
  DELETE_ASSIGNED_POLICY,
  DUPLICATE_POLICY_ASSIGNMENT,
  POLICIES_ON_SPECIAL_GROUPS,
  POLICY_ASSIGNMENTS_ON_GROUP_DELETE,
  type PolicyRules,
} from "../model/policies";

/** Which ESET serves the API: the cloud (ESET Connect) or ESET PROTECT On-Prem. */
export const DEPLOYMENTS = ["cloud", "on-prem"] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

/** Whether the token answer carries its lifetime (`expires_in`, On-Prem `expiresIn`). */
export const TOKEN_EXPIRES_IN = ["emit", "omit"] as const;
export type TokenExpiresIn = (typeof TOKEN_EXPIRES_IN)[number];

/** Status of an unknown or expired bearer token. */
export const BAD_TOKEN_STATUSES = [401, 400] as const;
export type BadTokenStatus = (typeof BAD_TOKEN_STATUSES)[number];

/** The longest membership lag the emulator plays (an hour). */
export const MAX_MEMBERSHIP_LAG_SECONDS = 3600;

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
    jsonZeroValues: z.enum(JSON_ZERO_VALUES),
    linkedSecurityGroup: z.enum(LINKED_SECURITY_GROUP),
    membershipLagSeconds: z.number().min(0).max(MAX_MEMBERSHIP_LAG_SECONDS),
    deployment: z.enum(DEPLOYMENTS),
    onPremSignIn: z.enum(ON_PREM_SIGN_IN),
    tokenExpiresIn: z.enum(TOKEN_EXPIRES_IN),
    badTokenStatus: z.union(BAD_TOKEN_STATUSES.map((s) => z.literal(s))),
    policyAssignmentsOnGroupDelete: z.enum(POLICY_ASSIGNMENTS_ON_GROUP_DELETE),
    duplicatePolicyAssignment: z.enum(DUPLICATE_POLICY_ASSIGNMENT),
    deleteAssignedPolicy: z.enum(DELETE_ASSIGNED_POLICY),
    policiesOnSpecialGroups: z.enum(POLICIES_ON_SPECIAL_GROUPS),
  })
  .strict()
  .partial();

/**
 * How the emulator behaves; `PUT /_emulator/settings` merges a partial object into the current one.
 * The policy switches (PolicyRules, model/policies.ts) play what ESET's policy-management spec
 * leaves open [assumed]: `policyAssignmentsOnGroupDelete` "drop" | "keep" (default "drop"),
 * `duplicatePolicyAssignment` "refuse" | "allow" ("refuse"), `deleteAssignedPolicy` "refuse" |
 * "cascade" ("refuse"), `policiesOnSpecialGroups` "allow" | "refuse" ("allow").
 */
export interface EmulatorSettings extends PolicyRules {
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
  /**
   * How API answers write fields at their zero value (false, "", 0, empty lists, enum value 0,
   * `nextPageToken` on the last page): "omit" as gRPC-gateway's default JSON marshaller does
   * [assumed from the API's shape: ESET Connect is a gRPC gateway], or "emit" every one.
   * Default "emit" until the product passes under "omit".
   */
  jsonZeroValues: JsonZeroValues;
  /**
   * What linked groups (customer, MSP, site, household, external container) carry in
   * `isSecurityGroup` of `GET /v1/device_groups`: "true", "false" or "absent" (no field).
   * Nothing public says [assumed]. Default "true".
   */
  linkedSecurityGroup: LinkedSecurityGroup;
  /**
   * A device appears in member-device listings only this long after it joined a group, and leaves
   * them this long after it left: the listing is "a replicated projection" [spec: device-groups].
   * `GET /v1/devices` stays current. Default 0.
   */
  membershipLagSeconds: number;
  /**
   * "cloud" (ESET Connect: `POST /oauth/token`) or "on-prem" (ESET PROTECT On-Prem: `POST
   * /GetTokens`, no group delete, no installer calls). Default "cloud".
   */
  deployment: Deployment;
  /**
   * Which body On-Prem's `POST /GetTokens` takes: "eset-doc" (`grant_type: 0`, ESET's help page),
   * "grant-type-text" (`grant_type: "password"`, maciekaz/ESET-MCP), "grant-type-camel" (`grantType:
   * "PASSWORD"`, Fenrindale/eset-protect-mcp), each answering the others 400 as not understood, or
   * "any" of them. Nothing public says which is real (routes/get-tokens-body.ts). Default "any".
   */
  onPremSignIn: OnPremSignIn;
  /**
   * Whether token answers carry `expires_in` (`expiresIn` On-Prem); ESET's Token schema does not
   * require it [spec: business-account Token]. Default "emit".
   */
  tokenExpiresIn: TokenExpiresIn;
  /**
   * Status of an unknown or expired access token: 401 ("Token has expired or is invalid" [spec]) or
   * 400 (the spec's 400 also says "Bad ... authorization"). Default 401.
   */
  badTokenStatus: BadTokenStatus;
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
    jsonZeroValues: "omit",
    linkedSecurityGroup: "true",
    membershipLagSeconds: 0,
    deployment: "cloud",
    onPremSignIn: "any",
    tokenExpiresIn: "emit",
    badTokenStatus: 401,
    ...DEFAULT_POLICY_RULES,
  };
}

/** Validates a patch, naming each bad field; returns the merged settings (nested objects merged). */
export function mergeSettings(current: EmulatorSettings, patch: unknown): EmulatorSettings {
  const parsed = settingsPatchSchema.safeParse(patch ?? {});
  if (!parsed.success) throw new SettingsError(`invalid settings: ${z.prettifyError(parsed.error)}`);
  const { rateLimit, pending, faults, ...flat } = parsed.data;
  return {
    ...current,
    ...flat,
    rateLimit: { ...current.rateLimit, ...rateLimit },
    pending: { ...current.pending, ...pending },
    faults: { ...current.faults, ...faults },
  };
}

/** A settings patch was rejected; the message names the fields. */
export class SettingsError extends Error {
  override name = "SettingsError";
}
