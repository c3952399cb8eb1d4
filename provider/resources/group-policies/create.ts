/** GroupPolicies `create`: the group's assignments made the declared ones (reconcile.ts); the id is the group's uuid. */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { reconcileGroupPolicies } from "./reconcile";
import { GroupPoliciesInputs, groupPoliciesOutputs, groupPoliciesStateFrom } from "./state";

/** The checked inputs, without outputs. */
export function wantedFrom(props: Props): GroupPoliciesInputs {
  const { groupUuid, policies, exclusive } = groupPoliciesStateFrom(props);
  return { groupUuid, policies, exclusive };
}

export async function createGroupPolicies(
  connect: Connect,
  inputs: Props,
): Promise<pulumi.dynamic.CreateResult> {
  const wanted = wantedFrom(inputs);
  const group = await reconcileGroupPolicies(connect(), wanted);
  return { id: wanted.groupUuid, outs: groupPoliciesOutputs(wanted, group) };
}
