// The default `pulumi-nodejs` provider, kept in the state as the engine keeps it.
// - `up` registers it before the first dynamic resource, with every stack config key (namespaced,
//   secrets as secrets) as its inputs: pkg/resource/deploy/default_providers.go
//   (`newRegisterDefaultProviderEvent`) and target.go (`GetPackageConfig`: dynamic providers get the
//   whole config, keys keep their namespace). The state holds those inputs, secrets encrypted.
// - Every dynamic resource names it in `provider` (`<urn>::<id>`), so destroy deletes it last.
// - `refresh` and `destroy` without `--run-program` do not run the program: the provider is loaded
//   from the state and configured with those stored inputs (pkg/resource/deploy/providers/registry.go),
//   so they use the config of the last `up` (pulumi/pulumi#18740 changed that, reverted in #18756).
// - It is never refreshed (step.go `RefreshStep.Apply` skips provider resources) and its delete
//   calls no provider.
import { randomUUID } from "crypto";
import { makeSecret, unwrapMap, type PropertyMap } from "./properties";
import type { StackConfig } from "./project";
import type { ResourceState, StackState } from "./state";

export const DEFAULT_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
export const DEFAULT_PROVIDER_NAME = "default";

export function defaultProviderUrn(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::${DEFAULT_PROVIDER_TYPE}::${DEFAULT_PROVIDER_NAME}`;
}

export function isProviderResource(r: ResourceState): boolean {
  return r.type.startsWith("pulumi:providers:");
}

/** The stack config as the provider's inputs: secret keys wrapped as secrets (encrypted on save). */
export function providerInputs(config: StackConfig): PropertyMap {
  const secret = new Set(config.secretKeys);
  return Object.fromEntries(
    Object.entries(config.values).map(([k, v]) => [k, secret.has(k) ? makeSecret(v) : v]),
  );
}

export function findDefaultProvider(state: StackState): ResourceState | undefined {
  const urn = defaultProviderUrn(state.stack, state.project);
  return state.resources.find((r) => r.urn === urn && !r.delete);
}

/**
 * Records the default provider with `config` (its id kept when it exists) and returns the
 * reference (`<urn>::<id>`) that dynamic resources keep in `provider`.
 */
export function recordDefaultProvider(state: StackState, config: StackConfig): string {
  const old = findDefaultProvider(state);
  const inputs = providerInputs(config);
  const entry: ResourceState = {
    urn: defaultProviderUrn(state.stack, state.project),
    custom: true,
    type: DEFAULT_PROVIDER_TYPE,
    id: old?.id ?? randomUUID(),
    inputs,
    outputs: inputs,
    dependencies: [],
  };
  state.replace(old, entry);
  return `${entry.urn}::${entry.id}`;
}

/** The config a run without the program configures the host with: the stored provider's inputs. */
export function storedProviderConfig(state: StackState): Record<string, string> {
  const provider = findDefaultProvider(state);
  const values = unwrapMap(provider?.inputs ?? {});
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
