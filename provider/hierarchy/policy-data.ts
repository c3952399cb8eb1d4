/**
 * What the hierarchy's policy features read from ESET: the tenant's policies and its policy
 * assignments, each from one listing. Shapes only; the client's `listPolicies` and
 * `listPolicyAssignments` answers fit them, and tests write them by hand.
 */

/** A policy as ESET lists it (built-in or custom). */
export interface PolicySummary {
  uuid: string;
  displayName: string;
  /** True for ESET's own policies, which cannot be deleted. Default: false. */
  builtIn?: boolean;
}

/** One policy assigned to one target, at a rank (1 = highest priority) among that target's assignments. */
export interface AssignmentSummary {
  uuid: string;
  policyUuid: string;
  /** Exactly one of them is set. */
  target: { deviceGroupUuid?: string; deviceUuid?: string; subscriptionUuid?: string };
  rank: number;
}

/** The tenant's policies and assignments, as listed once for a plan or an export. */
export interface TenantPolicies {
  policies: readonly PolicySummary[];
  assignments: readonly AssignmentSummary[];
}

/** The assignments whose target is the group `groupUuid`, by rank (rank 1 first). */
export function groupAssignments(
  assignments: readonly AssignmentSummary[],
  groupUuid: string,
): AssignmentSummary[] {
  return assignments
    .filter((assignment) => assignment.target.deviceGroupUuid === groupUuid)
    .sort((a, b) => a.rank - b.rank || a.uuid.localeCompare(b.uuid));
}

/** Display name of each policy by uuid (lowercase); a policy not listed is shown by its uuid. */
export function policyNamer(policies: readonly PolicySummary[]): (uuid: string) => string {
  const names = new Map(policies.map((policy) => [policy.uuid.toLowerCase(), policy.displayName]));
  return (uuid) => names.get(uuid.toLowerCase()) ?? uuid;
}
