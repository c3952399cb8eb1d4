import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { parse as parseYaml } from "yaml";
import type { EmulatorOptions } from "./index";
import { USER_ERROR_STATUSES, type UserErrorStatus } from "./http/grpc-errors";
import { RATE_LIMIT_ALGORITHMS, type RateLimitAlgorithm } from "./http/rate-limit";
import {
  BAD_TOKEN_STATUSES,
  DEPLOYMENTS,
  FAULT_KINDS,
  MAX_MEMBERSHIP_LAG_SECONDS,
  TOKEN_EXPIRES_IN,
  type BadTokenStatus,
  type Deployment,
  type EmulatorSettingsPatch,
  type FaultKind,
  type TokenExpiresIn,
} from "./http/settings";
import { JSON_ZERO_VALUES, type JsonZeroValues } from "./http/json-zero-values";
import { LINKED_SECURITY_GROUP, type LinkedSecurityGroup } from "./model/types";
import { ON_PREM_SIGN_IN, type OnPremSignIn } from "./http/routes/get-tokens-body";
import type { SeedInput } from "./model/seed";
import {
  DELETE_ASSIGNED_POLICY,
  DUPLICATE_POLICY_ASSIGNMENT,
  POLICIES_ON_SPECIAL_GROUPS,
  POLICY_ASSIGNMENTS_ON_GROUP_DELETE,
  type PolicyRules,
} from "./model/policies";
import { packageVersion } from "../shared/command-process";

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    return n;
  };
}

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError("expected a share from 0 to 1, e.g. 0.1");
  return n;
}

function faultKinds(value: string): FaultKind[] {
  const kinds = value.split(",").map((k) => k.trim());
  const bad = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || kinds.length === 0) {
    throw new InvalidArgumentError(
      `unknown fault kind ${bad.join(", ")}; choose from ${FAULT_KINDS.join(", ")}`,
    );
  }
  return kinds as FaultKind[];
}

function userErrorStatus(value: string): UserErrorStatus {
  const n = Number(value);
  if (!(USER_ERROR_STATUSES as readonly number[]).includes(n)) {
    throw new InvalidArgumentError(`expected ${USER_ERROR_STATUSES.join(" or ")}`);
  }
  return n as UserErrorStatus;
}

function seconds(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > max)
      throw new InvalidArgumentError(`expected seconds from 0 to ${max}, e.g. 5 or 0.5`);
    return n;
  };
}

function badTokenStatus(value: string): BadTokenStatus {
  const n = Number(value);
  if (!(BAD_TOKEN_STATUSES as readonly number[]).includes(n)) {
    throw new InvalidArgumentError(`expected ${BAD_TOKEN_STATUSES.join(" or ")}`);
  }
  return n as BadTokenStatus;
}

