/**
 * Where the dynamic provider's ESET Connect settings come from: the stack config (`eset:region`,
 * `eset:endpoint`, `eset:username`, `eset:password`) handed to `configure`, with the environment
 * of the `pulumi` process (`ESET_CONNECT_*`) as fallback. Read inside the host process only, so no
 * credential ever reaches the serialized provider or the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  ClientConfigInput,
  ConfigError,
  EsetConnectClient,
  clientConfigFromEnv,
  parseClientConfig,
  sharedClient,
} from "../client";
import { closest } from "../../shared/suggest";

/** The stack config keys read by `configure`, by client setting. */
export const STACK_CONFIG_KEYS = {
  region: "eset:region",
  endpoint: "eset:endpoint",
  username: "eset:username",
  password: "eset:password",
  adoptEmptyGroupsOnCreate: "eset:adoptEmptyGroupsOnCreate",
} as const;

let stackSettings: Partial<ClientConfigInput> = {};
/** `eset:` keys of the stack config that this provider does not read (typos), with a suggestion. */
let unknownKeyWarnings: string[] = [];
const warned = new Set<string>();

/**
 * One warning per `eset:` key that is not a setting: `unknown config key eset:usrname; did you
 * mean eset:username?`. Keys of other namespaces belong to other providers and are ignored.
 */
export function unknownConfigKeyWarnings(keys: readonly string[]): string[] {
  const known: readonly string[] = Object.values(STACK_CONFIG_KEYS);
  return keys
    .filter((key) => key.startsWith("eset:") && !known.includes(key))
    .sort()
    .map((key) => {
      const guess = closest(key, known);
      return guess !== undefined
        ? `unknown config key ${key}; did you mean ${guess}?`
        : `unknown config key ${key}; the eset: settings are ${known.join(", ")}`;
    });
}

/**
 * The keys of the config the host passes to `configure`. The SDK's Config only has `get`; its
 * class (`@pulumi/pulumi/cmd/dynamic-provider/config.js`) keeps the whole map in `rawConfig`.
 * Without it no key is known, and no warning is given.
 */
function configKeys(req: pulumi.dynamic.ConfigureRequest | undefined): string[] {
  const raw = (req?.config as { rawConfig?: unknown } | undefined)?.rawConfig;
  return typeof raw === "object" && raw !== null ? Object.keys(raw) : [];
}

/** Remembers the stack's ESET settings for every later call. Never throws. */
export function configure(req: pulumi.dynamic.ConfigureRequest | undefined): void {
  const read = (key: string): string | undefined => {
    try {
      // Without a Configure call from the engine the host's config is missing and `get` throws.
      const value = req?.config.get(key);
      return typeof value === "string" && value.trim() !== "" ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const settings: Record<string, string> = {};
  for (const [setting, key] of Object.entries(STACK_CONFIG_KEYS)) {
    const value = read(key);
    if (value !== undefined) settings[setting] = setting === "password" ? value : value.trim();
  }
  stackSettings = settings as Partial<ClientConfigInput>;
  unknownKeyWarnings = unknownConfigKeyWarnings(configKeys(req));
  // The host prints the provider's console lines in the pulumi output; once per key per process.
  for (const warning of unknownKeyWarnings) {
    if (warned.has(warning)) continue;
    warned.add(warning);
    console.warn(`eset-connect: warning: ${warning}`);
  }
}

/**
 * The validated client configuration: stack config first, then the environment. Throws the
 * client's ConfigError (which names both ways to set each missing value) when incomplete.
 */
export function clientSettings(env: NodeJS.ProcessEnv = process.env) {
  const merged = { ...clientConfigFromEnv(env), ...stackSettings };
  // An endpoint in the stack config wins over a region from the environment, and the reverse.
  if (stackSettings.region && !stackSettings.endpoint) delete merged.endpoint;
  if (stackSettings.endpoint && !stackSettings.region) delete merged.region;
  try {
    return parseClientConfig(merged);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const extra = [
      // "username: missing" alone hides the cause when the key was misspelt: name the typo too.
      ...unknownKeyWarnings.map((warning) => ({ field: "stack config", message: warning })),
    ];
    // No eset:* key reached the provider at all: most likely a CLI that sends dynamic providers no
    // stack config (pulumi/pulumi#17697 landed in 3.139).
    if (Object.keys(stackSettings).length === 0 && unknownKeyWarnings.length === 0) {
      extra.push({
        field: "(stack config)",
        message:
          "no eset:* stack config reached the provider. Pulumi CLIs older than 3.139 pass no stack config to " +
          "dynamic providers: upgrade the CLI, or set ESET_CONNECT_REGION (or ESET_CONNECT_ENDPOINT), " +
          "ESET_CONNECT_USERNAME and ESET_CONNECT_PASSWORD in the environment of pulumi",
      });
    }
    if (extra.length === 0) throw error;
    throw new ConfigError([...error.issues, ...extra]);
  }
}

/**
 * The process's client for the current settings: one rate limiter, token cache and tree snapshot
 * for every resource the host serves.
 */
export function esetClient(env: NodeJS.ProcessEnv = process.env): EsetConnectClient {
  return sharedClient(clientSettings(env));
}
