/** The GroupPolicies methods the dynamic-provider host runs (installed by provider/dynamic-provider/host.ts). */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import { checkGroupPoliciesInputs } from "./check";
import { createGroupPolicies } from "./create";
import { deleteGroupPolicies } from "./delete";
import { diffGroupPolicies } from "./diff";
import { readGroupPolicies } from "./read";
import { updateGroupPolicies } from "./update";

export function groupPoliciesMethods(connect: Connect): Omit<pulumi.dynamic.ResourceProvider, "configure"> {
  return {
    check: (olds, news) => checkGroupPoliciesInputs(olds, news),
    diff: async (id, olds, news) => diffGroupPolicies(id, olds, news),
    create: (inputs) => createGroupPolicies(connect, inputs),
    read: (id, props) => readGroupPolicies(connect, id, props ?? {}),
    update: (_id, olds, news) => updateGroupPolicies(connect, olds, news),
    delete: (id, props) => deleteGroupPolicies(connect, id, props ?? {}),
  };
}
