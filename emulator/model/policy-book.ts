import { BUILT_IN_POLICIES } from "./built-in-policies";
import { ModelError } from "./errors";
import {
  type Policy,
  type PolicyAssignment,
  type PolicyRules,
  type PolicyTargetKind,
  targetName,
} from "./policies";
import type { Deletion } from "./types";

/** An assignment as the book keeps it; its rank is its place in its target's stack. */
export interface AssignmentRecord {
  uuid: string;
  policyUuid: string;
  kind: PolicyTargetKind;
  targetUuid: string;
}

function targetKey(kind: PolicyTargetKind, uuid: string): string {
  return `${kind} ${uuid}`;
}

export function copyPolicy(policy: Policy): Policy {
  return structuredClone(policy);
}

/**
 * One tenant's policies and assignments. Each target has a stack of assignments, rank 1 first: a
 * new one joins at the bottom, an unassign closes the gap, a rank change moves one and shifts the
 * rest [spec: policy-management AssignPolicy, UnassignPolicy, updateRanking]. Ranks
 * are never stored, so they cannot drift from the order. Who may do what (built-ins, the switches,
 * tenants) is decided by the callers; the book keeps the stacks consistent.
 */
export class PolicyBook {
  /** Built-ins first, then custom policies in creation order: the listing order. */
  readonly policies = new Map<string, Policy>();
  private readonly assignments = new Map<string, AssignmentRecord>();
  /** Assignment uuids per target, rank order; Map order is the order targets were first assigned. */
  private readonly stacks = new Map<string, string[]>();

  constructor() {
    for (const p of BUILT_IN_POLICIES) this.policies.set(p.uuid, copyPolicy(p));
  }

  policy(uuid: string): Policy {
    const policy = this.policies.get(uuid);
    if (!policy) throw new ModelError("not-found", `policy ${uuid} not found`);
    return policy;
  }

  addPolicy(policy: Policy): Policy {
    this.policies.set(policy.uuid, copyPolicy(policy));
    return copyPolicy(policy);
  }

  /** Removes the policy and every assignment of it. */
  removePolicy(uuid: string): void {
    for (const a of this.assignmentsOfPolicy(uuid)) this.unassign(a.uuid);
    this.policies.delete(uuid);
  }

  hasAssignment(uuid: string): boolean {
    return this.assignments.has(uuid);
  }

  assignment(uuid: string): PolicyAssignment {
    return this.view(this.record(uuid));
  }

  private record(uuid: string): AssignmentRecord {
    const record = this.assignments.get(uuid);
    if (!record) throw new ModelError("not-found", `policy assignment ${uuid} not found`);
    return record;
  }

  /** The target's assignments, rank 1 first. */
  stackOf(kind: PolicyTargetKind, targetUuid: string): PolicyAssignment[] {
    return (this.stacks.get(targetKey(kind, targetUuid)) ?? []).map((u) => this.assignment(u));
  }

  assignmentsOfPolicy(policyUuid: string): PolicyAssignment[] {
    return this.list().filter((a) => a.policyUuid === policyUuid);
  }

  /** Puts a new assignment at the end of its target's stack. */
  assign(record: AssignmentRecord): PolicyAssignment {
    const key = targetKey(record.kind, record.targetUuid);
    this.assignments.set(record.uuid, { ...record });
    const stack = this.stacks.get(key) ?? [];
    stack.push(record.uuid);
    this.stacks.set(key, stack);
    return this.assignment(record.uuid);
  }

  /** Removes an assignment; the others of its target move up (ranks stay 1..n). */
  unassign(uuid: string): void {
    const record = this.record(uuid);
    const key = targetKey(record.kind, record.targetUuid);
    const stack = (this.stacks.get(key) ?? []).filter((u) => u !== uuid);
    if (stack.length === 0) this.stacks.delete(key);
    else this.stacks.set(key, stack);
    this.assignments.delete(uuid);
  }

  /**
   * Gives the assignment this rank, the others of its target keeping their relative order. Rank 0
   * is a validation error, a rank above the target's count a failed precondition [spec:
   * updateRanking body, rank]; a negative one is invalid too [assumed].
   */
  rank(uuid: string, rank: number): PolicyAssignment {
    const record = this.record(uuid);
    const key = targetKey(record.kind, record.targetUuid);
    const stack = this.stacks.get(key) ?? [];
    if (!Number.isInteger(rank) || rank < 1) {
      throw new ModelError(
        "invalid",
        `rank must be a whole number from 1 (the highest priority) (got ${rank})`,
      );
    }
    if (rank > stack.length) {
      throw new ModelError(
        "failed-precondition",
        `rank ${rank} is above the number of assignments to ${targetName(record.kind)} ${record.targetUuid} (${stack.length})`,
      );
    }
    const others = stack.filter((u) => u !== uuid);
    others.splice(rank - 1, 0, uuid);
    this.stacks.set(key, others);
    return this.assignment(uuid);
  }

  /** Drops every assignment whose target is one of these (the groups or devices are gone). */
  forgetTargets(kind: PolicyTargetKind, targetUuids: Iterable<string>): PolicyAssignment[] {
    const dropped: PolicyAssignment[] = [];
    for (const target of targetUuids) {
      const key = targetKey(kind, target);
      for (const u of this.stacks.get(key) ?? []) {
        dropped.push(this.assignment(u));
        this.assignments.delete(u);
      }
      this.stacks.delete(key);
    }
    return dropped;
  }

  /**
   * What a group delete (API or console, subtree included) does to assignments: with "drop" those
   * naming a deleted group or a device deleted with it go; with "keep" they stay listed, naming
   * objects that are gone [assumed: switch `policyAssignmentsOnGroupDelete`].
   */
  groupsDeleted(deletion: Deletion, rule: PolicyRules["policyAssignmentsOnGroupDelete"]): void {
    if (rule === "keep") return;
    this.forgetTargets("deviceGroupUuid", deletion.groupUuids);
    this.forgetTargets("deviceUuid", deletion.deviceUuids);
  }

  /** Every assignment, by target (in the order targets were first assigned), then rank. */
  list(): PolicyAssignment[] {
    const out: PolicyAssignment[] = [];
    for (const stack of this.stacks.values()) for (const u of stack) out.push(this.assignment(u));
    return out;
  }

  /** Custom policies only: built-ins are the same in every tenant and seeded afresh. */
  customPolicies(): Policy[] {
    return [...this.policies.values()].filter((p) => !p.builtIn).map(copyPolicy);
  }

  /** Back to the built-ins plus saved custom policies and assignments (in `list()` order). */
  restore(customPolicies: Policy[], assignments: PolicyAssignment[]): void {
    for (const p of customPolicies) this.addPolicy({ ...p, builtIn: false });
    for (const a of assignments) {
      const [kind, targetUuid] = Object.entries(a.target)[0] as [PolicyTargetKind, string];
      this.assign({ uuid: a.uuid, policyUuid: a.policyUuid, kind, targetUuid });
    }
  }

  private view(record: AssignmentRecord): PolicyAssignment {
    const stack = this.stacks.get(targetKey(record.kind, record.targetUuid)) ?? [];
    return {
      uuid: record.uuid,
      policyUuid: record.policyUuid,
      target: { [record.kind]: record.targetUuid },
      rank: stack.indexOf(record.uuid) + 1,
    };
  }
}
