/**
 * Group read (refresh): served from the client's tree snapshot, so refreshing many groups costs
 * one listing. Returns the live name, parent and linked entity type as both outputs and inputs,
 * so a rename or move made in the console shows up as drift. ESET cannot return the description:
 * the stored one is kept.
 */
import type * as pulumi from "@pulumi/pulumi";
import { groupStateFrom } from "./group-inputs";
import { groupOutputs } from "./group-write";
import { Props } from "./inputs";
import { normaliseLinkedEntityType } from "../client/linked-entity";
import { esetClient } from "./settings";

export async function readGroup(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const stored = groupStateFrom(props);
  // Errors (403 included) propagate: only a listing without the group means it is gone.
  const tree = await esetClient().readTree();
  const live = tree.byUuid.get(id);
  if (!live) return {};
  const { uuid: _uuid, ownerUuid, ...storedInputs } = stored;
  const inputs = {
    ...storedInputs,
    displayName: live.displayName,
    parentGroupUuid: live.parentGroupUuid ?? "",
    linkedEntityType: normaliseLinkedEntityType(live.linkedEntityType) ?? stored.linkedEntityType,
  };
  const outs = groupOutputs(inputs, id, ownerUuid);
  const { uuid: _u, ownerUuid: _o, ...echoedInputs } = outs;
  return { id, props: outs, inputs: echoedInputs };
}
