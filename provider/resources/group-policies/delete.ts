/**
 * GroupPolicies `delete`: unassigns the declared policies from the group, as a fresh listing of
 * the group shows them (one call), so what is removed is decided by what ESET holds now. An
 * assignment already gone is done (client: a refusal judged on a fresh listing). A group that no
 * longer exists is done too: whatever ESET kept of its assignments cannot reach a device.
 */
import type { EsetConnectClient } from "../../client";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { describeGroup, say } from "../report";
import { isPolicyRefusal, refusalCause, unexplainedRefusal } from "./refusal";
import { groupPoliciesStateFrom } from "./state";

async function groupIsGone(client: EsetConnectClient, groupUuid: string): Promise<boolean> {
  return !(await client.readTree(TREE_FRESHNESS.fresh)).byUuid.has(groupUuid);
}

export async function deleteGroupPolicies(connect: Connect, id: string, props: Props): Promise<void> {
  const stored = groupPoliciesStateFrom(props);
  const groupUuid = stored.groupUuid || id;
  const client = connect();
  const subject = `policies of ${describeGroup(groupUuid)}`;
  try {
    const group = await client.readGroupPolicyAssignments(groupUuid);
    for (const assignment of group.filter((a) => stored.policies.includes(a.policyUuid))) {
      await client.unassignPolicy(assignment);
    }
  } catch (error) {
    if (!isPolicyRefusal(error)) throw error;
    if (await groupIsGone(client, groupUuid)) {
      say(subject, "the group no longer exists in ESET: nothing left to unassign");
      return;
    }
    const wanted = { groupUuid, policies: stored.policies, exclusive: stored.exclusive };
    throw (await refusalCause(client, wanted, error)) ?? unexplainedRefusal(error);
  }
}
