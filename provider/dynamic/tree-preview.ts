/**
 * The tree rules run early: in `check` (creates, adoptions, new GPO/SCCM files) and in `diff`
 * (renames and moves), which `pulumi preview` calls, so preview refuses what `pulumi up` would
 * fail on. One listing serves every resource of the run, and it is made only when some change has
 * a known parent: a preview with nothing to create, rename or move makes no call. Values not known
 * in preview (outputs of groups not created yet) are checked when `up` knows them.
 */
import { EsetConnectClient, GroupTree, isConfigError } from "../client";
import { groupStateFrom } from "./group-inputs";
import { CheckFailure, Props, UNKNOWN, containsUnknown } from "./inputs";
import { describeGroup } from "./report";
import { Claimant, runClaims } from "./run-claims";
import { esetClient } from "./settings";
import { clientUuidCandidates } from "../client/client-uuid";
import { orphanReason } from "./group-create-recovery";
import { Placement, TreeRuleBreak, TreeRuleError, groupText, treeRuleBreaks } from "./tree-checks";
import { confirmedBreaks } from "./tree-decisions";
import { TREE_FRESHNESS } from "../client/freshness";

const known = (v: unknown): v is string => typeof v === "string" && !containsUnknown(v) && v !== UNKNOWN;

/** The process's client, or undefined without settings (then the checks wait for `up`). */
function clientIfConfigured(): EsetConnectClient | undefined {
  try {
    return esetClient();
  } catch (error) {
    // `check` and `diff` work without credentials; the first call that needs ESET names them.
    if (isConfigError(error)) return undefined;
    throw error;
  }
}

/** The rules a change breaks in the run's tree, a break confirmed on a young listing (tree-decisions.ts). */
async function runTreeBreaks(
  breaksIn: (tree: GroupTree) => TreeRuleBreak[],
): Promise<{ tree: GroupTree; breaks: TreeRuleBreak[] } | undefined> {
  const client = clientIfConfigured();
  return client && confirmedBreaks(client, TREE_FRESHNESS.wholeRun, breaksIn);
}

function claimantText(tree: GroupTree, who: Claimant): string {
  if (who.kind === "create") return "a new group";
  const group = tree.byUuid.get(who.uuid);
  return `group ${group ? `"${group.displayName}" ` : ""}(${who.uuid}), renamed or moved there`;
}

