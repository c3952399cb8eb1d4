/**
 * What ESET PROTECT On-Prem's REST API lacks. Both public On-Prem clients (maciekaz/ESET-MCP,
 * Fenrindale/eset-protect-mcp) list group delete and the installer calls as cloud-only, and On-Prem
 * answers a plain 404 for them [seen]. The client refuses them before any call, with what to do
 * instead, so that a destroy never half-runs on a 404.
 */
import { firstNames } from "../../shared/text";

/** The refusal of a group delete on On-Prem, for a group described as `subject`. */
export function onPremDeleteRefusal(subject: string): string {
  return (
    `${subject} cannot be deleted: ESET PROTECT On-Prem's REST API has no group delete (eset:serverUrl is set). ` +
    `Delete the group in the ESET PROTECT web console and run pulumi refresh; to stop managing it without ` +
    `deleting it, run pulumi state delete with its URN, or set retainOnDelete: true and run pulumi up first. ` +
    `To have pulumi preview refuse such a removal, give the group the resource option protect: true ` +
    `(in YAML, options: protect: true; the TypeScript Group and both Hierarchy components do so on On-Prem).`
  );
}

/** The refusal of the GPO/SCCM installer file on On-Prem. */
export const ON_PREM_INSTALLER_REFUSAL =
  "ESET PROTECT On-Prem's REST API has no installer calls (eset:serverUrl is set), so a GpoSccmFile cannot be " +
  "generated: create the installer in the ESET PROTECT web console (Installers), or remove the GpoSccmFile.";

/**
 * The refusal of a Group replacement on On-Prem: a replacement deletes the group first, which
 * On-Prem cannot do. `changed` names the inputs that force it (description, linkedEntityType,
 * existingUuid).
 */
export function onPremReplaceRefusal(subject: string, changed: readonly string[]): string {
  return (
    `${subject} cannot be replaced: changing ${changed.join(", ")} needs a new group, and ESET PROTECT On-Prem's ` +
    `REST API has no group delete (eset:serverUrl is set), so the old one could not be removed. Set ` +
    `${changed.length === 1 ? "it" : "them"} back to the value in ESET, or change the group in the ESET PROTECT web console ` +
    `and run pulumi refresh.`
  );
}

/**
 * What `eset-connect plan` says when a plan against On-Prem removes or retypes groups: `pulumi up`
 * would refuse those changes (the engine deletes a removed group without asking the provider in
 * preview, so the plan is the earliest place to see it). Paths of the groups, below All.
 */
export function onPremPlanRefusal(removed: readonly string[], retyped: readonly string[]): string {
  const what = [
    removed.length > 0
      ? `removes ${removed.length === 1 ? "group" : "groups"} ${firstNames([...removed])}`
      : "",
    retyped.length > 0
      ? `changes the entity type of ${firstNames([...retyped])}, which needs a replacement (a delete first)`
      : "",
  ].filter((part) => part !== "");
  return (
    `ESET PROTECT On-Prem's REST API has no group delete (--server-url is set), so pulumi up cannot apply this ` +
    `plan: it ${what.join(" and ")}. Delete those groups in the ESET PROTECT web console and run pulumi ` +
    `refresh, or keep them declared as they are.`
  );
}
