/** GpoSccmFile `create`: generates the file, once the security group is known to exist and be static. */
import type * as pulumi from "@pulumi/pulumi";
import { createHash, randomUUID } from "node:crypto";
import type { EsetConnectClient, GenerateGpoSccmFileInput } from "../../client";
import { TREE_FRESHNESS } from "../../client/freshness";
import { guardWrite, judgeRefusal } from "../../tree/guard";
import type { TreeChange } from "../../tree/rules";
import type { Connect } from "../connect";
import type { Props } from "../inputs";

export async function createGpoSccmFile(
  connect: Connect,
  inputs: Props,
): Promise<pulumi.dynamic.CreateResult> {
  const securityGroupUuid =
    typeof inputs.securityGroupUuid === "string" ? inputs.securityGroupUuid : undefined;
  const client = connect();
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

/** Generates the file once the security group is known to exist and to be static (tree/rules.ts). */
async function generateChecked(
  client: EsetConnectClient,
  request: GenerateGpoSccmFileInput,
): Promise<string> {
  if (request.securityGroupUuid === undefined) return client.generateGpoSccmFile(request);
  const subject = `GPO/SCCM file for group ${request.securityGroupUuid}`;
  const change: TreeChange = { kind: "enrol", securityGroupUuid: request.securityGroupUuid };
  await guardWrite(client, TREE_FRESHNESS.create, subject, change);
  try {
    return await client.generateGpoSccmFile(request);
  } catch (error) {
    throw (await judgeRefusal(client, error, subject, change)) ?? error;
  }
}
