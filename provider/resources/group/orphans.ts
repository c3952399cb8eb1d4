/**
 * Same-named groups a create meets (docs/client.md, "Interrupted runs"). When ESET did not keep the
 * uuid the resource asked for, a same-named group under the parent cannot be told apart from one
 * made by hand: the create fails naming each such group with its uuid and the one command that
 * adopts it, unless `eset:adoptEmptyGroupsOnCreate` is true and it is the only one and no device
 * sits in it or below it. A group holding a device is never taken over, and no second same-named
 * group is made. Groups inside do not stop the takeover: a run killed with checkpoints skipped
 * (docs/large-tenants.md) leaves whole subtrees the state never recorded, whose parents the rerun
 * meets first; each group inside is then decided by its own resource, and one the stack does not
 * declare stays unmanaged, so the delete guard refuses to delete the group while it is inside.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EsetConnectClient, GroupTree } from "../../client";
import { TREE_FRESHNESS } from "../../client/freshness";
import { descendantsOf } from "../../client/tree";
import { normaliseLinkedEntityType } from "../../client/linked-entity";
import { groupText } from "../../tree/rules";
import { count } from "../../../shared/text";
import { describeGroup, say } from "../report";
import { GroupInputs, groupOutputs } from "./state";

type Wanted = GroupInputs & { clientUuid: string };
/** What the orphan message needs of a resource (check has no full GroupInputs yet). */
type Named = Pick<GroupInputs, "displayName" | "parentGroupUuid" | "resourceUrn"> & { clientUuid: string };

/** The uuids of the groups under the parent that carry the wanted name. */
export function sameNamed(
  tree: GroupTree,
  wanted: Pick<GroupInputs, "displayName" | "parentGroupUuid">,
): string[] {
  return tree
    .childrenOf(wanted.parentGroupUuid)
    .filter((g) => g.displayName === wanted.displayName)
    .map((g) => g.uuid);
}

/**
 * The one command that adopts an orphan under the real CLI: `--import-pending-creates` is a list of
 * URN, ID pairs, one value per flag (pkg/cmd/pulumi/operations/refresh.go, `pendingCreatesToImports`).
 */
export function importCommand(urn: string, uuid: string): string {
  return `pulumi refresh --import-pending-creates '${urn}' --import-pending-creates ${uuid}`;
}

/** The failure for same-named groups that are not recognisably this resource's. */
export function orphanMessage(tree: GroupTree, wanted: Named, uuids: string[], why?: string): string {
  return `${describeGroup(undefined, wanted.displayName)}: ${orphanReason(tree, wanted, uuids, why)}`;
}

/** The same without the group's name in front (a `check` failure names its input instead). */
export function orphanReason(tree: GroupTree, wanted: Named, uuids: string[], why?: string): string {
  const listed = uuids.join(", ");
  const urn = wanted.resourceUrn ?? "<urn of this resource: pulumi stack --show-urns>";
  const command = uuids.map((uuid) => importCommand(urn, uuid)).join("  or  ");
  return (
    `a group with this name already exists under ${groupText(tree, wanted.parentGroupUuid)}: ${listed}` +
    `${why ? ` (${why})` : ""}. An interrupted earlier run of this stack (a cancelled job, a runner timeout) may have ` +
    `created it: ESET did not keep the uuid this resource asks for (${wanted.clientUuid}), so it cannot be recognised ` +
    `as this resource's. If it is, adopt it with: ${command} (then pulumi up); if that command finds no pending create, ` +
    `set existingUuid: "${uuids[0]}" on the resource instead. One with no device in it or below it can also be taken over by one ` +
    `pulumi up with eset:adoptEmptyGroupsOnCreate set to true. If it is another group, choose another displayName.`
  );
}

/**
 * Takes over the single same-named group with no device in it or below it if the stack opted in;
 * else fails naming each.
 * `fresh`: a listing started after the clash was seen, if the caller has one.
 */
export async function adoptOrRefuse(
  client: EsetConnectClient,
  wanted: Wanted,
  uuids: string[],
  fresh?: GroupTree,
): Promise<pulumi.dynamic.CreateResult> {
  const tree = fresh ?? (await client.readTree(TREE_FRESHNESS.fresh));
  if (!client.config.adoptEmptyGroupsOnCreate) throw new Error(orphanMessage(tree, wanted, uuids));
  if (uuids.length > 1) {
    throw new Error(orphanMessage(tree, wanted, uuids, "more than one: none is taken over"));
  }
  const uuid = uuids[0];
  const live = tree.byUuid.get(uuid);
  if (!live) throw new Error(orphanMessage(tree, wanted, uuids, "it vanished while being checked"));
  // Each device once: ESET lists a device once per group membership.
  const devices = new Set(
    (await client.listGroupDevices(uuid, { recurseSubgroups: true })).map((d) => d.uuid),
  ).size;
  if (devices > 0) {
    const holds = `it holds ${count(devices, "device")} in it or below it`;
    throw new Error(orphanMessage(tree, wanted, uuids, `${holds}, so it is never taken over`));
  }
  const liveType = normaliseLinkedEntityType(live.linkedEntityType) ?? live.linkedEntityType;
  if (liveType !== wanted.linkedEntityType) {
    throw new Error(
      orphanMessage(tree, wanted, uuids, `it is linked as ${liveType}, not ${wanted.linkedEntityType}`),
    );
  }
  const groups = descendantsOf(tree, uuid).length;
  const inside =
    groups > 0
      ? `; the ${count(groups, "group")} inside stay as they are, each taken over by its own resource or left unmanaged`
      : "";
  say(
    describeGroup(uuid, wanted.displayName),
    `taking over the same-named group with no device in it or below it (eset:adoptEmptyGroupsOnCreate)${inside}: ` +
      "an interrupted earlier run may have created it",
  );
  return { id: uuid, outs: groupOutputs(wanted, uuid) };
}
