/**
 * Node keys: the stable identity of a declared group. Pulumi names each group's resource after its
 * key, so a key that stays the same across edits turns a rename or a move into an in-place update.
 */

/** Letters, digits, ".", "_", "-" in segments joined by "/"; each segment starts with a letter or digit. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * A name reduced to lowercase ASCII letters and digits joined by "-" ("Café Berlin #2" → "cafe-berlin-2").
 * Empty when the name has no such character (e.g. "東京"); such a node needs an explicit key.
 */
export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The key of a node written without one: its parent's key, a slash, and the slug of its name
 * (top-level nodes: the slug alone). Built on the parent's *key*, not its name, so renaming a parent
 * that has an explicit key leaves its children's default keys alone.
 */
export function defaultKey(parentKey: string | undefined, name: string): string {
  const own = slug(name);
  return parentKey ? `${parentKey}/${own}` : own;
}

/** True when `key` may be used as a node key. */
export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}
