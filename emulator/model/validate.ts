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

// ESET calls uuids opaque; the emulator only insists on something that fits in a URL path
// segment (assumed).
const UUID_LIKE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function optionalGroupUuid(value: unknown, field: string): string | undefined {
  const text = optionalText(value, field);
  if (text !== undefined && !UUID_LIKE.test(text)) {
    throw new ModelError(
      "invalid",
      `${field} must be 1-64 letters, digits, "-" or "_" (got ${JSON.stringify(text)})`,
    );
  }
  return text;
}
