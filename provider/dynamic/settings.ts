/**
 * Where the dynamic provider's ESET Connect settings come from: the stack config (`eset:region`,
 * `eset:endpoint`, `eset:username`, `eset:password`) handed to `configure`, with the environment
 * of the `pulumi` process (`ESET_CONNECT_*`) as fallback. Read inside the host process only, so no
 * credential ever reaches the serialized provider or the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  ClientConfigInput,
  EsetConnectClient,
  clientConfigFromEnv,
  parseClientConfig,
  sharedClient,
} from "../client";

/** The stack config keys read by `configure`, by client setting. */
export const STACK_CONFIG_KEYS = {
  region: "eset:region",
  endpoint: "eset:endpoint",
  username: "eset:username",
  password: "eset:password",
  adoptEmptyGroupsOnCreate: "eset:adoptEmptyGroupsOnCreate",
} as const;

let stackSettings: Partial<ClientConfigInput> = {};

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
  return parseClientConfig(merged);
}

/**
 * The process's client for the current settings: one rate limiter, token cache and tree snapshot
 * for every resource the host serves.
 */
export function esetClient(env: NodeJS.ProcessEnv = process.env): EsetConnectClient {
  return sharedClient(clientSettings(env));
}
