/**
 * Turns zod's shape issues into problems a user can act on: the field, what it holds, what it
 * should hold, and the edit that fixes it. zod's own texts ("Invalid input: expected string,
 * received number") say neither which group nor what to write.
 */
import type { z } from "zod";
import { LINKED_ENTITY_TYPE_NAMES, NODE_FIELDS, SPEC_FIELDS } from "./format";
import type { HierarchyProblem, PropertyPath } from "./problems";
import { closest } from "../../shared/suggest";

type Issue = z.core.$ZodIssue;

/** The value at `path` inside `root`, or undefined when the path leads nowhere. */
export function valueAt(root: unknown, path: PropertyPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/** How a YAML value reads to a user: `the number 12`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return String(value);
  return `the ${typeof value} ${String(value)}`;
}

const REQUIRED_FIXES: Record<string, string> = {
  name: 'every group needs a name: add "name: <display name>"',
  groups: 'list the top-level groups under "groups:", each starting with "- name:"',
};

function fieldOf(path: PropertyPath): string | number | undefined {
  return path[path.length - 1];
}

/** True for `policies` itself (`entry` false) or one of its entries (`entry` true). */
function isPoliciesPath(path: PropertyPath, entry: boolean): boolean {
  return entry
    ? typeof fieldOf(path) === "number" && path[path.length - 2] === "policies"
    : fieldOf(path) === "policies";
}

const POLICIES_FIX =
  'list them under "policies:", one a line starting with "- ", each a policy\'s display name or uuid, first = rank 1 (highest priority)';

/** `policies` that is not a list of texts, or an entry that is blank. */
function policiesProblem(path: PropertyPath, input: unknown): HierarchyProblem {
  if (isPoliciesPath(path, false)) {
    return {
      path,
      target: "value",
      what: `policies must be a list of policy names or uuids, not ${describeValue(input)}`,
      fix:
        input === null
          ? `${POLICIES_FIX}; write "policies: []" for a group that carries no policy, or remove the field to leave its policies alone`
          : POLICIES_FIX,
    };
  }
  const entry = `policies[${String(fieldOf(path))}]`;
  if (typeof input === "string") {
    return {
      path,
      target: "value",
      what: `${entry} is ${input.length === 0 ? "empty" : "only spaces"}`,
      fix: "write the policy's display name as ESET PROTECT shows it, or its uuid",
    };
  }
  return {
    path,
    target: "value",
    what: `${entry} must be a policy's display name or uuid, not ${describeValue(input)}`,
    fix: `write it as text; quote names that YAML reads otherwise, e.g. - "${String(input ?? "")}"`,
  };
}

function typeProblem(issue: Issue & { code: "invalid_type" }, input: unknown): HierarchyProblem {
  const path = issue.path as PropertyPath;
  const field = fieldOf(path);
  if (isPoliciesPath(path, false) || isPoliciesPath(path, true)) return policiesProblem(path, input);
  const got = describeValue(input);
  if (field === undefined) {
    return {
      path,
      target: "value",
      what: `the hierarchy must be a mapping with "groups" (and optionally "parent"), not ${got}`,
      fix: 'start the file with "groups:" and list the top-level groups under it',
    };
  }
  if (typeof field === "number") {
    return {
      path,
      target: "value",
      what: `a group must be a mapping with a name, not ${got}`,
      fix: 'write each group as "- name: <display name>", its other fields indented below',
    };
  }
  if (input === undefined) {
    return { path, target: "value", what: `${field} is missing`, fix: REQUIRED_FIXES[field] ?? "add it" };
  }
  if (issue.expected === "array") {
    return {
      path,
      target: "value",
      what: `${field} must be a list of groups, not ${got}`,
      fix:
        input === null
          ? `list the groups under "${field}:", each starting with "- name:", or remove the field`
          : `write each group on its own line starting with "- name:"`,
    };
  }
  if (issue.expected === "boolean") {
    return {
      path,
      target: "value",
      what: `${field} must be true or false, not ${got}`,
      fix: `write "${field}: true" or "${field}: false" (without quotes)`,
    };
  }
  return {
    path,
    target: "value",
    what: `${field} must be text, not ${got}`,
    fix: `write it as text; quote values that YAML reads otherwise, e.g. ${field}: "${String(input ?? "")}"`,
  };
}

/** The short form of what a user may have meant: "customer", "GROUP_ENTITY_TYPE_CUSTOMER" or device management's "..._COMPANY". */
function entityShortForm(value: string): string {
  return value
    .toUpperCase()
    .replace(/^DEVICE_GROUP_ENTITY_TYPE_|^GROUP_ENTITY_TYPE_/, "")
    .replace(/^COMPANY$/, "CUSTOMER");
}

function enumProblem(issue: Issue & { code: "invalid_value" }, input: unknown): HierarchyProblem {
  const path = issue.path as PropertyPath;
  const field = String(fieldOf(path));
  const valid = `${LINKED_ENTITY_TYPE_NAMES.join(", ")} (or the API's full names, e.g. GROUP_ENTITY_TYPE_CUSTOMER)`;
  const guess =
    typeof input === "string" ? closest(entityShortForm(input), LINKED_ENTITY_TYPE_NAMES) : undefined;
  return {
    path,
    target: "value",
    what: `${field} ${describeValue(input).replace(/^the text /, "")} is not a valid value`,
    fix: guess ? `did you mean ${guess}? Valid values: ${valid}` : `use one of ${valid}`,
  };
}

function unknownFieldProblems(issue: Issue & { code: "unrecognized_keys" }): HierarchyProblem[] {
  const parentPath = issue.path as PropertyPath;
  const known: readonly string[] = parentPath.length === 0 ? SPEC_FIELDS : NODE_FIELDS;
  const owner = parentPath.length === 0 ? "the hierarchy's top-level fields" : "a group's fields";
  return issue.keys.map((key) => {
    const guess = closest(key, known);
    return {
      path: [...parentPath, key],
      target: "key" as const,
      what: `unknown field ${JSON.stringify(key)}`,
      fix: guess ? `did you mean "${guess}"?` : `${owner} are ${known.join(", ")}`,
    };
  });
}

const EMPTY_FIXES: Record<string, string> = {
  name: "give the group its display name",
  existingUuid: "give the uuid of the group to adopt (see `eset-connect tree`), or remove the field",
  parent:
    'give the uuid or the path (e.g. "Customers/Europe") of the group to build under, or remove the field to build under All',
};

/** Problems for every zod issue, with the input values looked up in `input`. */
export function schemaProblems(issues: readonly Issue[], input: unknown): HierarchyProblem[] {
  const problems: HierarchyProblem[] = [];
  // A misspelt required field ("nmae") also shows up as that field missing; its "did you mean"
  // already says what to do, so the "missing" line is left out.
  const suggested = new Set(
    issues
      .flatMap((issue) => (issue.code === "unrecognized_keys" ? unknownFieldProblems(issue) : []))
      .filter((problem) => problem.fix.startsWith("did you mean"))
      .map((problem) => JSON.stringify([...problem.path.slice(0, -1), problem.fix.split('"')[1]])),
  );
  for (const issue of issues) {
    const path = issue.path as PropertyPath;
    const value = valueAt(input, path);
    if (issue.code === "invalid_type" && value === undefined && suggested.has(JSON.stringify(path))) continue;
    if (issue.code === "invalid_type") problems.push(typeProblem(issue, value));
    else if (isPoliciesPath(path, true) && typeof value === "string")
      problems.push(policiesProblem(path, value));
    else if (issue.code === "invalid_value") problems.push(enumProblem(issue, value));
    else if (issue.code === "unrecognized_keys") problems.push(...unknownFieldProblems(issue));
    else if ((issue.code === "too_small" || issue.code === "custom") && typeof value === "string") {
      const field = String(fieldOf(path));
      problems.push({
        path,
        target: "value",
        what: value.length === 0 ? `${field} is empty` : `${field} is only spaces`,
        fix: EMPTY_FIXES[field] ?? "fill it in",
      });
    } else {
      problems.push({
        path,
        target: "value",
        what: issue.message,
        fix: "see docs/hierarchy.md for the format",
      });
    }
  }
  return problems;
}
