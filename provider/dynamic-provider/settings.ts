/**
 * Where the dynamic provider's ESET Connect settings come from: the stack config (`eset:region`,
 * `eset:endpoint`, `eset:username`, `eset:password`) handed to `configure`, with the environment
 * of the `pulumi` process (`ESET_CONNECT_*`) as fallback. Read inside the host process only, so no
 * credential ever reaches the serialized provider or the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  ConfigError,
  EsetConnectClient,
  clientConfigFromEnv,
  parseClientConfig,
  sharedClient,
} from "../client";
import {
  resolveClientSettings,
  stackConfigSettings,
  unknownConfigKeyWarnings,
  type SettingsSource,
} from "../client/settings-resolver";

// Kept here for code that imported them from this module before the resolver had its own file.
export { STACK_CONFIG_KEYS, unknownConfigKeyWarnings } from "../client/settings-resolver";

let stackSettings: SettingsSource = {};
/** `eset:` keys of the stack config that this provider does not read (typos), with a suggestion. */
let unknownKeyWarnings: string[] = [];
const warned = new Set<string>();

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
  stackSettings = stackConfigSettings((key) => {
    try {
      // Without a Configure call from the engine the host's config is missing and `get` throws.
      return req?.config.get(key);
    } catch {
      return undefined;
    }
  });
  unknownKeyWarnings = unknownConfigKeyWarnings(configKeys(req));
  // The host prints the provider's console lines in the pulumi output; once per key per process.
  for (const warning of unknownKeyWarnings) {
    if (warned.has(warning)) continue;
    warned.add(warning);
    console.warn(`eset-connect: warning: ${warning}`);
  }
}

/**
 * The validated client configuration: stack config first, then the environment
 * (provider/client/settings-resolver.ts). Throws the
 * client's ConfigError (which names both ways to set each missing value) when incomplete.
 */
export function clientSettings(env: NodeJS.ProcessEnv = process.env) {
  // The stack config wins, a region or an endpoint there over either from the environment.
  const merged = resolveClientSettings([stackSettings, clientConfigFromEnv(env)]);
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
