/**
 * Reading `hierarchy.yaml` with positions. The `yaml` package keeps each node's source range;
 * a LineCounter turns ranges into line:column, so every problem reads `file:line:column: ...`.
 */
import {
  isCollection,
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  type Document,
  type YAMLError,
} from "yaml";
import type { HierarchySpec } from "./format";
import {
  formatProblem,
  HierarchyValidationError,
  type HierarchyProblem,
  type Locate,
  type PropertyPath,
  type ProblemTarget,
} from "./problems";
import { hierarchyProblems } from "./validate";

export interface HierarchyFile {
  /** The validated hierarchy. */
  spec: HierarchySpec;
  /** The file name used in messages. */
  fileName: string;
  /** `file:line:column` of a value (or of a field's name), for messages about this file. */
  locate(path: PropertyPath, target?: ProblemTarget): string;
}

type Range = [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  const range = (node as { range?: Range } | undefined)?.range;
  return Array.isArray(range) ? range : undefined;
}

/** The source offset of a path: the value, the field's name, or the nearest enclosing node. */
function offsetOf(doc: Document, path: PropertyPath, target: ProblemTarget): number {
  if (target === "key" && path.length > 0) {
    const owner = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (isMap(owner)) {
      const pair = owner.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
      const range = rangeOf(pair?.key);
      if (range) return range[0];
    }
  }
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    const range = rangeOf(node);
    if (range && (isScalar(node) || isCollection(node))) return range[0];
  }
  return rangeOf(doc.contents)?.[0] ?? 0;
}

const YAML_FIXES: Partial<Record<YAMLError["code"], string>> = {
  TAB_AS_INDENT: "indent with spaces, not tabs",
  BAD_INDENT: "align the lines of one list or mapping at the same indentation, with spaces",
  MISSING_CHAR: 'add what is missing: a ":" after a field name, a closing quote or bracket',
  MULTIPLE_DOCS: 'keep one document in the file (remove the extra "---")',
};

function yamlErrorLine(error: YAMLError, source: string, place: string): string {
  if (error.code === "DUPLICATE_KEY") {
    const field = /^["']?([^"':\s]+)/.exec(source.slice(error.pos[0]))?.[1] ?? "?";
    return `${place}: field ${JSON.stringify(field)} appears twice in one mapping; keep one of them (YAML would silently drop the other)`;
  }
  const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return `${place}: YAML syntax error: ${what}; ${YAML_FIXES[error.code] ?? "correct the YAML syntax near this place"}`;
}

/**
 * Parses and validates hierarchy YAML. Throws `HierarchyValidationError` listing every problem as
 * `file:line:column: <what is wrong>; <the fix>`.
 * @param fileName Shown in messages. Default: `hierarchy.yaml`.
 */
export function parseHierarchyYaml(source: string, fileName = "hierarchy.yaml"): HierarchyFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const place = (offset: number, form: "long" | "short"): string => {
    const { line, col } = lineCounter.linePos(offset);
    return form === "long" ? `${fileName}:${line}:${col}` : `${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => yamlErrorLine(error, source, place(error.pos[0], "long")));
    const problems: HierarchyProblem[] = doc.errors.map((error) => ({
      path: [],
      target: "value",
      what: error.message,
      fix: "correct the YAML syntax",
    }));
    throw new HierarchyValidationError(problems, lines);
  }
  const locateIn: Locate = (path, target, form) => place(offsetOf(doc, path, target), form);
  const value: unknown = doc.toJS();
  const problems = hierarchyProblems(value).sort(
    (a, b) => offsetOf(doc, a.path, a.target) - offsetOf(doc, b.path, b.target),
  );
  if (problems.length > 0) {
    throw new HierarchyValidationError(
      problems,
      problems.map((problem) => formatProblem(problem, locateIn)),
    );
  }
  return {
    spec: value as HierarchySpec,
    fileName,
    locate: (path, target = "value") => locateIn(path, target, "long"),
  };
}
