/**
 * What a GpoSccmFile keeps in state: its inputs (echoed) and the file ESET generated (`gpoSccmFile`
 * as base64, `content` as text, `sha256`). ESET keeps no copy, so any input change is a new file.
 */

/** The inputs; each one, changed, generates a new file (a replacement). */
export const GPO_SCCM_FILE_INPUTS = ["securityGroupUuid", "sendAnonymousDiagnosticData", "triggers"] as const;
