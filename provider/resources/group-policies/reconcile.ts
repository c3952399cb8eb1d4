/**
 * Makes a group's assignments the declared ones with the fewest calls (plan.ts): unassign what
 * must go, assign what is missing (each lands at the end), then rank only what is out of place.
 * Calls run one after the other: each rank is computed from the order the previous call left.
 *
 * The plan starts from the tenant's assignment listing (shared by the run, at most
 * TREE_FRESHNESS.create old, patched with this client's writes). If ESET refuses a call, the world
 * decides (refusal.ts): a cause found there fails with its explanation; otherwise the listing was
 * out of date (a change made by hand meanwhile), so the group is read afresh and planned once more.
 */
import type { EsetConnectClient, PolicyAssignment } from "../../client";
import { applyAssignmentWrite, groupAssignments } from "../../client/assignments";
import { TREE_FRESHNESS } from "../../client/freshness";
import { membershipPlan, rankPlan } from "./plan";
import { isPolicyRefusal, refusalCause, unexplainedRefusal } from "./refusal";
import type { GroupPoliciesInputs } from "./state";

/** Calls one reconcile made, by kind: what tests and the benchmark compare with the plan's cost. */
export interface ReconcileCalls {
  unassign: number;
  assign: number;
  rank: number;
}

async function applyPlan(
  client: EsetConnectClient,
  wanted: GroupPoliciesInputs,
  dropped: readonly string[],
  current: PolicyAssignment[],
  calls: ReconcileCalls,
): Promise<PolicyAssignment[]> {
  const target = { deviceGroupUuid: wanted.groupUuid };
  // The group's order as each call leaves it, by ESET's rules (client/assignments.ts).
  let group = current;
  const membership = membershipPlan(current, wanted.policies, wanted.exclusive, dropped);
  for (const assignment of membership.unassign) {
    calls.unassign++;
    await client.unassignPolicy(assignment);
    group = applyAssignmentWrite(group, { kind: "unassign", uuid: assignment.uuid });
  }
  for (const policyUuid of membership.assign) {
    calls.assign++;
    const made = await client.assignPolicy(policyUuid, target);
    group = applyAssignmentWrite(group, { kind: "assign", assignment: made });
  }
  for (const move of rankPlan(groupAssignments(group, wanted.groupUuid), wanted.policies)) {
    calls.rank++;
    await client.rankPolicyAssignment({ uuid: move.uuid, target }, move.rank);
    group = applyAssignmentWrite(group, { kind: "rank", uuid: move.uuid, rank: move.rank });
  }
  return groupAssignments(group, wanted.groupUuid);
}

/**
 * Reconciles the group to `wanted`; `dropped` are policies this resource declared before and no
 * longer does (unassigned even when not exclusive). Returns the group's assignments after it,
 * rank order. `calls` (optional) counts the writes made.
 */
export async function reconcileGroupPolicies(
  client: EsetConnectClient,
  wanted: GroupPoliciesInputs,
  dropped: readonly string[] = [],
  calls: ReconcileCalls = { unassign: 0, assign: 0, rank: 0 },
): Promise<PolicyAssignment[]> {
  const listed = await client.readPolicyAssignments(TREE_FRESHNESS.create);
  try {
    return await applyPlan(client, wanted, dropped, groupAssignments(listed, wanted.groupUuid), calls);
  } catch (error) {
    if (!isPolicyRefusal(error)) throw error;
    const cause = await refusalCause(client, wanted, error);
    if (cause) throw cause;
  }
  const fresh = await client.readGroupPolicyAssignments(wanted.groupUuid);
  try {
    return await applyPlan(client, wanted, dropped, fresh, calls);
  } catch (error) {
    if (!isPolicyRefusal(error)) throw error;
    throw (await refusalCause(client, wanted, error)) ?? unexplainedRefusal(error);
  }
}
