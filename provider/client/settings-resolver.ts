/**
 * The one place where the client's settings are merged from where users give them: the dynamic
 * provider's host (stack config `eset:*`, then the environment), the `Hierarchy` component (the
 * program's stack config, then the environment) and the `eset-connect` command (flags, then the
 * environment). Each caller reads its sources; the precedence rules live here only.
 */
import type { ClientConfigInput } from "./config";
import { closest } from "../../shared/suggest";

/** The stack config keys of the `eset` namespace, by client setting. */
export const STACK_CONFIG_KEYS = {
  region: "eset:region",
  endpoint: "eset:endpoint",
  serverUrl: "eset:serverUrl",
  domainUser: "eset:domainUser",
  caCertificate: "eset:caCertificate",
  username: "eset:username",
  password: "eset:password",
  adoptEmptyGroupsOnCreate: "eset:adoptEmptyGroupsOnCreate",
} as const;

export type StackConfigSetting = keyof typeof STACK_CONFIG_KEYS;

/** Settings as one source gives them (text from a file, a flag or a variable; checked later). */
export type SettingsSource = Partial<Record<keyof ClientConfigInput, unknown>>;

/**
 * The settings one stack config gives: `read(key)` returns a key's value (`eset:region`, ...),
 * undefined when unset. Blank values count as unset; every value but the password is trimmed.
 */
export function stackConfigSettings(
  read: (key: string) => unknown,
  settings: readonly StackConfigSetting[] = Object.keys(STACK_CONFIG_KEYS) as StackConfigSetting[],
): SettingsSource {
  const out: SettingsSource = {};
  for (const setting of settings) {
    const value = read(STACK_CONFIG_KEYS[setting]);
    if (typeof value === "string" && value.trim() !== "") {
      out[setting] = setting === "password" ? value : value.trim();
    }
  }
  return out;
}

/**
 * The settings of `sources`, highest precedence first. Each setting comes from the first source
 * that gives it (a blank string gives nothing). The address is taken whole: the first source that
 * gives a region, an endpoint or an On-Prem server URL decides all three, so a region in the stack config (or a `--region`
 * flag) is not overridden by an endpoint from the environment, nor the reverse.
 */
export function resolveClientSettings(sources: readonly SettingsSource[]): SettingsSource {
  const given = (value: unknown) =>
    value !== undefined && !(typeof value === "string" && value.trim() === "");
  const merged: SettingsSource = {};
  for (const source of [...sources].reverse()) {
    for (const [key, value] of Object.entries(source) as [keyof ClientConfigInput, unknown][]) {
      if (given(value)) merged[key] = value;
    }
  }
  const address = sources.find(
    (source) => given(source.region) || given(source.endpoint) || given(source.serverUrl),
  );
  if (address) {
    if (!given(address.region)) delete merged.region;
    if (!given(address.endpoint)) delete merged.endpoint;
    if (!given(address.serverUrl)) delete merged.serverUrl;
  }
  return merged;
}

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
