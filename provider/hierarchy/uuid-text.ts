/**
 * Whether a reference is written as a uuid. Pure (no Pulumi, no client), for the validation and the
 * plan; parent-uuid.ts keeps its own copy of the pattern for `parent`, which needs the client anyway.
 */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `text` (trimmed) is a uuid, so it names an object by uuid rather than by name. */
export function isUuidReference(text: string): boolean {
  return UUID_PATTERN.test(text.trim());
}
