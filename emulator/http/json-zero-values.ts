/**
 * How API answers are written as JSON. ESET Connect is served through a gRPC gateway (rpcStatus
 * error bodies, `:verb` paths, lowerCamelCase fields, enum strings) [assumed from the API's shape].
 * A gateway's default JSON marshaller (protojson without EmitUnpopulated) leaves out every field at
 * its zero value: `false`, `""`, `0`, an empty list, and an enum at its value 0 (the `*_UNSPECIFIED`
 * name). So ESET may send a static group without `linkedEntityType`, a dynamic group without
 * `isSecurityGroup`, the last page without `nextPageToken`, an empty listing as `{}`. The emulator
 * plays both: "omit" as such a marshaller, "emit" every field (what it always did).
 */
export const JSON_ZERO_VALUES = ["emit", "omit"] as const;
export type JsonZeroValues = (typeof JSON_ZERO_VALUES)[number];

/**
 * Fields that hold an enum in ESET's messages (v1Group.linkedEntityType, v1Group.externalType,
 * v1DeviceGroup.linkedEntityType, v1Device.functionalityStatus [spec]); their value 0 is the
 * `*_UNSPECIFIED` name. Named here so a display name that happens to end in `_UNSPECIFIED` stays.
 */
const ENUM_FIELDS: ReadonlySet<string> = new Set(["linkedEntityType", "externalType", "functionalityStatus"]);

/** Whether a field of this name holding this value is at its proto3 zero value. */
export function isZeroValue(field: string, value: unknown): boolean {
  if (value === false || value === "" || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "string" && ENUM_FIELDS.has(field) && value.endsWith("_UNSPECIFIED");
}

/**
 * The value as a default gateway marshaller writes it: every object field at its zero value left
 * out, at every depth. Elements of a list are values, not fields, and stay as they are; a message
 * left empty stays as `{}`.
 */
export function omitZeroValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(omitZeroValues);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || isZeroValue(field, v)) continue;
    out[field] = omitZeroValues(v);
  }
  return out;
}

/** An answer's JSON body as the switch says; text bodies (a gateway's HTML page) pass unchanged. */
export function marshalBody(body: unknown, mode: JsonZeroValues): unknown {
  return mode === "omit" && typeof body === "object" ? omitZeroValues(body) : body;
}
