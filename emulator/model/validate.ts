import { ModelError } from "./errors";

/** A non-empty string, or a ModelError naming the field. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ModelError("invalid", `${field} is required and must be a non-empty string`);
  }
  return value;
}

export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new ModelError("invalid", `${field} must be a string`);
  return value;
}

export function optionalBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ModelError("invalid", `${field} must be true or false (got ${JSON.stringify(value)})`);
}

/** A JSON boolean field of a body (not the text "true"), or a ModelError naming the field. */
export function optionalJsonBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "boolean") return value;
  throw new ModelError("invalid", `${field} must be true or false (got ${JSON.stringify(value)})`);
}

/**
 * ESET's spec gives every path uuid `format: uuid` and `maxLength: 100` [spec: e.g. groupUuid of
 * DELETE /v1/groups/{groupUuid}], and calls a uuid "an opaque identifier, albeit of predictable
 * length and alphabet", recognisable by the template xxxxxxxx-xxxx-Mxxx-Nxxx-xxxxxxxxxxxx [spec:
 * v1Group.uuid]. The emulator takes the 8-4-4-4-12 hexadecimal form, any case.
 */
const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_UUID_LENGTH = 100;
const EXAMPLE_UUID = "123e4567-e89b-12d3-a456-426614174000";

/** A uuid in ESET's format, or a ModelError naming the field. */
export function requireUuid(value: unknown, field: string): string {
  const text = requireText(value, field);
  if (text.length > MAX_UUID_LENGTH) {
    throw new ModelError(
      "invalid",
      `${field} must be at most ${MAX_UUID_LENGTH} characters (got ${text.length})`,
    );
  }
  if (!UUID_FORMAT.test(text)) {
    throw new ModelError(
      "invalid",
      `${field} must be a uuid such as ${EXAMPLE_UUID} (got ${JSON.stringify(text)})`,
    );
  }
  return text;
}

export function optionalUuid(value: unknown, field: string): string | undefined {
  const text = optionalText(value, field);
  return text === undefined ? undefined : requireUuid(text, field);
}

/** A repeated query parameter: absent, one value or several, each a string. */
export function textList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (values.some((v) => typeof v !== "string")) throw new ModelError("invalid", `${field} must be strings`);
  return values as string[];
}