/** The command line of `eset-connect-emulator`; parsing only, so it is testable without a server. */
export function emulatorCommand(): Command {
  return new Command("eset-connect-emulator")
    .version(packageVersion(), "-V, --version", "print the version of pulumi-eset-connect")
    .description(
      "Serves the ESET Connect API (auth, asset, device, installer and policy management) from one local origin.",
    )
    .addOption(
      new Option("--port <port>", "port to listen on; 0 picks a free one")
        .default(8080)
        .argParser(wholeNumber(0)),
    )
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option(
      "--state <file>",
      "keep everything in this JSON file (loaded at start, written after every change)",
    )
    .option("--seed <file>", "add tenants, users, groups and devices from this JSON or YAML file at start")
    .addOption(
      new Option("--rate-limit <n>", "calls per second per user; 0 turns the limit off").argParser(
        wholeNumber(0),
      ),
    )
    .option("--retry-after", "send Retry-After (seconds) with each 429")
    .addOption(
      new Option(
        "--rate-limit-algorithm <way>",
        "how calls are counted against the limit (ESET does not document it)",
      ).choices(RATE_LIMIT_ALGORITHMS),
    )
    .addOption(
      new Option("--pending-rate <share>", "share of calls answered 202 first (0..1)").argParser(share),
    )
    .addOption(
      new Option("--pending-polls <n>", "resends answered 202 before the result").argParser(wholeNumber(0)),
    )
    .addOption(
      new Option("--fault-rate <share>", "share of calls that get a random fault (0..1)").argParser(share),
    )
    .addOption(
      new Option(
        "--fault-kinds <list>",
        `comma-separated kinds drawn at random (${FAULT_KINDS.join(", ")})`,
      ).argParser(faultKinds),
    )
    .addOption(new Option("--latency <ms>", "delay added to every API call").argParser(wholeNumber(0)))
    .addOption(new Option("--token-lifetime <seconds>", "access-token lifetime").argParser(wholeNumber(1)))
    .option("--allow-duplicate-names", "let sibling groups share a displayName")
    .option("--ignore-client-uuid", "assign server uuids even when the client supplies one")
    .addOption(
      new Option(
        "--user-error-status <status>",
        "status of every user error: 400 (404 for unknown groups; ESET's endpoint pages) or 403 (ESET's error_codes page)",
      ).argParser(userErrorStatus),
    )
    .addOption(
      new Option(
        "--deleted-uuid-reuse <choice>",
        "may a create use a deleted group's uuid? refuse (already exists) or allow; ESET's answer is unknown",
      ).choices(["allow", "refuse"]),
    )
    .addOption(
      new Option(
        "--json-zero-values <way>",
        "omit fields at their zero value as gRPC-gateway's default marshaller does, or emit them all (default omit)",
      ).choices(JSON_ZERO_VALUES),
    )
    .addOption(
      new Option(
        "--linked-security-group <value>",
        "isSecurityGroup of linked groups (customer, MSP, site, ...): true, false or absent (default true; nothing public says)",
      ).choices(LINKED_SECURITY_GROUP),
    )
    .addOption(
      new Option(
        "--membership-lag <seconds>",
        "a device shows in member-device listings only this long after it joined a group, and leaves them this long after it left (default 0)",
      ).argParser(seconds(MAX_MEMBERSHIP_LAG_SECONDS)),
    )
    .addOption(
      new Option(
        "--deployment <kind>",
        "cloud (ESET Connect, POST /oauth/token) or on-prem (ESET PROTECT On-Prem: POST /GetTokens, no group delete, no installer calls)",
      ).choices(DEPLOYMENTS),
    )
    .addOption(
      new Option(
        "--on-prem-sign-in <body>",
        'the body On-Prem\'s POST /GetTokens takes: any (default), eset-doc (grant_type 0, ESET\'s help page), grant-type-text (grant_type "password") or grant-type-camel (grantType "PASSWORD"); the others answer 400',
      ).choices(ON_PREM_SIGN_IN),
    )
    .addOption(
      new Option(
        "--token-expires-in <way>",
        "emit or omit the token lifetime (expires_in, On-Prem expiresIn) in sign-in answers (default emit)",
      ).choices(TOKEN_EXPIRES_IN),
    )
    .addOption(
      new Option(
        "--bad-token-status <status>",
        "status of an unknown or expired access token: 401 (default) or 400 (the spec's 'bad authorization')",
      ).argParser(badTokenStatus),
    )
    .addOption(
      new Option(
        "--policy-assignments-on-group-delete <way>",
        "deleting a group (and its subtree) drops the policy assignments on those groups, or keeps them listed (default drop; ESET's answer is unknown)",
      ).choices(POLICY_ASSIGNMENTS_ON_GROUP_DELETE),
    )
    .addOption(
      new Option(
        "--duplicate-policy-assignment <way>",
        "the same policy assigned twice to one target: refuse (a user error) or allow a second assignment (default refuse; unknown)",
      ).choices(DUPLICATE_POLICY_ASSIGNMENT),
    )
    .addOption(
      new Option(
        "--delete-assigned-policy <way>",
        "deleting a policy that is still assigned: refuse (412) or cascade (its assignments go too) (default refuse; unknown)",
      ).choices(DELETE_ASSIGNED_POLICY),
    )
    .addOption(
      new Option(
        "--policies-on-special-groups <way>",
        "policy assignments through the API on All and on linked (customer, MSP, site...) groups: allow or refuse (default allow; unknown)",
      ).choices(POLICIES_ON_SPECIAL_GROUPS),
    );
}

