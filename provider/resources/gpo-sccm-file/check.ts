/**
 * GpoSccmFile `check`: each input's shape, then, for a new security group whose uuid is known, ESET's
 * tree rules through the preview path (the group must exist and be static).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
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

/** `check` with the tree: a new file's security group must exist and be static. */
export async function checkGpoSccmFileInputs(
  connect: Connect,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  const checked = checkGpoSccmFile(olds, news);
  const group = checked.inputs.securityGroupUuid;
  if (checked.failures.length > 0 || !known(group) || olds.securityGroupUuid === group) return checked;
  const judged = await previewBreaks(clientIfConfigured(connect), (tree) =>
    ruleBreaks(tree, { kind: "enrol", securityGroupUuid: group }),
  );
  checked.failures.push(...(judged?.breaks ?? []).map(({ property, reason }) => ({ property, reason })));
  return checked;
}
