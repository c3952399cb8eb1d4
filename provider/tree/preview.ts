/**
 * The preview path: the tree rules run early, in `check` (creates, adoptions, new GPO/SCCM files)
 * and in `diff` (renames and moves), which `pulumi preview` calls, so preview refuses what
 * `pulumi up` would fail on. One listing serves every resource of the run (TREE_FRESHNESS.wholeRun;
 * the client patches it with the run's writes), and a break seen there is confirmed on a young
 * listing before it fails anything. The callers decide which values are known: values not known in
 * preview (outputs of groups not created yet) are checked when `up` knows them.
 */
import type { EsetConnectClient, GroupTree } from "../client";
import { TREE_FRESHNESS, type TreeFreshness } from "../client/freshness";
import { Claimant, runClaims } from "./claims";
import { confirmedBreaks } from "./guard";
import { Placement, TreeRuleBreak, groupText } from "./rules";

/**
 * The rules broken in the run's listing, as `breaksIn` judges them; undefined without a client
 * (no settings yet: `check` and `diff` work without credentials, and the rules wait for `up`).
 */
export async function previewBreaks(
  client: EsetConnectClient | undefined,
  breaksIn: (tree: GroupTree) => TreeRuleBreak[],
  freshness: TreeFreshness = TREE_FRESHNESS.wholeRun,
): Promise<{ tree: GroupTree; breaks: TreeRuleBreak[] } | undefined> {
  return client && confirmedBreaks(client, freshness, breaksIn);
}

/** Rules that need the whole new placement: left out while half of it is not known yet. */
export function withoutPlacementRules(breaks: TreeRuleBreak[]): TreeRuleBreak[] {
  return breaks.filter((b) => b.rule !== "name-taken" && b.rule !== "no-order");
}

function claimantText(tree: GroupTree, who: Claimant): string {
  if (who.kind === "create") return "a new group";
  const group = tree.byUuid.get(who.uuid);
  return `group ${group ? `"${group.displayName}" ` : ""}(${who.uuid}), renamed or moved there`;
}

/**
 * Claims `at` for `who` among the resources of this run (claims.ts); the rule it breaks when
 * another resource of the run already claimed it.
 */
export function claimBreak(tree: GroupTree, at: Placement, who: Claimant, property: string): TreeRuleBreak[] {
  const other = runClaims().claim(at, who);
  if (!other) return [];
  return [
    {
      rule: "name-taken",
      property,
      reason:
        `another resource of this stack (${claimantText(tree, other)}) also puts a group named ` +
        `"${at.displayName}" under ${groupText(tree, at.parentGroupUuid)} in this run, and ESET refuses two ` +
        `siblings with one name. Give one of them another displayName or parent.`,
    },
  ];
}
