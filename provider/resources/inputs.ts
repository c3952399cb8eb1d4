/**
 * Helpers shared by the resources' `check` and `diff`: the engine's marker for values not known
 * yet, and field-by-field validation that reports `{ property, reason }` failures.
 */
import { z } from "zod";
import { unknownInputReason } from "../../shared/suggest";

/** What the engine sends in preview for an input that is an output of a resource not created yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

export interface CheckFailure {
  property: string;
  reason: string;
}

/** True for the preview placeholder, anywhere inside a value (a map of triggers may hold one). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Validates each field of `news` with its own schema, so every bad field gets its own failure.
 * Unknown values (preview) pass through untouched: they are checked again when known. Keys that
 * are not inputs (typos) fail with the list of valid ones. `__provider` belongs to the SDK.
 */
export function checkFields<S extends Record<string, z.ZodType>>(
  fields: S,
  news: Props,
): { values: { [K in keyof S]: z.output<S[K]> | typeof UNKNOWN }; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields)) {
    const raw = news[name];
    if (containsUnknown(raw)) {
      values[name] = raw;
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else failures.push({ property: name, reason: parsed.error.issues[0]?.message ?? "is not valid" });
  }
  const known = Object.keys(fields);
  for (const key of Object.keys(news)) {
    if (key === "__provider" || known.includes(key)) continue;
    failures.push({ property: key, reason: unknownInputReason(key, known) });
  }
  return { values: values as { [K in keyof S]: z.output<S[K]> | typeof UNKNOWN }, failures };
}

/** A string the engine knows (not the preview placeholder). */
export function known(value: unknown): value is string {
  return typeof value === "string" && !containsUnknown(value);
}

/** An optional text input of an anchor: a string that is not blank, or left out. `what` says what it names. */
export const optionalText = (what: string) =>
  z
    .string({ error: `must be a string: ${what}` })
    .optional()
    .refine((s) => s === undefined || s.trim() !== "", {
      message: `must not be empty: ${what}, or left out`,
    });
