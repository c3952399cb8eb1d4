/**
 * Shapes of ESET's Policy Management v2 service as the emulator keeps and answers them (v2Policy,
 * v2PolicyAssignment, v2PolicyTarget [spec: policy-management]), and the switches for what the
 * spec leaves open.
 */

/** Settings for one feature (v2FeaturePolicy [spec]); `configuration` is a protobuf Any, kept opaque. */
export interface FeaturePolicy {
  featureId: number;
  configuration: Record<string, unknown>;
  flags: Record<string, { applyForcefully: boolean; readOnly: boolean }>;
}

/** A policy as the model keeps it and the API answers it (v2Policy). */
export interface Policy {
  uuid: string;
  displayName: string;
  description: string;
  /** Read-only; a built-in policy is never created, changed or deleted by a call [spec: v2Policy.builtIn]. */
  builtIn: boolean;
  features: FeaturePolicy[];
}

/** The kinds of target an assignment may name, as v2PolicyTarget's fields. */
export const POLICY_TARGET_KINDS = ["deviceGroupUuid", "deviceUuid", "subscriptionUuid"] as const;
export type PolicyTargetKind = (typeof POLICY_TARGET_KINDS)[number];

/** "group", "device" or "subscription", for messages. */
export function targetName(kind: PolicyTargetKind): string {
  return kind === "deviceGroupUuid" ? "group" : kind.replace("Uuid", "");
}

/** Exactly one field set (v2PolicyTarget [spec]). */
export type PolicyTarget = Partial<Record<PolicyTargetKind, string>>;

/** An assignment as the API answers it (v2PolicyAssignment); rank 1 is the highest priority [spec]. */
export interface PolicyAssignment {
  uuid: string;
  policyUuid: string;
  target: PolicyTarget;
  rank: number;
}

/**
 * What happens to assignments when their group (or a group above it) is deleted, through the API
 * or the console: nothing public says [assumed]. "drop" removes them with the group; "keep" leaves
 * them listed, naming a group that is gone.
 */
export const POLICY_ASSIGNMENTS_ON_GROUP_DELETE = ["drop", "keep"] as const;
/** The same policy assigned twice to one target [assumed]: a user error, or a second assignment. */
export const DUPLICATE_POLICY_ASSIGNMENT = ["refuse", "allow"] as const;
/** Deleting a custom policy that is still assigned [assumed]: refused, or its assignments go too. */
export const DELETE_ASSIGNED_POLICY = ["refuse", "cascade"] as const;
/** Assignments through the API to All or to a group linked to an entity [assumed]. */
export const POLICIES_ON_SPECIAL_GROUPS = ["allow", "refuse"] as const;

/** The four switches; the first value of each list is the default. */
export interface PolicyRules {
  policyAssignmentsOnGroupDelete: (typeof POLICY_ASSIGNMENTS_ON_GROUP_DELETE)[number];
  duplicatePolicyAssignment: (typeof DUPLICATE_POLICY_ASSIGNMENT)[number];
  deleteAssignedPolicy: (typeof DELETE_ASSIGNED_POLICY)[number];
  policiesOnSpecialGroups: (typeof POLICIES_ON_SPECIAL_GROUPS)[number];
}

export const DEFAULT_POLICY_RULES: PolicyRules = {
  policyAssignmentsOnGroupDelete: POLICY_ASSIGNMENTS_ON_GROUP_DELETE[0],
  duplicatePolicyAssignment: DUPLICATE_POLICY_ASSIGNMENT[0],
  deleteAssignedPolicy: DELETE_ASSIGNED_POLICY[0],
  policiesOnSpecialGroups: POLICIES_ON_SPECIAL_GROUPS[0],
};
