/**
 * A problem found in a declared hierarchy, and how it is shown. Problems carry a property path, not
 * a position, so one set of rules serves YAML files (shown as `file:line:column`) and TypeScript
 * objects (shown as `groups[0].children[1].name`).
 */

/** Property names and list indexes from the top of the hierarchy down to a value. */
export type PropertyPath = readonly (string | number)[];

/** Whether a problem points at a field's value or at the field's name (an unknown field). */
export type ProblemTarget = "value" | "key";

export interface HierarchyProblem {
  /** Where the problem is. */
  path: PropertyPath;
  target: ProblemTarget;
  /** What is wrong, e.g. `duplicate sibling name "Berlin"`. */
  what: string;
  /** How to fix it, e.g. `rename one of them`. */
  fix: string;
  /** For duplicates: where the first occurrence is. */
  firstAt?: PropertyPath;
}

/** Turns a path into a place: `long` for the start of a message, short for "(first at ...)". */
export type Locate = (path: PropertyPath, target: ProblemTarget, form: "long" | "short") => string;

/** `<place>: <what is wrong>; <the fix>`. */
export function formatProblem(problem: HierarchyProblem, locate: Locate): string {
  const first = problem.firstAt ? ` (first at ${locate(problem.firstAt, "value", "short")})` : "";
  return `${locate(problem.path, problem.target, "long")}: ${problem.what}${first}; ${problem.fix}`;
}

/** `groups[0].children[1].name`, the place of a value in a TypeScript object. */
export function propertyPathText(path: PropertyPath): string {
  let text = "";
  for (const part of path) {
    text += typeof part === "number" ? `[${part}]` : text === "" ? part : `.${part}`;
  }
  return text === "" ? "(hierarchy)" : text;
}

/** The locator for TypeScript objects, prefixed with what the object is (e.g. `Hierarchy "msp"`). */
export function objectLocator(prefix?: string): Locate {
  return (path, _target, form) =>
    form === "long" && prefix ? `${prefix} ${propertyPathText(path)}` : propertyPathText(path);
}

/** `<title>: <the one line>`, or `<title> (N problems):` and the lines indented below. */
export function problemListMessage(title: string, lines: readonly string[]): string {
  return lines.length === 1
    ? `${title}: ${lines[0]}`
    : `${title} (${lines.length} problems):\n${lines.map((line) => `  ${line}`).join("\n")}`;
}

/**
 * Thrown when a declared hierarchy is invalid. The message lists every problem, one a line, each
 * with its place and its fix.
 */
export class HierarchyValidationError extends Error {
  constructor(
    /** The problems, in file order. */
    readonly problems: readonly HierarchyProblem[],
    /** The problems as shown to the user, one string each. */
    readonly lines: readonly string[],
  ) {
    super(problemListMessage("Invalid hierarchy", lines));
    this.name = "HierarchyValidationError";
  }
}
