/** Validation of a declared hierarchy given as a value (parsed YAML or a TypeScript object). */
import { hierarchySpecSchema, type HierarchySpec } from "./format";
import {
  formatProblem,
  HierarchyValidationError,
  objectLocator,
  type HierarchyProblem,
  type PropertyPath,
} from "./problems";
import { schemaProblems } from "./schema-problems";
import { declaredTreeProblems } from "./declared-tree-problems";
import { declaredAnchorProblems } from "./declared-anchor-problems";
import { declaredPolicyProblems } from "./declared-policy-problems";

function comparePaths(a: PropertyPath, b: PropertyPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === "number" && typeof b[i] === "number") return (a[i] as number) - (b[i] as number);
    return 0; // different fields of one mapping: keep the order the rules found them in
  }
  return a.length - b.length;
}

/** Every problem in `input`, shape and tree rules together, in document order. */
export function hierarchyProblems(input: unknown): HierarchyProblem[] {
  const parsed = hierarchySpecSchema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : schemaProblems(parsed.error.issues, input)),
    ...declaredTreeProblems(input),
    ...declaredAnchorProblems(input),
    ...declaredPolicyProblems(input),
  ];
  return problems.sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * Checks a hierarchy given as a TypeScript value and returns it typed, or throws
 * `HierarchyValidationError` naming each problem by its property path (`groups[0].children[1].name`).
 * @param what Names the value in messages, e.g. `Hierarchy "msp"`. Default: none.
 */
export function validateHierarchy(input: unknown, what?: string): HierarchySpec {
  const problems = hierarchyProblems(input);
  if (problems.length > 0) {
    const locate = objectLocator(what);
    throw new HierarchyValidationError(
      problems,
      problems.map((problem) => formatProblem(problem, locate)),
    );
  }
  return input as HierarchySpec;
}
