/**
 * Decisions from the live tree, not from status codes. Before a write, the tree rules are checked
 * against the snapshot (TreeRuleError names the input). When ESET still refuses a write with a
 * user-error status (400, 403 or 404: ESET's error_codes page says its domain services answer 403
 * for all user errors, and 403 is also the status of a missing permission), a fresh listing
 * decides what happened: done by an earlier attempt, a rule broken by a change made meanwhile, or
 * neither (then ESET's answer stands, with what a 403 can mean).
 */
import { ApiError, EsetConnectClient, GroupTree, isApiError } from "../client";
import { TreeChange, TreeRuleError, treeRuleBreaks } from "./tree-checks";
import { TREE_FRESHNESS } from "../client/freshness";

/** Statuses ESET uses for a refused request: validation (400), all user errors (403), unknown object (404). */
export const USER_ERROR_STATUSES: readonly number[] = [400, 403, 404];

export function isUserError(error: unknown): error is ApiError {
  return isApiError(error) && USER_ERROR_STATUSES.includes(error.status);
}

/**
 * The rules broken by a change, judged on a listing of the given freshness; a break seen there is
 * judged again on one at most CONFIRM_MAX_AGE_MS old (checks of the same moment share it), so a
 * group renamed, moved or deleted by hand since the older listing does not fail the change.
 */
export async function confirmedBreaks<B>(
  client: EsetConnectClient,
  freshness: { maxAgeMs: number },
  breaksIn: (tree: GroupTree) => B[],
): Promise<{ tree: GroupTree; breaks: B[] }> {
  let tree = await client.readTree(freshness);
  let breaks = breaksIn(tree);
  if (breaks.length > 0 && freshness.maxAgeMs > TREE_FRESHNESS.confirm.maxAgeMs) {
    tree = await client.readTree(TREE_FRESHNESS.confirm);
    breaks = breaksIn(tree);
  }
  return { tree, breaks };
}

/** Throws a TreeRuleError when `change` breaks a rule in `tree`. */
export function assertTreeRules(tree: GroupTree, subject: string, change: TreeChange): void {
  const breaks = treeRuleBreaks(tree, change);
  if (breaks.length > 0) throw new TreeRuleError(subject, breaks);
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
  const breaks = treeRuleBreaks(tree, change);
  if (breaks.length > 0) return new TreeRuleError(subject, breaks, `(ESET answered: ${error.message})`);
  if (error.status === 403) return new Error(`${error.message}. ${FORBIDDEN_NOTE}.`, { cause: error });
  return error;
}
