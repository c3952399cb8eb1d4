/**
 * The declared policies' uuids for a running Pulumi program (the `Hierarchy` component and the
 * plugin's): names are resolved with one listing of the tenant's policies, made with the provider's
 * settings (stack config `eset:*`, then `ESET_CONNECT_*`), in preview as in `up`, before any
 * resource of the hierarchy is written. A file of uuids only needs no listing: `GroupPolicies`
 * checks them itself.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseClientConfig, sharedClient, type ClientConfigInput, type Policy } from "../client";
import type { DeclaredHierarchy } from "./declared";
import { programSettings } from "./parent-uuid";
import {
  declaresPolicies,
  declaresPolicyNames,
  HierarchyPolicyError,
  policyUuidsByKey,
} from "./policy-names";
import type { Locate } from "./problems";
import { asHierarchyUserError, hierarchyUserError } from "./user-error";

/**
 * Key → policy uuids (rank order) of every node that declares `policies:`; undefined when no node
 * does (no call at all). Fails with `HierarchyPolicyError` (every problem, placed by `locate`).
 */
export function resolveHierarchyPolicies(
  declared: DeclaredHierarchy,
  locate: Locate,
): pulumi.Output<Record<string, string[]>> | undefined {
  if (!declaresPolicies(declared)) return undefined;
  // A record, not the Map: an output of a Map does not come back as a Map.
  if (!declaresPolicyNames(declared)) {
    return pulumi.output(Object.fromEntries(policyUuidsByKey(declared, undefined, locate)));
  }
  // The listing's settings include the (secret) password; the uuids found are not secret.
  return pulumi.unsecret(
    programSettings().apply(async (settings) => {
      const policies = await listPolicies(settings);
      try {
        return Object.fromEntries(policyUuidsByKey(declared, policies, locate));
      } catch (error) {
        // Its message alone ends the program, not the stack of an unhandled error (user-error.ts).
        if (error instanceof HierarchyPolicyError) throw hierarchyUserError(error.message);
        throw error;
      }
    }),
  );
}

/** ESET's policies; a setting missing from the stack config fails as a user error (user-error.ts). */
async function listPolicies(settings: ClientConfigInput): Promise<Policy[]> {
  try {
    return await sharedClient(parseClientConfig(settings)).listPolicies();
  } catch (error) {
    throw asHierarchyUserError(error);
  }
}

/**
 * `value` once the policies are resolved: the hierarchy's root parent goes through it, so that a
 * policy name that does not resolve fails every Group before it is written (even with
 * `--skip-preview`), not after the groups are made.
 */
export function afterPolicies<T>(
  value: pulumi.Input<T>,
  resolved: pulumi.Output<unknown> | undefined,
): pulumi.Output<T> {
  if (resolved === undefined) return pulumi.output(value) as pulumi.Output<T>;
  return pulumi.all([value, resolved]).apply(([known]) => known) as pulumi.Output<T>;
}
