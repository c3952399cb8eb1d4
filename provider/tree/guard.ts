/**
 * The guard around every write to the tree: decisions from the live tree, not from status codes.
 * Before a write, the tree rules are checked against a listing of the freshness the write asks for
 * (TreeRuleError names the input). When ESET still refuses a write with a user-error status (client/user-errors.ts:
 * 400, 403, 404 or 409; ESET's error_codes page says its domain services answer 403 for all user errors, and
 * 403 is also the status of a missing permission), a fresh listing decides what happened: done by
 * an earlier attempt, a rule broken by a change made meanwhile, or neither (then ESET's answer
 * stands, with what a 403 can mean).
 *
 * Each rule is decided once per listing: the rules are pure functions of the tree and the change,
 * and a listing is an immutable tree (the client hands out a new one for every listing and every
 * write of this process), so the verdict on a tree is remembered with it. `diff` and the `update`
 * after it judge one rename on the same listing once; a newer listing (the engine may run them far
 * apart, and the tree may change by hand between them) is judged again, and so is the fresh
 * listing after a refusal.
 */
import { EsetConnectClient, GroupTree, isUserError } from "../client";
import { TREE_FRESHNESS, type TreeFreshness } from "../client/freshness";
import { TreeChange, TreeRuleBreak, TreeRuleError, treeRuleBreaks } from "./rules";

const verdicts = new WeakMap<GroupTree, Map<string, TreeRuleBreak[]>>();

/** The rules `change` breaks in `tree`, each decided once per listing (see above). */
export function ruleBreaks(tree: GroupTree, change: TreeChange): TreeRuleBreak[] {
  let known = verdicts.get(tree);
  if (!known) {
    known = new Map();
    verdicts.set(tree, known);
  }
  const key = JSON.stringify(change);
  let breaks = known.get(key);
  if (!breaks) {
    breaks = treeRuleBreaks(tree, change);
    known.set(key, breaks);
  }
  return breaks;
}

/**
 * The rules broken by a change, judged on a listing of the given freshness; a break seen there is
 * judged again on one at most TREE_FRESHNESS.confirm old (checks of the same moment share it), so
 * a group renamed, moved or deleted by hand since the older listing does not fail the change.
 */
export async function confirmedBreaks<B>(
  client: EsetConnectClient,
  freshness: TreeFreshness,
  breaksIn: (tree: GroupTree) => B[],
): Promise<{ tree: GroupTree; breaks: B[] }> {
  let tree = await client.readTree(freshness);
  let breaks = breaksIn(tree);
  if (breaks.length > 0 && (freshness.maxAgeMs ?? 0) > TREE_FRESHNESS.confirm.maxAgeMs) {
    tree = await client.readTree(TREE_FRESHNESS.confirm);
    breaks = breaksIn(tree);
  }
  return { tree, breaks };
}

/**
 * Before a write: the listing (confirmed as above) when `change` breaks no rule; else throws a
 * TreeRuleError naming the input. `ignore` leaves out rules the caller decides itself.
 */
export async function guardWrite(
  client: EsetConnectClient,
  freshness: TreeFreshness,
  subject: string,
  change: TreeChange,
  ignore: readonly TreeRuleBreak["rule"][] = [],
): Promise<GroupTree> {
  const { tree, breaks } = await confirmedBreaks(client, freshness, (t) =>
    ruleBreaks(t, change).filter((b) => !ignore.includes(b.rule)),
  );
  if (breaks.length > 0) throw new TreeRuleError(subject, breaks);
  return tree;
}

/** What a 403 leaves open once a fresh listing shows no broken rule. */
export const FORBIDDEN_NOTE =
  "ESET answers 403 for a request that breaks one of its rules as well as for a missing permission; a fresh " +
  "listing shows no rule this change breaks, so check that the API user has the Integrations right and access " +
  "to the groups involved";

/**
 * After a refusal: the error to report, judged against a fresh listing. `done` says whether the
 * listing shows the change already made (an earlier attempt whose answer was lost): then
 * undefined is returned and the caller carries on.
 */
export async function judgeRefusal(
  client: EsetConnectClient,
  error: unknown,
  subject: string,
  change: TreeChange,
  done?: (tree: GroupTree) => boolean,
): Promise<Error | undefined> {
  if (!isUserError(error)) return error as Error;
  const tree = await client.readTree(TREE_FRESHNESS.fresh);
  if (done?.(tree)) return undefined;
  const breaks = ruleBreaks(tree, change);
  if (breaks.length > 0) return new TreeRuleError(subject, breaks, `(ESET answered: ${error.message})`);
  if (error.status === 403) return new Error(`${error.message}. ${FORBIDDEN_NOTE}.`, { cause: error });
  return error;
}
