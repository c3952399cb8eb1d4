/**
 * What a GroupPolicies keeps in state: its inputs after `check` (echoed into the outputs so `diff`
 * can compare) and the assignments ESET made. Every field name here is a contract with deployed
 * stacks.
 */
import type { PolicyAssignment } from "../../client";
import type { Props } from "../inputs";

/** GroupPolicies inputs after `check`: defaults applied. */
export interface GroupPoliciesInputs {
  groupUuid: string;
  /** Policy uuids, highest priority (rank 1) first. */
  policies: string[];
  exclusive: boolean;
}

/** One managed assignment as the outputs show it. */
export interface AssignmentOutput {
  policyUuid: string;
  assignmentUuid: string;
  /** Its rank among all the group's assignments (1 = highest priority). */
  rank: number;
}

export interface GroupPoliciesOutputs extends GroupPoliciesInputs {
  assignments: AssignmentOutput[];
}

/** `exclusive` when left out: the group's assignments become exactly the declared ones. */
export const DEFAULT_EXCLUSIVE = true;

/** Reads stored inputs or outputs leniently (state written by hand may miss fields). Never throws. */
export function groupPoliciesStateFrom(props: Props): GroupPoliciesOutputs {
  const policies = Array.isArray(props.policies)
    ? props.policies.filter((p): p is string => typeof p === "string")
    : [];
  const assignments = Array.isArray(props.assignments)
    ? props.assignments.filter(
        (a): a is AssignmentOutput =>
          typeof a === "object" &&
          a !== null &&
          typeof (a as AssignmentOutput).policyUuid === "string" &&
          typeof (a as AssignmentOutput).assignmentUuid === "string",
      )
    : [];
  return {
    groupUuid: typeof props.groupUuid === "string" ? props.groupUuid : "",
    policies,
    exclusive: typeof props.exclusive === "boolean" ? props.exclusive : DEFAULT_EXCLUSIVE,
    assignments,
  };
}

/**
 * The policies the resource sees on the group, in rank order: all of them when exclusive, else
 * only the assignments of `managed` policies (duplicates included, so one made by hand is drift).
 */
export function livePolicies(
  group: readonly PolicyAssignment[],
  managed: readonly string[],
  exclusive: boolean,
): PolicyAssignment[] {
  return exclusive ? [...group] : group.filter((a) => managed.includes(a.policyUuid));
}

/** The outputs for `inputs` given the group's live assignments (rank order). */
export function groupPoliciesOutputs(
  inputs: GroupPoliciesInputs,
  group: readonly PolicyAssignment[],
): GroupPoliciesOutputs {
  const assignments = livePolicies(group, inputs.policies, inputs.exclusive).map((a) => ({
    policyUuid: a.policyUuid,
    assignmentUuid: a.uuid,
    rank: a.rank,
  }));
  return { ...inputs, assignments };
}
