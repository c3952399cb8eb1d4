/**
 * Group paths: the names from below the root group "All" down to a group, joined by "/"
 * ("Customers/Acme/Berlin"). A "/" inside a name is written "\/" and a backslash "\\", so every
 * group has exactly one path.
 */

/** The path of a list of names, escaping "/" and "\" inside names. The empty list is "" (All). */
export function formatPath(names: readonly string[]): string {
  return names.map((name) => name.replace(/\\/g, "\\\\").replace(/\//g, "\\/")).join("/");
}

/**
 * The names of a path. A leading "/" is allowed; "" and "/" are the root (no names).
 * An empty name between slashes (`Customers//Acme`) is kept as "" so callers can report it.
 */
export function parsePath(path: string): string[] {
  const text = path.startsWith("/") ? path.slice(1) : path;
  if (text === "") return [];
  const names: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\" && i + 1 < text.length) {
      current += text[++i];
    } else if (char === "/") {
      names.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  names.push(current);
  return names;
}

/** Joins a parent path and a child name into the child's path. */
export function childPath(parentPath: string, name: string): string {
  const own = formatPath([name]);
  return parentPath === "" ? own : `${parentPath}/${own}`;
}
