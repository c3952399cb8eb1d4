/**
 * PolicyAnchor `check`: exactly one of `uuid` and `displayName`, then the policy found in one
 * listing of the tenant's policies (shared by every anchor of the run), so an unknown or ambiguous
 * name fails the preview with a did-you-mean, and the policy's uuid is known in preview for the
 * GroupPolicies that list it. Needs ESET credentials, preview included.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import { CheckFailure, Props, checkFields } from "../inputs";
import { resolvePolicy } from "./resolve";

const optionalText = (what: string) =>
  z
    .string({ error: `must be a string: ${what}` })
    .optional()
    .refine((s) => s === undefined || s.trim() !== "", {
      message: `must not be empty: ${what}, or left out`,
    });

const FIELDS = {
  uuid: optionalText("the uuid of the existing policy"),
  displayName: optionalText("the name of the existing policy, exactly as ESET PROTECT shows it"),
};

/** Shape rules: exactly one way to name the policy. Pure. */
export function policyAnchorShape(news: Props): { inputs: Props; failures: CheckFailure[] } {
  // Outputs echoed back by an engine that stored them as inputs: not the user's to set.
  const { description: _d, builtIn: _b, ...given } = news;
  const { values, failures } = checkFields(FIELDS, given);
  const inputs: Props = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  if (failures.length > 0) return { inputs, failures };
  if (inputs.uuid === undefined && inputs.displayName === undefined) {
    failures.push({
      property: "displayName",
      reason:
        'is required unless uuid is given: name the existing policy (e.g. "Antivirus - Balanced") or give its uuid',
    });
  } else if (inputs.uuid !== undefined && inputs.displayName !== undefined) {
    failures.push({
      property: "displayName",
      reason:
        "must be left out when uuid is given: a policy anchor names its policy by uuid or by displayName, not both",
    });
  }
  return { inputs, failures };
}

export async function checkPolicyAnchor(
  connect: Connect,
  _olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  const shaped = policyAnchorShape(news);
  if (shaped.failures.length > 0) return shaped;
  const client = connect();
  let found = resolvePolicy(await client.readPolicies(TREE_FRESHNESS.wholeRun), shaped.inputs);
  // The run's listing may predate a policy made in the console a moment ago: confirm on a young one.
  if ("failures" in found)
    found = resolvePolicy(await client.readPolicies(TREE_FRESHNESS.confirm), shaped.inputs);
  if ("state" in found) return { inputs: { ...found.state } };
  if ("unknown" in found) return { inputs: shaped.inputs };
  return { inputs: shaped.inputs, failures: found.failures };
}
