/**
 * PolicyAnchor `check`: exactly one of `uuid` and `displayName`, then the policy found in one
 * listing of the tenant's policies (shared by every anchor of the run), so an unknown or ambiguous
 * name fails the preview with a did-you-mean, and the policy's uuid is known in preview for the
 * GroupPolicies that list it. A new or changed anchor needs ESET credentials, preview included; an
 * anchor named as in the last run keeps what that run found, with no call.
 */
import type * as pulumi from "@pulumi/pulumi";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import { CheckFailure, Props, checkFields, optionalText } from "../inputs";
import { resolvePolicy } from "./resolve";
import type { PolicyAnchorState } from "./state";

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

/**
 * The policy an earlier run found, when the program still names it the same way: what `check`
 * recorded then, so that a preview with nothing to change makes no call. A rename or deletion made
 * in ESET since is drift, reported by a refresh (`read`), not a reason to look again here.
 */
export function unchangedAnchor(olds: Props, inputs: Props): PolicyAnchorState | undefined {
  if (typeof olds.uuid !== "string" || typeof olds.displayName !== "string") return undefined;
  const same =
    inputs.uuid !== undefined
      ? typeof inputs.uuid === "string" && inputs.uuid.toLowerCase() === olds.uuid.toLowerCase()
      : inputs.displayName === olds.displayName;
  if (!same) return undefined;
  return {
    uuid: olds.uuid,
    displayName: olds.displayName,
    description: typeof olds.description === "string" ? olds.description : "",
    builtIn: olds.builtIn === true,
  };
}

export async function checkPolicyAnchor(
  connect: Connect,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  const shaped = policyAnchorShape(news);
  if (shaped.failures.length > 0) return shaped;
  const unchanged = unchangedAnchor(olds, shaped.inputs);
  if (unchanged) return { inputs: { ...unchanged } };
  const client = connect();
  let found = resolvePolicy(await client.readPolicies(TREE_FRESHNESS.wholeRun), shaped.inputs);
  // The run's listing may predate a policy made in the console a moment ago: confirm on a young one.
  if ("failures" in found)
    found = resolvePolicy(await client.readPolicies(TREE_FRESHNESS.confirm), shaped.inputs);
  if ("state" in found) return { inputs: { ...found.state } };
  if ("unknown" in found) return { inputs: shaped.inputs };
  return { inputs: shaped.inputs, failures: found.failures };
}
