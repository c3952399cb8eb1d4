/**
 * When ESET refuses an assign, unassign or rank, the answer is judged from a fresh look at the
 * world, never from its status (ESET answers 403 for every user error, and 403 for a missing right
 * too): the group gone, a group ESET may not carry policies on, a policy that does not exist. Each
 * cause gives an error naming the input and the fix; none found, ESET's answer stands.
 */
import { isApiError, type ApiError, type EsetConnectClient } from "../../client";
import { TREE_FRESHNESS } from "../../client/freshness";
import { isUserErrorStatus } from "../../client/user-errors";
import { groupKind, liveGroupText } from "../../tree/group-kinds";
import type { GroupPoliciesInputs } from "./state";

/** ESET's answer to a rank above the target's number of assignments (its spec). */
const PRECONDITION_FAILED = 412;

/** Whether `error` is ESET refusing a policy call as wrong (as opposed to failing to answer). */
export function isPolicyRefusal(error: unknown): error is ApiError {
  return isApiError(error) && (isUserErrorStatus(error.status) || error.status === PRECONDITION_FAILED);
}

/** The refusal explained by the world as it is now, or undefined when nothing there explains it. */
export async function refusalCause(
  client: EsetConnectClient,
  wanted: GroupPoliciesInputs,
  refusal: ApiError,
): Promise<Error | undefined> {
  const eset = `(ESET answered: ${refusal.message})`;
  const tree = await client.readTree(TREE_FRESHNESS.fresh);
  const group = tree.byUuid.get(wanted.groupUuid);
  if (!group) {
    return new Error(
      `groupUuid: group ${wanted.groupUuid} does not exist in ESET (deleted there, or a wrong uuid), so no policy ` +
        `can be assigned to it. Give the uuid of an existing group (a Group's or GroupAnchor's uuid; ` +
        `\`eset-connect tree\` lists them) ${eset}`,
    );
  }
  const kind = groupKind(group);
  if (kind.kind !== "static") {
    const what =
      kind.kind === "special"
        ? `the special group ${kind.name}`
        : `a group linked to an ESET entity (${kind.linkedEntityType})`;
    return new Error(
      `groupUuid: ${liveGroupText(tree, group)} is ${what}, and ESET refused to change its policy assignments ` +
        `through the API. Assign the policies to a static group below it (a Group), or set them on this group in ` +
        `the ESET PROTECT console and leave it out of the stack ${eset}`,
    );
  }
  const known = new Set((await client.readPolicies(TREE_FRESHNESS.fresh)).map((p) => p.uuid));
  const missing = wanted.policies.filter((p) => !known.has(p));
  if (missing.length > 0) {
    return new Error(
      `policies: ${missing.join(", ")} ${missing.length === 1 ? "is not a policy" : "are not policies"} of this ` +
        `tenant (deleted in ESET, or a wrong uuid). Refer to policies with a PolicyAnchor (by name or uuid), ` +
        `which fails the preview when the policy is missing ${eset}`,
    );
  }
  return undefined;
}

/** ESET's refusal, for when a fresh look explains nothing; a 403 says what else it can mean. */
export function unexplainedRefusal(refusal: ApiError): Error {
  if (refusal.status !== 403) return refusal;
  return new Error(
    `${refusal.message}. ESET answers 403 for a request that breaks one of its rules as well as for a missing ` +
      `permission (its error_codes page: "HTTP 403: All user errors"); a fresh look shows the group and the ` +
      `policies there, so check the API user's rights (the Integrations right, access to this group and to ` +
      `policies)`,
  );
}
