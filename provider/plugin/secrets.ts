/**
 * Secrets on the wire. The plugin tells the engine it accepts secrets (the SDK's provider server
 * does, in Configure), so a secret input arrives wrapped in the SDK's secret signature object and a
 * secret output must leave wrapped the same way. The CRUD code works on plain values: inputs are
 * unwrapped on the way in, and on the way out every top-level property that came in secret, or that
 * the resource always keeps secret (the installer file), is wrapped again.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

export type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[specialSigKey] === specialSecretSig;
}

export function secret(value: unknown): Props {
  return { [specialSigKey]: specialSecretSig, value };
}

/** `value` without any secret wrapper, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

/** The props made plain, and the names of the top-level props that held a secret anywhere. */
export function unwrapSecrets(props: Props | undefined): { plain: Props; secretKeys: string[] } {
  const plain: Props = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(props ?? {})) {
    const revealed = reveal(value);
    if (JSON.stringify(revealed) !== JSON.stringify(value)) secretKeys.push(key);
    plain[key] = revealed;
  }
  return { plain, secretKeys };
}

/**
 * Props ready for the wire: `undefined` dropped (a protobuf Struct has no such value) and each of
 * `secretKeys` that is present wrapped as a secret.
 */
export function wrapSecrets(props: Props | undefined, secretKeys: Iterable<string>): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props ?? {})) if (value !== undefined) out[key] = value;
  for (const key of secretKeys) if (key in out) out[key] = secret(out[key]);
  return out;
}
