/**
 * Finding the group a `GroupAnchor` refers to, from one listing: by uuid, by path, or by name under
 * a parent; every name or parent the program gives must match the live group. Pure: the caller
 * reads the tree. An anchor is never created, renamed or moved, so a mismatch is a failure that
 * says what ESET holds and what to write instead.
 */
import type { GroupTree } from "../../client";
import { matchAnchor } from "../../client/anchor-match";
import { LiveTree } from "../../client/live-tree";
import { toAssetEntityType } from "../../client/linked-entity";
import { CheckFailure, Props, containsUnknown } from "../inputs";
import type { AnchorState } from "./state";

const NEVER_CHANGED =
  "an anchor refers to an existing group and is never created, renamed, moved or deleted by this stack";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * The live group for `request` (checked inputs), or the failures that explain why it does not match.
 * `unknown` when an input that identifies the group is not known yet (preview).
 */
export function resolveAnchor(
  tree: GroupTree,
  request: Props,
): { state: AnchorState; failures: [] } | { state?: undefined; failures: CheckFailure[]; unknown?: boolean } {
  const identifying = ["uuid", "path", "parentGroupUuid"] as const;
  if (identifying.some((key) => containsUnknown(request[key]))) return { failures: [], unknown: true };
  const live = new LiveTree(tree.groups);
  const uuid = text(request.uuid);
  const path = text(request.path);
  const parentGroupUuid = text(request.parentGroupUuid);
  const displayName = containsUnknown(request.displayName) ? undefined : text(request.displayName);
  const match = matchAnchor(live, { uuid, path, parentUuid: parentGroupUuid, name: displayName });
  if ("missing" in match) {
    switch (match.missing) {
      case "uuid":
        return fail(
          "uuid",
          `${uuid} is not a group of this tenant: the anchored group is missing (deleted in ESET, or a wrong uuid). ` +
            `Fix the uuid (\`eset-connect tree\` lists the groups); ${NEVER_CHANGED}.`,
        );
      case "path":
        return fail(
          "path",
          `"${path}" matches no group of this tenant: the anchored group is missing, or was renamed or moved in ESET. ` +
            `Fix the path (\`eset-connect tree\` lists the groups); ${NEVER_CHANGED}.`,
        );
      case "parent":
        return fail(
          "parentGroupUuid",
          `${parentGroupUuid} is not a group of this tenant, so the anchor's group cannot be found below it. ` +
            `Give the uuid of the anchored group's parent, or the anchor's uuid or path.`,
        );
      case "name":
        return fail(
          "displayName",
          `no group named "${displayName}" is below ${live.describe(match.parent)}: the anchored group is missing, or was ` +
            `renamed or moved in ESET. Write its current name and place (\`eset-connect tree\` lists the groups); ` +
            `${NEVER_CHANGED}.`,
        );
    }
  }
  const group = match.found;
  const failures: CheckFailure[] = [];
  if (match.renamed) {
    failures.push({
      property: "displayName",
      reason:
        `is "${displayName}", but the anchored group ${group.uuid} is called "${group.displayName}" in ESET ` +
        `(renamed there?): ${NEVER_CHANGED}. Write "${group.displayName}" (in a hierarchy: its name), ` +
        `or rename the group back in ESET.`,
    });
  }
  if (match.moved) {
    const actual = group.parentGroupUuid ? live.get(group.parentGroupUuid) : undefined;
    failures.push({
      property: "parentGroupUuid",
      reason:
        `is ${parentGroupUuid}, but the anchored group ${live.describe(group)} sits below ` +
        `${actual ? live.describe(actual) : "no parent"} in ESET (moved there?): ${NEVER_CHANGED}. ` +
        `Declare it under its current parent, or move the group back in ESET.`,
    });
  }
  if (failures.length > 0) return { failures };
  return {
    state: {
      uuid: group.uuid,
      displayName: group.displayName,
      parentGroupUuid: group.parentGroupUuid ?? "",
      linkedEntityType: toAssetEntityType(group.linkedEntityType ?? "GROUP_ENTITY_TYPE_UNSPECIFIED"),
      path: live.pathOf(group.uuid),
    },
    failures: [],
  };
}

function fail(property: string, reason: string): { failures: CheckFailure[] } {
  return { failures: [{ property, reason }] };
}
