/**
 * The rules of ESET's group kinds that a declared hierarchy can break without looking at ESET.
 * ESET's spec (`v1Group`): groups linked to an entity (customer, MSP, site, household) "cannot be
 * created, deleted, renamed, or moved" through the API; ESET creates them, e.g. when a customer is
 * onboarded. So a node never declares a linked type: it refers to the existing group as an anchor,
 * and an anchor only sits where nothing managed could delete it (below another anchor or the
 * hierarchy's parent).
 */
import { fullEntityType, LINKED_ENTITY_TYPES, LINKED_ENTITY_TYPE_NAMES } from "./format";
import type { HierarchyProblem, PropertyPath } from "./problems";

/** Fields that describe a managed group; an anchor changes nothing, so they have no meaning there. */
const MANAGED_ONLY_FIELDS = ["description", "linkedEntityType", "forceDestroy"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The full name of a valid linked type other than UNSPECIFIED; undefined otherwise (the schema reports bad values). */
function linkedValue(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const valid: readonly string[] = [...LINKED_ENTITY_TYPE_NAMES, ...LINKED_ENTITY_TYPES];
  if (!valid.includes(value)) return undefined;
  const full = fullEntityType(value as (typeof LINKED_ENTITY_TYPES)[number]);
  return full === "GROUP_ENTITY_TYPE_UNSPECIFIED" ? undefined : full;
}

function nameOf(node: Record<string, unknown>): string {
  return typeof node.name === "string" ? node.name : "(unnamed)";
}

/** Problems with anchors and linked entity types across the whole tree. */
export function declaredAnchorProblems(input: unknown): HierarchyProblem[] {
  if (!isRecord(input)) return [];
  const problems: HierarchyProblem[] = [];
  const visit = (list: unknown, listPath: PropertyPath, managedParent: string | undefined): void => {
    if (!Array.isArray(list)) return;
    list.forEach((node, index) => {
      if (!isRecord(node)) return;
      const nodePath = [...listPath, index];
      const anchor = node.anchor === true;
      if (anchor) {
        for (const field of MANAGED_ONLY_FIELDS) {
          if (node[field] === undefined) continue;
          problems.push({
            path: [...nodePath, field],
            target: "key",
            what: `${field} does not apply to an anchor: an anchor refers to an existing group and never changes it`,
            fix: `remove ${field}`,
          });
        }
        if (managedParent !== undefined) {
          problems.push({
            path: [...nodePath, "anchor"],
            target: "value",
            what: `the anchor "${nameOf(node)}" sits below the managed group "${managedParent}", whose delete would delete the anchored group too`,
            fix: `an anchor's parent is the hierarchy's parent or another anchor: make "${managedParent}" an anchor too, or move this node up`,
          });
        }
      } else {
        const linked = linkedValue(node.linkedEntityType);
        if (linked !== undefined) {
          problems.push({
            path: [...nodePath, "linkedEntityType"],
            target: "value",
            what:
              `linkedEntityType ${String(node.linkedEntityType)}: ESET creates customer, MSP, site and household ` +
              `groups itself (when a customer is onboarded) and ESET Connect cannot create, rename, move or delete them`,
            fix:
              'refer to the existing group as an anchor: replace linkedEntityType with "anchor: true" (and ' +
              '"existingUuid: <its uuid>", see `eset-connect tree`); `eset-connect export` writes anchors for you',
          });
        }
      }
      visit(node.children, [...nodePath, "children"], anchor ? undefined : nameOf(node));
    });
  };
  visit(input.groups, ["groups"], undefined);
  return problems;
}
