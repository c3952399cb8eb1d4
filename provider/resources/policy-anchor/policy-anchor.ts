import * as pulumi from "@pulumi/pulumi";
import { policyAnchorProvider } from "../serialized-providers";

/** Inputs of a {@link PolicyAnchor}: name the policy by `uuid` or by `displayName`, exactly one. */
export interface PolicyAnchorArgs {
  /** The uuid of the existing policy. Default: none (found by `displayName`). Not with `displayName`. */
  uuid?: pulumi.Input<string>;
  /**
   * The policy's name exactly as ESET PROTECT shows it, e.g. `"Antivirus - Balanced"`. Default:
   * none (found by `uuid`). A name no policy has, or one that two policies share, fails `check`
   * (with the closest name, or the uuids to choose from). Not with `uuid`.
   */
  displayName?: pulumi.Input<string>;
}

/**
 * A read-only reference to an existing policy of the tenant, built-in or made in the ESET PROTECT
 * console, so that {@link GroupPolicies} can list it by name. Nothing ever writes to a policy
 * through it: `pulumi up` only reads, `pulumi destroy` drops it from the stack without a call. An
 * unknown or ambiguous name fails `check` in preview; it needs ESET credentials in preview (it
 * reads the tenant's policies, one listing for the run).
 */
export class PolicyAnchor extends pulumi.dynamic.Resource {
  /** The policy's uuid (also the resource id); known in preview once the policy is found. */
  declare public readonly uuid: pulumi.Output<string>;
  /** The policy's name in ESET. */
  declare public readonly displayName: pulumi.Output<string>;
  /** Its description; "" when it has none. */
  declare public readonly description: pulumi.Output<string>;
  /** Whether ESET ships it (built-in policies cannot be changed or deleted). */
  declare public readonly builtIn: pulumi.Output<boolean>;

  constructor(name: string, args: PolicyAnchorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      policyAnchorProvider,
      name,
      {
        // Whatever was given, so `check` names a misspelt input from JavaScript instead of the
        // SDK dropping it silently; the declared inputs below win.
        ...(args as object),
        uuid: args.uuid,
        displayName: args.displayName,
        // Outputs only: listed so the SDK exposes them on this object.
        description: undefined,
        builtIn: undefined,
      },
      opts,
      "eset-connect",
      "PolicyAnchor",
    );
  }
}
