/**
 * Group update: renames and moves in place (place.ts). `diff` answers a replacement that is not
 * allowed as an in-place change (it must not throw, see diff.ts); here it is refused before any
 * call to ESET.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { placeGroup } from "./place";
import { ReplacementRefusedError, replacementBlockers } from "./replacement";
import { groupOutputs, groupStateFrom, partialOutputs } from "./state";

export async function updateGroup(
  connect: Connect,
  id: string,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult> {
  const before = groupStateFrom(olds);
  const wanted = groupStateFrom(news);
  const blockers = replacementBlockers(id, before, news);
  if (blockers.length > 0) throw new ReplacementRefusedError(blockers);
  const placed = await placeGroup(connect(), id, before, wanted, before.ownerUuid, (at) =>
    partialOutputs(groupOutputs({ ...wanted, ...at }, id, before.ownerUuid), news),
  );
  return { outs: groupOutputs(wanted, id, placed.ownerUuid ?? before.ownerUuid) };
}
