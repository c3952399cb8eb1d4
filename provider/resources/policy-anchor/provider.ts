/**
 * The PolicyAnchor methods the dynamic-provider host runs. An anchor only reads: `check` finds the
 * policy, `create`/`update` read it again, `read` reports a rename or a deletion, and `delete`
 * makes no call at all.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import { checkPolicyAnchor } from "./check";
import { createPolicyAnchor } from "./create";
import { deletePolicyAnchor } from "./delete";
import { diffPolicyAnchor } from "./diff";
import { readPolicyAnchor } from "./read";
import { updatePolicyAnchor } from "./update";

export function policyAnchorMethods(connect: Connect): Omit<pulumi.dynamic.ResourceProvider, "configure"> {
  return {
    check: (olds, news) => checkPolicyAnchor(connect, olds, news),
    diff: async (id, olds, news) => diffPolicyAnchor(id, olds, news),
    create: (inputs) => createPolicyAnchor(connect, inputs),
    update: (_id, _olds, news) => updatePolicyAnchor(connect, news),
    read: (id, props) => readPolicyAnchor(connect, id, props ?? {}),
    delete: async (id, props) => deletePolicyAnchor(id, props ?? {}),
  };
}
