/**
 * GroupPolicies `update`: the same reconcile as a create; policies declared before and no longer
 * are unassigned even when not exclusive (they were this resource's).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { wantedFrom } from "./create";
import { reconcileGroupPolicies } from "./reconcile";
import { groupPoliciesOutputs, groupPoliciesStateFrom } from "./state";

export async function updateGroupPolicies(
  connect: Connect,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult> {
  const wanted = wantedFrom(news);
  const dropped = groupPoliciesStateFrom(olds).policies.filter((p) => !wanted.policies.includes(p));
  const group = await reconcileGroupPolicies(connect(), wanted, dropped);
  return { outs: groupPoliciesOutputs(wanted, group) };
}
