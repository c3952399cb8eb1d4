/**
 * Group read (refresh): every read of one refresh is served from one listing (a read session of
 * the client's tree snapshot, TREE_FRESHNESS.refresh), so a refresh of any size costs one listing
 * and sees one point in time. Returns the live name, parent and linked entity type as both outputs
 * and inputs, so a rename or move made in the console shows up as drift. ESET cannot return the
 * description: the stored one is kept.
 */
import type * as pulumi from "@pulumi/pulumi";
import { normaliseLinkedEntityType } from "../../client/linked-entity";
import { TREE_FRESHNESS } from "../../client/freshness";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { groupOutputs, groupStateFrom } from "./state";

export async function readGroup(
  connect: Connect,
  id: string,
  props: Props,
): Promise<pulumi.dynamic.ReadResult> {
  const stored = groupStateFrom(props);
  // Errors (403 included) propagate: only a listing without the group means it is gone.
  const tree = await connect().readTree(TREE_FRESHNESS.refresh);
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
