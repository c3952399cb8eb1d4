// The `ignoreChanges` resource option, done the way the engine does it: before `check`, each
// ignored path in the new inputs takes the value the old inputs had (or is removed when the old
// inputs had none), so neither `diff` nor an update ever sees the program's value. Paths use
// Pulumi's property-path syntax: `a`, `a.b`, `a[0]`, `a["key.with.dots"]`, `*` and `[*]`.
// https://www.pulumi.com/docs/iac/concepts/resources/options/ignorechanges/
// https://www.pulumi.com/docs/reference/property-paths/
import { isSecret, makeSecret, type PropertyMap, type Value } from "./properties";

export type PathSegment = string | number | "*";

/** Parses one property path; throws an error naming the path and the fault. */
export function parsePropertyPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`ignoreChanges path "${path}" is not a property path: ${why}`);
  };
  while (i < path.length) {
    const c = path[i];
    if (c === "[") {
      const close = path.indexOf("]", i);
      if (close < 0) fail("missing ]");
      const inner = path.slice(i + 1, close);
      if (inner === "*") segments.push("*");
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) segments.push(JSON.parse(inner) as string);
      else fail(`[${inner}] is neither an index, "*" nor a quoted key`);
      i = close + 1;
      if (path[i] === ".") i++;
    } else {
      let end = i;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
      const name = path.slice(i, end);
      if (name === "") fail("empty segment");
      segments.push(name === "*" ? "*" : name);
      i = end < path.length && path[end] === "." ? end + 1 : end;
      if (path[end] === "." && i === path.length) fail("ends with a dot");
    }
  }
  if (segments.length === 0) fail("empty path");
  return segments;
}

type Container = Value[] | { [key: string]: Value };

function childKeys(v: Value | undefined): (string | number)[] {
  if (Array.isArray(v)) return v.map((_, i) => i);
  if (v && typeof v === "object") return Object.keys(v);
  return [];
}

function getChild(v: Value | undefined, key: string | number): Value | undefined {
  if (isSecret(v)) return getChild(v.value, key);
  if (Array.isArray(v)) return typeof key === "number" ? v[key] : undefined;
  if (v && typeof v === "object") return typeof key === "string" ? v[key] : undefined;
  return undefined;
}

function clone<T extends Value>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Copies `segments` from `olds` into `news` (mutating `news`). */
function copyPath(olds: Value | undefined, news: Container, segments: PathSegment[]): void {
  const [head, ...rest] = segments;
  const keys = head === "*" ? [...new Set([...childKeys(olds), ...childKeys(news)])] : [head];
  for (const key of keys) {
    const oldChild = getChild(olds, key);
    if (rest.length === 0) {
      if (Array.isArray(news)) {
        if (typeof key !== "number") continue;
        if (oldChild === undefined) {
          if (key < news.length) news.splice(key, 1);
        } else news[key] = clone(oldChild);
      } else if (typeof key === "string") {
        if (oldChild === undefined) delete news[key];
        else news[key] = clone(oldChild);
      }
      continue;
    }
    let newChild = Array.isArray(news)
      ? typeof key === "number"
        ? news[key]
        : undefined
      : news[key as string];
    if (newChild === undefined || newChild === null || typeof newChild !== "object") continue;
    if (isSecret(newChild)) {
      // Descend into the secret's value and keep it secret.
      const inner = clone(newChild.value);
      if (inner && typeof inner === "object") copyPath(oldChild, inner as Container, rest);
      newChild = makeSecret(inner);
      if (Array.isArray(news)) news[key as number] = newChild;
      else news[key as string] = newChild;
      continue;
    }
    copyPath(oldChild, newChild as Container, rest);
  }
}

/** Returns the new inputs with every ignored path taken from the old inputs. */
export function applyIgnoreChanges(olds: PropertyMap, news: PropertyMap, paths: string[]): PropertyMap {
  const result = clone(news);
  for (const path of paths) copyPath(olds, result, parsePropertyPath(path));
  return result;
}
