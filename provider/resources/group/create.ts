/**
 * Group create: one path. The create asks ESET for the resource's own uuid (derived from project,
 * stack and resource name, docs/client.md "Interrupted runs"), so a rerun after an interrupted run
 * finds the group that run made instead of making a second; a same-named group that is not
 * recognisably the resource's is decided in orphans.ts. With `existingUuid` the group is adopted.
 */
import type * as pulumi from "@pulumi/pulumi";
import { EsetConnectClient, isApiError } from "../../client";
import { clientUuidCandidates } from "../../client/client-uuid";
import { TREE_FRESHNESS } from "../../client/freshness";
import { findOwnGroup } from "../../client/create-across-runs";
import { isUserErrorStatus } from "../../client/user-errors";
import { runClaims } from "../../tree/claims";
import { adoptionMissingReason, adoptionRefusal } from "../../tree/group-kinds";
import { guardWrite, judgeRefusal } from "../../tree/guard";
import type { TreeChange } from "../../tree/rules";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { describeGroup, say } from "../report";
import { adoptOrRefuse, sameNamed } from "./orphans";
import { placeGroup } from "./place";
import {
  GroupInputs,
  clientUuidFromUrn,
  groupOutputs,
  groupStateFrom,
  partialOutputs,
  placementOf,
} from "./state";

type Wanted = GroupInputs & { clientUuid: string };

export async function createGroup(connect: Connect, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  const wanted = groupStateFrom(inputs);
  const client = connect();
  if (wanted.existingUuid) return adoptGroup(client, wanted, wanted.existingUuid, inputs);
  const clientUuid = wanted.clientUuid ?? clientUuidFromUrn(wanted.resourceUrn);
  if (!clientUuid) throw new Error(noOwnUuidMessage(wanted));
  const created = await createOwnGroup(client, { ...wanted, clientUuid });
  runClaims().created(wanted, String(created.id));
  return created;
}

/**
 * Only inputs not made by the Group class lack both (a hand-made pulumi.dynamic.Resource with this
 * package's provider): without them a rerun could not recognise its own group.
 */
function noOwnUuidMessage(wanted: GroupInputs): string {
  return (
    `${describeGroup(undefined, wanted.displayName)}: the inputs carry neither clientUuid nor resourceUrn, so the ` +
    `create cannot ask ESET for this resource's own uuid, which lets a rerun after an interrupted pulumi up find ` +
    `the group it made instead of making a second. Declare the group with the Group class of pulumi-eset-connect ` +
    `(it sets both), or pass resourceUrn: the URN of this resource.`
  );
}

/** Creates the resource's group, or finds the one an earlier run made; never a second one. */
async function createOwnGroup(
  client: EsetConnectClient,
  wanted: Wanted,
): Promise<pulumi.dynamic.CreateResult> {
  const subject = describeGroup(undefined, wanted.displayName);
  const ownUuids = clientUuidCandidates(wanted.clientUuid);
  const change: TreeChange = { kind: "create", to: placementOf(wanted), ownUuids };
  // ESET's other rules first, before any write; a same-named group is decided here (an orphan?).
  let tree = await guardWrite(client, TREE_FRESHNESS.create, subject, change, ["name-taken"]);
  // The listing may be up to a minute old: a group taken as made by an earlier run, or a same-named
  // one, is confirmed on a listing of this second before anything is decided from it (rare: only
  // after an interrupted run or a change by hand, so a large run lists about once a minute).
  if (findOwnGroup(tree, wanted, ownUuids) || sameNamed(tree, wanted).length > 0) {
    tree = await client.readTree(TREE_FRESHNESS.confirm);
  }
  const own = findOwnGroup(tree, wanted, ownUuids);
  const clashes = sameNamed(tree, wanted).filter((uuid) => uuid !== own?.uuid);
  if (!own && clashes.length > 0) return adoptOrRefuse(client, wanted, clashes);
  try {
    const { group, madeEarlier } = await client.createOwnGroup({
      displayName: wanted.displayName,
      parentGroupUuid: wanted.parentGroupUuid,
      description: wanted.description || undefined,
      linkedEntityType: wanted.linkedEntityType,
      clientUuid: wanted.clientUuid,
    });
    if (madeEarlier) {
      say(
        describeGroup(group.uuid, group.displayName),
        "already created by an earlier run (same uuid, name and parent): taken as created",
      );
    }
    return { id: group.uuid, outs: groupOutputs(wanted, group.uuid, group.ownerUuid) };
  } catch (error) {
    // The listing may predate a same-named group, or a change made by hand: a fresh one decides.
    if (isApiError(error) && isUserErrorStatus(error.status)) {
      const fresh = await client.readTree(TREE_FRESHNESS.fresh);
      const others = sameNamed(fresh, wanted);
      if (others.length > 0) return adoptOrRefuse(client, wanted, others, fresh);
    }
    throw (await judgeRefusal(client, error, subject, change)) ?? error;
  }
}

async function adoptGroup(
  client: EsetConnectClient,
  wanted: GroupInputs,
  uuid: string,
  inputs: Props,
): Promise<pulumi.dynamic.CreateResult> {
  const subject = describeGroup(uuid, wanted.displayName);
  const tree = await client.readTree(TREE_FRESHNESS.fresh);
  const live = tree.byUuid.get(uuid);
  if (!live) throw new Error(`${subject}: existingUuid ${adoptionMissingReason(uuid)}`);
  const refusal = adoptionRefusal(tree, live);
  if (refusal) throw new Error(`${subject}: existingUuid ${refusal}`);
  say(subject, `adopting the existing group "${live.displayName}" (its description cannot be read back)`);
  const from = { displayName: live.displayName, parentGroupUuid: live.parentGroupUuid ?? "" };
  const placed = await placeGroup(client, uuid, from, wanted, undefined, (at) =>
    partialOutputs(groupOutputs({ ...wanted, ...at }, uuid), inputs),
  );
  return { id: uuid, outs: groupOutputs(wanted, uuid, placed.ownerUuid) };
}
