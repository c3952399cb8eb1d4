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
import { EsetConnectClient, GenerateGpoSccmFileInput } from "../client";
import { esetClient } from "./settings";
import { TreeChange } from "./tree-checks";
import { assertTreeRules, judgeRefusal } from "./tree-decisions";
import { gpoSccmFileCheckTreeFailures } from "./tree-preview";

export async function createGpoSccmFile(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  const securityGroupUuid =
    typeof inputs.securityGroupUuid === "string" ? inputs.securityGroupUuid : undefined;
  const client = esetClient();
  const request = {
    securityGroupUuid,
    sendAnonymousDiagnosticData: inputs.sendAnonymousDiagnosticData === true,
  };
  const gpoSccmFile = await generateChecked(client, request);
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

/** Generates the file once the security group is known to exist and to be static (see tree-checks.ts). */
async function generateChecked(
  client: EsetConnectClient,
  request: GenerateGpoSccmFileInput,
): Promise<string> {
  if (request.securityGroupUuid === undefined) return client.generateGpoSccmFile(request);
  const subject = `GPO/SCCM file for group ${request.securityGroupUuid}`;
  const change: TreeChange = { kind: "enrol", securityGroupUuid: request.securityGroupUuid };
  assertTreeRules(await client.readTree(), subject, change);
  try {
    return await client.generateGpoSccmFile(request);
  } catch (error) {
    throw (await judgeRefusal(client, error, subject, change)) ?? error;
  }
}

export async function readGpoSccmFile(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const group = props.securityGroupUuid;
  if (typeof group === "string" && !(await esetClient().readTree()).byUuid.has(group)) return {};
  return { id, props };
}

export const gpoSccmFile: Omit<pulumi.dynamic.ResourceProvider, "configure"> = {
  check: async (olds, news) => {
    const checked = checkGpoSccmFile(olds, news);
    if (checked.failures.length === 0) {
      checked.failures.push(...(await gpoSccmFileCheckTreeFailures(olds, checked.inputs)));
    }
    return checked;
  },
  diff: async (id, olds, news) => diffGpoSccmFile(id, olds, news),
  create: createGpoSccmFile,
  read: (id, props) => readGpoSccmFile(id, props ?? {}),
  // Every input change replaces the file, so there is no update; nothing to delete remotely.
  delete: async () => undefined,
};
