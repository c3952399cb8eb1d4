/**
 * GpoSccmFile `read` (refresh): the stored file stays unless the group it enrols devices into is
 * gone (then the file is reported gone, and the next `pulumi up` generates a new one).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";

export async function readGpoSccmFile(
  connect: Connect,
  id: string,
  props: Props,
): Promise<pulumi.dynamic.ReadResult> {
  const group = props.securityGroupUuid;
  if (typeof group === "string" && !(await connect().readTree()).byUuid.has(group)) return {};
  return { id, props };
}
