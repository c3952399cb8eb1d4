/**
 * Anchors against the live tree: each anchor node must find its group (by `existingUuid`, else by
 * name below its parent) with the declared name and parent, because nothing ever renames or moves
 * an anchor. A managed node must not adopt a linked or special group. Pure: `plan` uses it. The
 * lookup is `GroupAnchor`'s (provider/client/anchor-match.ts); the messages here place each
 * problem in the declared file.
 */
import { matchAnchor } from "../client/anchor-match";
import { isLinked } from "../client/linked-entity";
import type { LiveGroup, LiveTree } from "../client/live-tree";
import type { DeclaredGroup, DeclaredHierarchy } from "./declared";
import {
  formatProblem,
  objectLocator,
  problemListMessage,
  type HierarchyProblem,
  type Locate,
} from "./problems";

const NEVER = "an anchor is never created, renamed or moved by this hierarchy";

/** The live group of every anchor, by key, and the problems of those that do not match ESET. */
export function resolveAnchors(
  declared: DeclaredHierarchy,
  live: LiveTree,
  rootUuid: string,
): { matched: Map<string, LiveGroup>; problems: HierarchyProblem[] } {
  const matched = new Map<string, LiveGroup>();
  const problems: HierarchyProblem[] = [];
  const problem = (node: DeclaredGroup, field: string, what: string, fix: string) =>
    problems.push({ path: [...node.source, field], target: "value", what, fix });
  for (const node of declared.all) {
    if (!node.anchor) {
      const adopted = node.existingUuid ? live.get(node.existingUuid) : undefined;
      if (adopted && (isLinked(adopted.linkedEntityType) || live.isBuiltIn(adopted.uuid))) {
        problem(
          node,
          "existingUuid",
          `existingUuid is ${live.describe(adopted)}, ${isLinked(adopted.linkedEntityType) ? `a group linked to an ESET entity (${adopted.linkedEntityType})` : "a special group of ESET"}, which ESET Connect cannot rename, move or delete`,
          'refer to it as an anchor: add "anchor: true" to this node',
        );
      }
      continue;
    }
    const parentUuid = node.parentKey === undefined ? rootUuid : matched.get(node.parentKey)?.uuid;
    if (parentUuid === undefined) continue; // its parent anchor's problem explains it
    const match = matchAnchor(live, { uuid: node.existingUuid, parentUuid, name: node.name });
    if ("missing" in match) {
      if (match.missing === "uuid") {
        problem(
          node,
          "existingUuid",
          `the anchor's group ${node.existingUuid} is not in ESET (deleted there, or a wrong uuid)`,
          `fix existingUuid (\`eset-connect tree\` lists the groups); ${NEVER}`,
        );
      } else {
        const parent = match.missing === "name" ? live.describe(match.parent) : parentUuid;
        problem(
          node,
          "name",
          `no group named "${node.name}" is below ${parent} in ESET: the anchor is missing, or was renamed or moved there`,
          `write its current name and place, or its existingUuid (\`eset-connect tree\` lists the groups); ${NEVER}`,
        );
      }
      continue;
    }
    const group = match.found;
    if (match.renamed) {
      problem(
        node,
        "name",
        `the anchor's group ${group.uuid} is called "${group.displayName}" in ESET, not "${node.name}" (renamed there?)`,
        `write name: "${group.displayName}", or rename the group back in ESET; ${NEVER}`,
      );
    } else if (match.moved) {
      const parent = live.get(parentUuid);
      problem(
        node,
        "existingUuid",
        `the anchor's group ${live.describe(group)} is not below ${parent ? live.describe(parent) : parentUuid} in ESET (moved there?)`,
        `declare it under its current parent, or move the group back in ESET; ${NEVER}`,
      );
    } else {
      matched.set(node.key, group);
    }
  }
  return { matched, problems };
}

/** Thrown by `planHierarchy` when anchors do not match ESET; lists every problem, one a line. */
export class HierarchyAnchorError extends Error {
  constructor(
    readonly problems: readonly HierarchyProblem[],
    readonly lines: readonly string[],
  ) {
    super(problemListMessage("The hierarchy does not match ESET", lines));
    this.name = "HierarchyAnchorError";
  }
}

/** Throws HierarchyAnchorError when there are problems, each placed with `locate`. */
export function throwAnchorProblems(
  problems: readonly HierarchyProblem[],
  locate: Locate = objectLocator(),
): void {
  if (problems.length === 0) return;
  throw new HierarchyAnchorError(
    problems,
    problems.map((problem) => formatProblem(problem, locate)),
  );
}
