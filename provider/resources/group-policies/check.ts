/**
 * GroupPolicies `check`: every input on its own, with failures that name the input and the fix.
 * Makes no call (a preview with nothing to change costs nothing): whether the group and the
 * policies exist is ESET's to say, and a refusal is explained from a fresh look (reconcile.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CheckFailure, Props, checkFields, containsUnknown } from "../inputs";
import { DEFAULT_EXCLUSIVE } from "./state";

/** ESET's policy uuids ("format: uuid" in its spec). A name here is the usual mistake. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FIELDS = {
  groupUuid: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? "is required: the uuid of the group whose policies this resource manages (a Group's or GroupAnchor's uuid)"
          : "must be a string: the uuid of the group (a Group's or GroupAnchor's uuid)",
    })
    .refine((s) => s.trim() !== "", { message: "must not be empty: the uuid of the group" }),
  policies: z.array(z.unknown(), {
    error:
      "must be a list of policy uuids, highest priority first (e.g. [strict.uuid, baseline.uuid] with PolicyAnchors)",
  }),
  exclusive: z
    .boolean({
      error:
        "must be true or false (default true: the group's assignments become exactly these; false: others are left alone)",
    })
    .default(DEFAULT_EXCLUSIVE),
};

/** Why `policies[index]` is not a policy uuid, or undefined when it is one (or not known yet). */
function policyEntryReason(value: unknown, index: number): string | undefined {
  if (containsUnknown(value)) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    return `[${index}] must be a policy uuid (a string), not ${JSON.stringify(value) ?? "undefined"}`;
  }
  if (!UUID.test(value.trim())) {
    return (
      `[${index}] is ${JSON.stringify(value)}, which is not a policy uuid: to refer to a policy by its name, ` +
      `declare a PolicyAnchor (e.g. new PolicyAnchor("baseline", { displayName: ${JSON.stringify(value)} })) ` +
      `and list its uuid`
    );
  }
  return undefined;
}

/** Validates new inputs and fills in defaults; pure. */
export function checkGroupPolicies(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const { values, failures } = checkFields(FIELDS, news);
  const inputs: Props = { ...values };
  const list = values.policies;
  if (Array.isArray(list)) {
    const entries: unknown[] = list.map((p) => (typeof p === "string" && !containsUnknown(p) ? p.trim() : p));
    inputs.policies = entries;
    entries.forEach((value, index) => {
      const reason = policyEntryReason(value, index);
      if (reason) failures.push({ property: "policies", reason });
    });
    const seen = new Map<string, number>();
    entries.forEach((value, index) => {
      if (typeof value !== "string" || containsUnknown(value)) return;
      const first = seen.get(value.toLowerCase());
      if (first === undefined) return void seen.set(value.toLowerCase(), index);
      failures.push({
        property: "policies",
        reason:
          `lists ${value} twice ([${first}] and [${index}]): a group carries each policy once, at one rank; ` +
          `keep it where its priority should be and remove the other`,
      });
    });
  }
  return { inputs, failures };
}

export async function checkGroupPoliciesInputs(
  _olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  return checkGroupPolicies(news);
}
