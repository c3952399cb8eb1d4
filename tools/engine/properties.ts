// Property values as the engine sees them: plain JSON values in which a secret is wrapped in the
// SDK's signature object and a value not known yet (preview) is the unknown sentinel string. These
// are the same encodings the SDK puts on the wire (`@pulumi/pulumi/runtime/rpc`), so requests from
// the program can be used as they arrive.

/** The key that marks a special value (secret, resource reference, ...). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A value that is not known until the resource that produces it exists (preview only). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The input that carries the serialized dynamic provider; never shown, never diffed for display. */
export const PROVIDER_KEY = "__provider";

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type PropertyMap = Record<string, Value>;

export interface SecretValue {
  [SIG_KEY]: typeof SECRET_SIG;
  value: Value;
}

function isObject(v: unknown): v is Record<string, Value> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: unknown): v is SecretValue {
  return isObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function makeSecret(value: Value): Value {
  return isSecret(value) ? value : ({ [SIG_KEY]: SECRET_SIG, value } as unknown as Value);
}

/** Removes every secret wrapper, as the engine does before calling a provider that does not accept secrets. */
export function unwrapSecrets(v: Value): Value {
  if (isSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  return v;
}

export function unwrapMap(m: PropertyMap): PropertyMap {
  return unwrapSecrets(m) as PropertyMap;
}

export function containsSecret(v: Value): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (isObject(v)) return Object.values(v).some(containsSecret);
  return false;
}

export function containsUnknown(v: Value): boolean {
  if (v === UNKNOWN) return true;
  if (isSecret(v)) return containsUnknown(v.value);
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Top-level keys whose value is, or contains, a secret. */
export function secretKeysOf(m: PropertyMap): string[] {
  return Object.keys(m).filter((k) => containsSecret(m[k]));
}

/** Wraps the named top-level properties as secrets (additionalSecretOutputs works on top-level keys only). */
export function markSecret(m: PropertyMap, keys: Iterable<string>): PropertyMap {
  const out: PropertyMap = { ...m };
  for (const k of keys) {
    if (k in out && out[k] !== null && !containsSecret(out[k])) out[k] = makeSecret(out[k]);
  }
  return out;
}

export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Top-level keys whose values differ (secrets compared by content), `__provider` left out. */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete(PROVIDER_KEY);
  return [...keys]
    .filter((k) => !deepEqual(unwrapSecrets(olds[k] ?? null), unwrapSecrets(news[k] ?? null)))
    .sort();
}

/** What a user may see: secrets as `[secret]`, unknowns as `[unknown]`, no `__provider`. */
export function maskForDisplay(v: Value): Value {
  if (isSecret(v)) return "[secret]";
  if (v === UNKNOWN) return "[unknown]";
  if (Array.isArray(v)) return v.map(maskForDisplay);
  if (isObject(v)) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== PROVIDER_KEY)
        .map(([k, x]) => [k, maskForDisplay(x)]),
    );
  }
  return v;
}

export function maskMap(m: PropertyMap): PropertyMap {
  return maskForDisplay(m) as PropertyMap;
}

/**
 * Deep-maps every secret through `f` (used to encrypt and decrypt state). `f` receives the
 * wrapper and returns its replacement.
 */
export function mapSecrets(v: Value, f: (secret: Record<string, Value>) => Value): Value {
  if (isObject(v) && v[SIG_KEY] === SECRET_SIG) return f(v);
  if (Array.isArray(v)) return v.map((x) => mapSecrets(x, f));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapSecrets(x, f)]));
  return v;
}
