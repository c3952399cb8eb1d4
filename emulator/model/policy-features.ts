import { ModelError } from "./errors";
import type { FeaturePolicy } from "./policies";

/** The largest featureId: ESET's legacy-policy id 0xFFFFFFFF [spec: v2FeaturePolicy.featureId]. */
const MAX_FEATURE_ID = 0xffffffff;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An int64 field of a body: a JSON number or, as a gRPC gateway also accepts for 64-bit integers,
 * a decimal string [assumed from the API's shape]. Absent is 0 (proto3).
 */
export function int64Field(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n)) {
    throw new ModelError("invalid", `${field} must be a whole number (got ${JSON.stringify(value)})`);
  }
  return n;
}

function flagsOf(value: unknown, field: string): FeaturePolicy["flags"] {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new ModelError("invalid", `${field} must be a JSON object`);
  const out: FeaturePolicy["flags"] = {};
  for (const [selector, flags] of Object.entries(value)) {
    const where = `${field}["${selector}"]`;
    if (!isObject(flags)) throw new ModelError("invalid", `${where} must be a JSON object`);
    const unknown = Object.keys(flags).filter((k) => k !== "applyForcefully" && k !== "readOnly");
    if (unknown.length > 0) {
      throw new ModelError(
        "invalid",
        `${where} has unknown flags ${unknown.join(", ")}: use applyForcefully, readOnly`,
      );
    }
    for (const k of ["applyForcefully", "readOnly"] as const) {
      if (flags[k] !== undefined && typeof flags[k] !== "boolean") {
        throw new ModelError("invalid", `${where}.${k} must be true or false`);
      }
    }
    out[selector] = { applyForcefully: flags.applyForcefully === true, readOnly: flags.readOnly === true };
  }
  return out;
}

/**
 * `features` of a policy create. One invalid feature makes the whole create a 400 [spec: POST
 * /v2/policies]. What makes a configuration valid for a feature is not public, so the
 * emulator checks the shape only: a whole `featureId` from 0 to 0xFFFFFFFF, each at most once
 * [assumed]; a `configuration` that is a protobuf Any, whose `@type` must contain a "/" [spec:
 * protobufAny]; `flags` a map of selector to `{ applyForcefully, readOnly }` booleans [spec:
 * v2SettingFlags]. The configuration is kept as sent, opaque.
 */
export function parseFeatures(value: unknown): FeaturePolicy[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ModelError("invalid", "policy.features must be an array");
  const seen = new Set<number>();
  return value.map((item, i) => {
    const where = `policy.features[${i}]`;
    if (!isObject(item)) throw new ModelError("invalid", `${where} must be a JSON object`);
    const featureId = int64Field(item.featureId, `${where}.featureId`);
    if (featureId < 0 || featureId > MAX_FEATURE_ID) {
      throw new ModelError(
        "invalid",
        `${where}.featureId must be from 0 to ${MAX_FEATURE_ID} (got ${featureId})`,
      );
    }
    if (seen.has(featureId)) {
      throw new ModelError(
        "invalid",
        `${where}.featureId ${featureId} appears twice: give each feature once`,
      );
    }
    seen.add(featureId);
    const configuration = item.configuration;
    if (
      !isObject(configuration) ||
      typeof configuration["@type"] !== "string" ||
      !configuration["@type"].includes("/")
    ) {
      throw new ModelError(
        "invalid",
        `${where}.configuration must be a protobuf Any: an object whose "@type" names its type, e.g. "type.googleapis.com/package.Message"`,
      );
    }
    return {
      featureId,
      configuration: structuredClone(configuration),
      flags: flagsOf(item.flags, `${where}.flags`),
    };
  });
}
