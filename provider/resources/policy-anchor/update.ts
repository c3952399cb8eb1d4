/** PolicyAnchor `update`: nothing to write; the policy is read again, as in create. */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { resolvePolicyOrThrow } from "./create";

export async function updatePolicyAnchor(
  connect: Connect,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await resolvePolicyOrThrow(connect, news) };
}
