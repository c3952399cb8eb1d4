/**
 * What the dynamic-provider host loads: `require("pulumi-eset-connect/dynamic-provider")`.
 * The serialized providers in state (see `provider/resources/serialized-providers.ts`) call
 * `install` from their `configure`; everything else is reached through the methods it installs.
 * Here the stack's settings are wired to each resource's methods: they reach ESET through the
 * process's client for those settings.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configure, esetClient } from "./settings";
import { groupMethods } from "../resources/group/provider";
import { gpoSccmFileMethods } from "../resources/gpo-sccm-file/provider";
import { groupAnchorMethods } from "../resources/group-anchor/provider";
import { groupPoliciesMethods } from "../resources/group-policies/provider";
import { policyAnchorMethods } from "../resources/policy-anchor/provider";
import { forEngine, reportingToEngine } from "./engine-errors";

const connect = () => esetClient();

export const group = groupMethods(connect);
export const gpoSccmFile = gpoSccmFileMethods(connect);
export const groupAnchor = groupAnchorMethods(connect);
export const groupPolicies = groupPoliciesMethods(connect);
export const policyAnchor = policyAnchorMethods(connect);
export { configure };

const IMPLEMENTATIONS: Record<string, Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
  group,
  gpoSccmFile,
  groupAnchor,
  groupPolicies,
  policyAnchor,
};

/**
 * Called by a serialized provider's `configure`: gives `target` (the provider object the host just
 * loaded) the methods of resource `kind`, and remembers the stack config. Part of the contract with
 * every stack's state: keep its name and arguments.
 */
export function install(target: object, kind: string, req: pulumi.dynamic.ConfigureRequest): void {
  try {
    const implementation = IMPLEMENTATIONS[kind];
    if (!implementation) {
      throw new Error(
        `pulumi-eset-connect has no resource kind ${JSON.stringify(kind)}: the stack was deployed with a newer ` +
          `version of pulumi-eset-connect than the one installed next to this program; upgrade it.`,
      );
    }
    Object.assign(target, reportingToEngine(implementation));
    configure(req);
  } catch (error) {
    throw forEngine(error);
  }
}
