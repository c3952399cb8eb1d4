/**
 * GroupPolicies `read` (refresh): every read of one refresh is served by one listing of the tree
 * and one tenant-wide listing of the assignments (read sessions, TREE_FRESHNESS.refresh), so a
 * refresh of any number of groups costs the group listing plus ⌈assignments ÷ 1000⌉ calls. The
 * live policies are returned as inputs and outputs: a policy assigned, unassigned or reordered by
 * hand is drift that `pulumi preview --refresh --expect-no-changes` fails on and `up --refresh`
 * restores. A group missing from the tree means the resource is gone (ESET may keep assignments
 * that name a deleted group: they are not read as the group's).
 */
import type * as pulumi from "@pulumi/pulumi";
import { groupAssignments } from "../../client/assignments";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { groupPoliciesOutputs, groupPoliciesStateFrom, livePolicies } from "./state";

export async function readGroupPolicies(
  connect: Connect,
  id: string,
  props: Props,
): Promise<pulumi.dynamic.ReadResult> {
  const stored = groupPoliciesStateFrom(props);
  const groupUuid = stored.groupUuid || id;
  const client = connect();
  // Errors (403 included) propagate: only a listing without the group means it is gone.
  const tree = await client.readTree(TREE_FRESHNESS.refresh);
  if (!tree.byUuid.has(groupUuid)) return {};
  const group = groupAssignments(await client.readPolicyAssignments(TREE_FRESHNESS.refresh), groupUuid);
  const live = livePolicies(group, stored.policies, stored.exclusive);
  const inputs = { groupUuid, policies: live.map((a) => a.policyUuid), exclusive: stored.exclusive };
  return { id, props: groupPoliciesOutputs(inputs, live), inputs };
}
