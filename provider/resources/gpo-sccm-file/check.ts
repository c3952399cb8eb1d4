/**
 * GpoSccmFile `check`: each input's shape, then, for a new security group whose uuid is known, ESET's
 * tree rules through the preview path (the group must exist and be static).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ON_PREM_INSTALLER_REFUSAL } from "../../client/on-prem";
import { ruleBreaks } from "../../tree/guard";
import { previewBreaks } from "../../tree/preview";
import { Connect, clientIfConfigured } from "../connect";
import { CheckFailure, Props, checkFields, known } from "../inputs";
import { GPO_SCCM_FILE_INPUTS } from "./state";

const FIELDS = {
  securityGroupUuid: z
    .string({ error: "must be the uuid of the group new devices join (a Group's uuid), or left out" })
    .optional()
    .refine((s) => s === undefined || s.trim() !== "", {
      message: "must not be empty: give a Group's uuid, or leave securityGroupUuid out",
    }),
  sendAnonymousDiagnosticData: z
    .boolean({ error: "must be true or false (default false)" })
    .optional()
    .transform((b) => b ?? false),
  triggers: z
    .record(z.string(), z.unknown(), {
      error: "must be a map of names to values; changing any value generates a new file",
    })
    .optional(),
};

export function checkGpoSccmFile(_olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] } {
  const { values, failures } = checkFields(FIELDS, news);
  const inputs: Props = { ...values };
  for (const key of GPO_SCCM_FILE_INPUTS) if (inputs[key] === undefined) delete inputs[key];
  return { inputs, failures };
}

/**
 * `check` with the settings and the tree: ESET PROTECT On-Prem has no installer calls, so a
 * GpoSccmFile there fails `check`, in preview, before any resource is written; otherwise a new
 * file's security group must exist and be static.
 */
export async function checkGpoSccmFileInputs(
  connect: Connect,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  const checked = checkGpoSccmFile(olds, news);
  const client = clientIfConfigured(connect);
  if (client?.config.serverUrl) {
    // No property: the resource itself, not one input, is what On-Prem cannot make.
    checked.failures.push({ property: "", reason: ON_PREM_INSTALLER_REFUSAL });
    return checked;
  }
  const group = checked.inputs.securityGroupUuid;
  if (checked.failures.length > 0 || !known(group) || olds.securityGroupUuid === group) return checked;
  const judged = await previewBreaks(client, (tree) =>
    ruleBreaks(tree, { kind: "enrol", securityGroupUuid: group }),
  );
  checked.failures.push(...(judged?.breaks ?? []).map(({ property, reason }) => ({ property, reason })));
  return checked;
}
