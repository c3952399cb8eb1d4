/**
 * The provider's configuration, as the dynamic resources' settings read it. The engine's Configure
 * request names each key of the provider's config `eset:config:<key>` (its `variables` map, secrets
 * in plain text: sdk/go/common/resource/plugin/provider_plugin.go, `Configure`); the dynamic
 * resources read `eset:<key>` from the stack config. So one stack config (`eset:region`,
 * `eset:username`, secret `eset:password`, `eset:endpoint`, ...) serves both, and an explicit
 * provider resource's inputs arrive the same way.
 */
import type * as pulumi from "@pulumi/pulumi";

/** `eset:config:region` -> `eset:region`; other namespaces are left out. */
export function stackConfigFromVariables(variables: ReadonlyMap<string, string> | Record<string, string>) {
  const entries = variables instanceof Map ? [...variables.entries()] : Object.entries(variables);
  const config: Record<string, string> = {};
  for (const [key, value] of entries) {
    const m = /^([^:]+):config:(.+)$/.exec(key) ?? /^([^:]+):(.+)$/.exec(key);
    if (m && m[1] === "eset") config[`eset:${m[2]}`] = value;
  }
  return config;
}

/**
 * What the dynamic host's `configure` is given: a config with `get`, and the whole map as
 * `rawConfig` (the SDK's dynamic-provider Config keeps it there; the settings name unknown keys from it).
 */
export function configureRequest(config: Record<string, string>): pulumi.dynamic.ConfigureRequest {
  const view = { get: (key: string) => config[key], rawConfig: { ...config } };
  return { config: view } as unknown as pulumi.dynamic.ConfigureRequest;
}