interface ParsedFlags extends Partial<PolicyRules> {
  port: number;
  host: string;
  state?: string;
  seed?: string;
  rateLimit?: number;
  retryAfter?: boolean;
  rateLimitAlgorithm?: RateLimitAlgorithm;
  pendingRate?: number;
  pendingPolls?: number;
  faultRate?: number;
  faultKinds?: FaultKind[];
  latency?: number;
  tokenLifetime?: number;
  allowDuplicateNames?: boolean;
  ignoreClientUuid?: boolean;
  userErrorStatus?: UserErrorStatus;
  deletedUuidReuse?: "allow" | "refuse";
  jsonZeroValues?: JsonZeroValues;
  linkedSecurityGroup?: LinkedSecurityGroup;
  membershipLag?: number;
  deployment?: Deployment;
  onPremSignIn?: OnPremSignIn;
  tokenExpiresIn?: TokenExpiresIn;
  badTokenStatus?: BadTokenStatus;
}

const POLICY_SWITCHES = [
  "policyAssignmentsOnGroupDelete",
  "duplicatePolicyAssignment",
  "deleteAssignedPolicy",
  "policiesOnSpecialGroups",
] as const satisfies ReadonlyArray<keyof PolicyRules>;

/** Turns parsed flags into `startEmulator` options; only flags given override saved or default settings. */
export function optionsFromFlags(flags: ParsedFlags): EmulatorOptions {
  const settings: EmulatorSettingsPatch = {};
  if (flags.rateLimit !== undefined || flags.retryAfter || flags.rateLimitAlgorithm !== undefined) {
    settings.rateLimit = {
      ...(flags.rateLimit !== undefined && { perSecond: flags.rateLimit }),
      ...(flags.retryAfter && { retryAfter: true }),
      ...(flags.rateLimitAlgorithm !== undefined && { algorithm: flags.rateLimitAlgorithm }),
    };
  }
  if (flags.pendingRate !== undefined || flags.pendingPolls !== undefined) {
    settings.pending = {
      ...(flags.pendingRate !== undefined && { rate: flags.pendingRate }),
      ...(flags.pendingPolls !== undefined && { polls: flags.pendingPolls }),
    };
  }
  if (flags.faultRate !== undefined || flags.faultKinds !== undefined) {
    settings.faults = {
      ...(flags.faultRate !== undefined && { rate: flags.faultRate }),
      ...(flags.faultKinds !== undefined && { kinds: flags.faultKinds }),
    };
  }
  if (flags.latency !== undefined) settings.latencyMs = flags.latency;
  if (flags.tokenLifetime !== undefined) settings.tokenLifetimeSeconds = flags.tokenLifetime;
  if (flags.allowDuplicateNames) settings.allowDuplicateSiblingNames = true;
  if (flags.ignoreClientUuid) settings.ignoreClientUuid = true;
  if (flags.userErrorStatus !== undefined) settings.userErrorStatus = flags.userErrorStatus;
  if (flags.deletedUuidReuse !== undefined) settings.deletedUuidReuse = flags.deletedUuidReuse;
  if (flags.jsonZeroValues !== undefined) settings.jsonZeroValues = flags.jsonZeroValues;
  if (flags.linkedSecurityGroup !== undefined) settings.linkedSecurityGroup = flags.linkedSecurityGroup;
  if (flags.membershipLag !== undefined) settings.membershipLagSeconds = flags.membershipLag;
  if (flags.deployment !== undefined) settings.deployment = flags.deployment;
  if (flags.onPremSignIn !== undefined) settings.onPremSignIn = flags.onPremSignIn;
  if (flags.tokenExpiresIn !== undefined) settings.tokenExpiresIn = flags.tokenExpiresIn;
  if (flags.badTokenStatus !== undefined) settings.badTokenStatus = flags.badTokenStatus;
  // Commander names each policy flag's value after the setting it sets (--delete-assigned-policy ->
  // deleteAssignedPolicy), so they pass straight through.
  for (const key of POLICY_SWITCHES)
    if (flags[key] !== undefined) Object.assign(settings, { [key]: flags[key] });
  return {
    host: flags.host,
    port: flags.port,
    stateFile: flags.state,
    settings,
    seed: flags.seed === undefined ? undefined : readSeed(flags.seed),
  };
}

function readSeed(file: string): SeedInput {
  try {
    return parseYaml(readFileSync(file, "utf8")) as SeedInput;
  } catch (e) {
    throw new Error(`cannot read --seed ${file}: ${(e as Error).message}`);
  }
}
