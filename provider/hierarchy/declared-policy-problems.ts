/**
 * Problems of a node's `policies:` list found without looking at ESET: the same entry twice. ESET
 * ranks each assignment of a group once, so one policy cannot stand at two ranks; a name and a
 * uuid that turn out to be the same policy are found once the names are resolved
 * (policy-names.ts).
 */
import type { HierarchyProblem, PropertyPath } from "./problems";
import { isUuidReference } from "./uuid-text";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Entries listed twice in one node's `policies`, each reported at its second place. */
export function declaredPolicyProblems(input: unknown): HierarchyProblem[] {
  if (!isRecord(input)) return [];
  const problems: HierarchyProblem[] = [];
  const visit = (list: unknown, listPath: PropertyPath): void => {
    if (!Array.isArray(list)) return;
    list.forEach((node, index) => {
      if (!isRecord(node)) return;
      const nodePath = [...listPath, index];
      if (Array.isArray(node.policies)) {
        const seen = new Map<string, number>();
        node.policies.forEach((entry, at) => {
          if (typeof entry !== "string" || entry.trim() === "") return;
          // Names are compared exactly, as ESET does; uuids in any case.
          const same = isUuidReference(entry) ? entry.trim().toLowerCase() : entry;
          const first = seen.get(same);
          if (first === undefined) {
            seen.set(same, at);
            return;
          }
          problems.push({
            path: [...nodePath, "policies", at],
            target: "value",
            what: `policy ${JSON.stringify(entry)} is listed twice`,
            firstAt: [...nodePath, "policies", first],
            fix: "a group carries each policy once, at one rank: remove one of them",
          });
        });
      }
      visit(node.children, [...nodePath, "children"]);
    });
  };
  visit(input.groups, ["groups"]);
  return problems;
}
