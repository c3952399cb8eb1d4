/** PolicyAnchor `read` (refresh): the policy by its uuid from the run's one listing, or gone; a rename shows as drift. */
import type * as pulumi from "@pulumi/pulumi";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { resolvePolicy } from "./resolve";

export async function readPolicyAnchor(
  connect: Connect,
  id: string,
  props: Props,
): Promise<pulumi.dynamic.ReadResult> {
  const found = resolvePolicy(await connect().readPolicies(TREE_FRESHNESS.refresh), { uuid: id });
  if (!("state" in found)) return {};
  return { id, props: found.state, inputs: { ...props, ...found.state } };
}
