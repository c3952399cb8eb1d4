/**
 * What the policy calls return, and the zod schemas that check policy-management answers (ESET's
 * `policy-management.json`: v2Policy, v2PolicyAssignment). As everywhere in the client, a field
 * the gateway leaves out at its zero value (`builtIn: false`, `description: ""`, the last page's
 * `nextPageToken`) is accepted as missing and read as that zero value; extra fields are ignored.
 * A policy's `features` (an opaque protobuf Any per feature) are not kept: nothing here reads them.
 */
import { z } from "zod";

/** A policy as ESET lists it (built-in or made in the console). */
export interface Policy {
  uuid: string;
  displayName: string;
  /** "" when ESET leaves it out. */
  description: string;
  /** Built-in policies cannot be created, modified or deleted. false when ESET leaves it out. */
  builtIn: boolean;
}

/** What a policy is assigned to: exactly one of these in ESET's answers. */
export interface PolicyTarget {
  deviceGroupUuid?: string;
  deviceUuid?: string;
  subscriptionUuid?: string;
}

/** One policy assigned to one target, with its rank among that target's assignments (1 = highest priority). */
export interface PolicyAssignment {
  uuid: string;
  policyUuid: string;
  target: PolicyTarget;
  rank: number;
}

const nonEmpty = z.string().min(1);

const policySchema = z.object({
  uuid: nonEmpty,
  displayName: z.string().default(""),
  description: z.string().default(""),
  builtIn: z.boolean().default(false),
});

const targetSchema = z.object({
  deviceGroupUuid: z.string().optional(),
  deviceUuid: z.string().optional(),
  subscriptionUuid: z.string().optional(),
});

const assignmentSchema = z.object({
  uuid: nonEmpty,
  policyUuid: nonEmpty,
  target: targetSchema.default({}),
  // int64 fields may come as JSON strings (protobuf's JSON mapping); rank is never 0 on the wire.
  rank: z.coerce.number().int().min(0).default(0),
});

export const policyPage = z.object({
  policies: z.array(policySchema).default([]),
  nextPageToken: z.string().optional(),
});

export const policyResponse = z.object({ policy: policySchema });

export const assignmentPage = z.object({
  assignments: z.array(assignmentSchema).default([]),
  nextPageToken: z.string().optional(),
});

export const assignmentResponse = z.object({ assignment: assignmentSchema });

export function toPolicy(policy: z.infer<typeof policySchema>): Policy {
  return {
    uuid: policy.uuid,
    displayName: policy.displayName,
    description: policy.description,
    builtIn: policy.builtIn,
  };
}

export function toAssignment(assignment: z.infer<typeof assignmentSchema>): PolicyAssignment {
  const target: PolicyTarget = {};
  for (const key of ["deviceGroupUuid", "deviceUuid", "subscriptionUuid"] as const) {
    const value = assignment.target[key];
    if (value) target[key] = value;
  }
  return { uuid: assignment.uuid, policyUuid: assignment.policyUuid, target, rank: assignment.rank };
}
