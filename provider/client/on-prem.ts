/**
 * What ESET PROTECT On-Prem's REST API lacks. Both public On-Prem clients (maciekaz/ESET-MCP,
 * Fenrindale/eset-protect-mcp) list group delete and the installer calls as cloud-only, and On-Prem
 * answers a plain 404 for them [seen]. The client refuses them before any call, with what to do
 * instead, so that a destroy never half-runs on a 404.
 */

/** The refusal of a group delete on On-Prem, for a group described as `subject`. */
export function onPremDeleteRefusal(subject: string): string {
  return (
    `${subject} cannot be deleted: ESET PROTECT On-Prem's REST API has no group delete (eset:serverUrl is set). ` +
    `Delete the group in the ESET PROTECT web console and run pulumi refresh; to stop managing it without ` +
    `deleting it, run pulumi state delete with its URN, or set retainOnDelete: true and run pulumi up first.`
  );
}

/** The refusal of the GPO/SCCM installer file on On-Prem. */
export const ON_PREM_INSTALLER_REFUSAL =
  "ESET PROTECT On-Prem's REST API has no installer calls (eset:serverUrl is set), so a GpoSccmFile cannot be " +
  "generated: create the installer in the ESET PROTECT web console (Installers), or remove the GpoSccmFile.";
