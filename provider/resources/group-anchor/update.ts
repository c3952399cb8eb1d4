/** GroupAnchor `update`: nothing to write; the group is read again, as in create. */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { resolveOrThrow } from "./create";

export async function updateGroupAnchor(connect: Connect, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await resolveOrThrow(connect, news) };
}
