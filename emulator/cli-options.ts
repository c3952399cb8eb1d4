import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { parse as parseYaml } from "yaml";
import type { EmulatorOptions } from "./index";
import { USER_ERROR_STATUSES, type UserErrorStatus } from "./http/grpc-errors";
import { RATE_LIMIT_ALGORITHMS, type RateLimitAlgorithm } from "./http/rate-limit";
import { FAULT_KINDS, type EmulatorSettingsPatch, type FaultKind } from "./http/settings";
import type { SeedInput } from "./model/seed";
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

/** The command line of `eset-connect-emulator`; parsing only, so it is testable without a server. */
export function emulatorCommand(): Command {
  return new Command("eset-connect-emulator")
    .version(packageVersion(), "-V, --version", "print the version of pulumi-eset-connect")
    .description(
      "Serves the ESET Connect API (auth, asset, device and installer management) from one local origin.",
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
    );
}

interface ParsedFlags {
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
}

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
