import * as pulumi from "@pulumi/pulumi";
import { groupPoliciesProvider } from "../serialized-providers";

/** Inputs of a {@link GroupPolicies}. */
export interface GroupPoliciesArgs {
  /**
   * The uuid of the group whose policies this resource manages: a `Group`'s or `GroupAnchor`'s
   * `uuid`. Required. Changing it replaces the resource (the old group's assignments are removed
   * first, then the new group's made).
   */
  groupUuid: pulumi.Input<string>;
  /**
   * Policy uuids in priority order: the first gets rank 1, ESET's highest priority (settings are
   * merged from rank 1 down). Required; `[]` with `exclusive` removes every assignment of the group.
   * Refer to a policy by name with a {@link PolicyAnchor} and list its `uuid`. A policy listed twice
   * fails `check`.
   */
  policies: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Default true: the group's assignments become exactly `policies`, in this order; a policy
   * assigned by hand is removed by the next `pulumi up` (and a refresh reports it as drift). false:
   * only the listed policies are managed (put in the declared order among themselves); other
   * assignments of the group are never touched and keep their relative order.
   */
  exclusive?: pulumi.Input<boolean>;
}

/** One assignment this resource manages, as ESET holds it. */
export interface GroupPolicyAssignment {
  policyUuid: string;
  assignmentUuid: string;
  /** Its rank among all the group's assignments (1 = highest priority). */
  rank: number;
}

/**
 * The ordered policies of one group of the ESET PROTECT tree, reconciled with the fewest calls
 * (assign, unassign, updateRanking; an assignment already in place is never touched). A refresh
 * reports a policy assigned, unassigned or reordered by hand as drift; `pulumi up --refresh`
 * restores the declared order. Destroying it unassigns the declared policies from the group.
 */
export class GroupPolicies extends pulumi.dynamic.Resource {
  declare public readonly groupUuid: pulumi.Output<string>;
  /** The declared policy uuids, rank 1 first. */
  declare public readonly policies: pulumi.Output<string[]>;
  declare public readonly exclusive: pulumi.Output<boolean>;
  /** The managed assignments ESET holds, rank order. */
  declare public readonly assignments: pulumi.Output<GroupPolicyAssignment[]>;

  constructor(name: string, args: GroupPoliciesArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      groupPoliciesProvider,
      name,
      {
        // Whatever was given, so `check` names a misspelt input from JavaScript instead of the
        // SDK dropping it silently; the declared inputs below win.
        ...(args as object),
        groupUuid: args.groupUuid,
        policies: args.policies,
        exclusive: args.exclusive,
        // Output only: listed so the SDK exposes it on this object.
        assignments: undefined,
      },
      opts,
      "eset-connect",
      "GroupPolicies",
    );
  }
}
