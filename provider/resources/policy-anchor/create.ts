/** PolicyAnchor `create`: reads the policy again (the listing `check` used serves, so usually no call). */
import type * as pulumi from "@pulumi/pulumi";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { resolvePolicy } from "./resolve";
import type { PolicyAnchorState } from "./state";

/** The anchored policy, or an error naming the input that no longer matches. */
export async function resolvePolicyOrThrow(connect: Connect, inputs: Props): Promise<PolicyAnchorState> {
  // By uuid when check found it: a rename in the console since then does not lose the policy.
  const request = typeof inputs.uuid === "string" ? { uuid: inputs.uuid } : inputs;
  const found = resolvePolicy(await connect().readPolicies(TREE_FRESHNESS.wholeRun), request);
  if ("state" in found) return found.state;
  if ("unknown" in found) throw new Error("the policy anchor's uuid or displayName is still unknown");
  throw new Error(found.failures.map((f) => `${f.property} ${f.reason}`).join("\n"));
}

export async function createPolicyAnchor(
  connect: Connect,
  inputs: Props,
): Promise<pulumi.dynamic.CreateResult> {
  const state = await resolvePolicyOrThrow(connect, inputs);
  return { id: state.uuid, outs: state };
}