/** The claim of `at` for `who`, or the rule it breaks when another resource of this run claimed it. */
function claimBreak(tree: GroupTree, at: Placement, who: Claimant, property: string): TreeRuleBreak[] {
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

/** True when the stack opted into taking over empty same-named groups (eset:adoptEmptyGroupsOnCreate). */
function adoptsEmptyGroups(): boolean {
  try {
    return esetClient().config.adoptEmptyGroupsOnCreate === true;
  } catch {
    return false;
  }
}

/** Tree rules of a Group's `check`: for a create or an adoption whose parent is known. */
export async function groupCheckTreeFailures(olds: Props, inputs: Props): Promise<CheckFailure[]> {
  const name = inputs.displayName;
  const parent = inputs.parentGroupUuid;
  if (typeof olds.displayName === "string") {
    // An update: its rules need the group's uuid, which `diff` has.
    if (known(name) && known(parent))
      runClaims().noteCheckedUpdate({ displayName: name, parentGroupUuid: parent });
    return [];
  }
  if (!known(parent)) return [];
  const adopt = inputs.existingUuid;
  if (adopt !== undefined && !known(adopt)) return [];
  const to = { displayName: known(name) ? name : "", parentGroupUuid: parent };
  const judged = await runTreeBreaks((tree) => {
    let breaks: TreeRuleBreak[];
    if (known(adopt)) {
      const live = tree.byUuid.get(adopt);
      const from = live ? { displayName: live.displayName, parentGroupUuid: live.parentGroupUuid ?? "" } : to;
      breaks = treeRuleBreaks(tree, { kind: "place", uuid: adopt, from, to, adopting: true });
    } else {
      const clientUuid = typeof inputs.clientUuid === "string" ? inputs.clientUuid : undefined;
      const ownUuids = clientUuid ? clientUuidCandidates(clientUuid) : [];
      breaks = treeRuleBreaks(tree, { kind: "create", to, ownUuids }).map((b) => {
        if (b.rule !== "name-taken" || !clientUuid) return b;
        // The same words as the create would use: the clash may be an interrupted run's orphan.
        const clashes = tree
          .childrenOf(to.parentGroupUuid)
          .filter((g) => g.displayName === to.displayName && !ownUuids.includes(g.uuid))
          .map((g) => g.uuid);
        const urn = typeof inputs.resourceUrn === "string" ? inputs.resourceUrn : undefined;
        return { ...b, reason: orphanReason(tree, { ...to, clientUuid, resourceUrn: urn }, clashes) };
      });
      // With the opt-in, the create itself decides whether the same-named group is an empty orphan.
      if (adoptsEmptyGroups()) breaks = breaks.filter((b) => b.rule !== "name-taken");
    }
    return known(name) ? breaks : breaks.filter((b) => b.rule !== "name-taken" && b.rule !== "no-order");
  });
  if (!judged) return [];
  const { tree } = judged;
  let { breaks } = judged;
  if (known(name) && breaks.length === 0) {
    const who: Claimant = known(adopt) ? { kind: "group", uuid: adopt } : runClaims().newGroup();
    breaks = claimBreak(tree, to, who, "displayName");
  }
  return breaks.map(({ property, reason }) => ({ property, reason }));
}

/**
 * Tree rules of a Group's `diff` for a rename or move whose new values are known; throws a
 * TreeRuleError naming the input. Skipped for a `diff` that no `check` of this run preceded
 * (the engine's refresh), which must not fail on a rule.
 */
export async function assertGroupPlacement(id: string, olds: Props, news: Props): Promise<void> {
  const name = news.displayName;
  const parent = news.parentGroupUuid;
  if (!known(name) && !known(parent)) return;
  if (
    known(name) &&
    known(parent) &&
    !runClaims().takeCheckedUpdate({ displayName: name, parentGroupUuid: parent })
  ) {
    return;
  }
  const before = groupStateFrom(olds);
  const from = { displayName: before.displayName, parentGroupUuid: before.parentGroupUuid };
  const to = {
    displayName: known(name) ? name : from.displayName,
    parentGroupUuid: known(parent) ? parent : from.parentGroupUuid,
  };
  if (to.displayName === from.displayName && to.parentGroupUuid === from.parentGroupUuid) return;
  const judged = await runTreeBreaks((tree) => {
    const breaks = treeRuleBreaks(tree, { kind: "place", uuid: id, from, to });
    // Half the placement still unknown: only the rules of the known half can be judged.
    if (!known(name) || !known(parent))
      return breaks.filter((b) => b.rule !== "name-taken" && b.rule !== "no-order");
    return breaks;
  });
  if (!judged) return;
  const { tree } = judged;
  let { breaks } = judged;
  if (known(name) && known(parent) && breaks.length === 0) {
    const property = to.displayName !== from.displayName ? "displayName" : "parentGroupUuid";
    breaks = claimBreak(tree, to, { kind: "group", uuid: id }, property);
  }
  if (breaks.length > 0) throw new TreeRuleError(describeGroup(id, before.displayName), breaks);
}

/** Tree rules of a GpoSccmFile's `check`: a new file's security group must exist and be static. */
export async function gpoSccmFileCheckTreeFailures(olds: Props, inputs: Props): Promise<CheckFailure[]> {
  const group = inputs.securityGroupUuid;
  if (!known(group) || olds.securityGroupUuid === group) return [];
  const judged = await runTreeBreaks((tree) =>
    treeRuleBreaks(tree, { kind: "enrol", securityGroupUuid: group }),
  );
  return (judged?.breaks ?? []).map(({ property, reason }) => ({ property, reason }));
}
