/**
 * Finding the policy a PolicyAnchor refers to, in one listing of the tenant's policies: by uuid or
 * by name (exactly one of them). Pure: the caller lists. A name that matches nothing gets the
 * closest name as a did-you-mean; a name that two policies share is refused with their uuids,
 * since ESET does not keep policy names unique.
 */
import type { Policy } from "../../client";
import { closest } from "../../../shared/suggest";
import { firstNames } from "../../../shared/text";
import { CheckFailure, Props, containsUnknown } from "../inputs";
import type { PolicyAnchorState } from "./state";

const NEVER_CHANGED = "an anchor refers to an existing policy and never creates, changes or deletes one";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function stateOf(policy: Policy): PolicyAnchorState {
  return {
    uuid: policy.uuid,
    displayName: policy.displayName,
    description: policy.description,
    builtIn: policy.builtIn,
  };
}

/** The policy for `request` (checked inputs), the failures explaining why none matches, or `unknown` in preview. */
export function resolvePolicy(
  policies: readonly Policy[],
  request: Props,
): { state: PolicyAnchorState } | { failures: CheckFailure[] } | { unknown: true } {
  if (containsUnknown(request.uuid) || containsUnknown(request.displayName)) return { unknown: true };
  const uuid = text(request.uuid);
  if (uuid !== undefined) {
    const found = policies.find((p) => p.uuid.toLowerCase() === uuid.trim().toLowerCase());
    if (found) return { state: stateOf(found) };
    return fail(
      "uuid",
      `${uuid} is not a policy of this tenant (deleted in ESET, or a wrong uuid). Fix the uuid, or refer to the ` +
        `policy by displayName; ${NEVER_CHANGED}.`,
    );
  }
  const name = text(request.displayName) as string;
  const named = policies.filter((p) => p.displayName === name);
  if (named.length === 1) return { state: stateOf(named[0]) };
  if (named.length > 1) {
    return fail(
      "displayName",
      `"${name}" names ${named.length} policies (${named.map((p) => p.uuid).join(", ")}): refer to the one you ` +
        `mean by uuid instead (and leave displayName out).`,
    );
  }
  const names = [...new Set(policies.map((p) => p.displayName))].sort();
  const guess = closest(name, names);
  const hint = guess
    ? `did you mean "${guess}"?`
    : names.length > 0
      ? `the tenant's policies include ${firstNames(names)}.`
      : "the tenant lists no policy at all.";
  return fail(
    "displayName",
    `no policy is named "${name}" (names are matched exactly, as ESET PROTECT shows them); ${hint} ` +
      `An anchor refers to an existing policy (built-in, or made in the console): ${NEVER_CHANGED}.`,
  );
}

function fail(property: string, reason: string): { failures: CheckFailure[] } {
  return { failures: [{ property, reason }] };
}
