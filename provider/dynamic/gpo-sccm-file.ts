/**
 * The GpoSccmFile implementation the dynamic-provider host runs. ESET generates the file on demand
 * and keeps no copy: create generates it, delete has nothing to remove, and read keeps the stored
 * file unless the group it enrols devices into is gone (then a refresh reports the file gone, and
 * the next `pulumi up` generates a new one).
 */
import type * as pulumi from "@pulumi/pulumi";
import { createHash, randomUUID } from "node:crypto";
import { checkGpoSccmFile, diffGpoSccmFile } from "./gpo-sccm-file-inputs";
import { Props } from "./inputs";
import { esetClient } from "./settings";

export async function createGpoSccmFile(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  const securityGroupUuid =
    typeof inputs.securityGroupUuid === "string" ? inputs.securityGroupUuid : undefined;
  const gpoSccmFile = await esetClient().generateGpoSccmFile({
    securityGroupUuid,
    sendAnonymousDiagnosticData: inputs.sendAnonymousDiagnosticData === true,
  });
  const bytes = Buffer.from(gpoSccmFile, "base64");
  const outs: Props = {
    ...inputs,
    sendAnonymousDiagnosticData: inputs.sendAnonymousDiagnosticData === true,
    gpoSccmFile,
    content: bytes.toString("utf8"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  return { id: randomUUID(), outs };
}

export async function readGpoSccmFile(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const group = props.securityGroupUuid;
  if (typeof group === "string" && !(await esetClient().readTree()).byUuid.has(group)) return {};
  return { id, props };
}

export const gpoSccmFile: Omit<pulumi.dynamic.ResourceProvider, "configure"> = {
  check: async (olds, news) => checkGpoSccmFile(olds, news),
  diff: async (id, olds, news) => diffGpoSccmFile(id, olds, news),
  create: createGpoSccmFile,
  read: (id, props) => readGpoSccmFile(id, props ?? {}),
  // Every input change replaces the file, so there is no update; nothing to delete remotely.
  delete: async () => undefined,
};
