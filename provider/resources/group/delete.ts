/**
 * Group delete. ESET deletes a group with every group and device below it. Pulumi deletes the
 * groups a stack manages before their parent, so whatever is still inside when a group's delete
 * runs is not managed by this stack: the delete is refused unless `forceDestroy` is true.
 * A linked group or All / Lost & found is never the target of a DELETE (ESET's spec forbids it):
 * the stack forgets such a Group, which only older versions could record, and ESET keeps it.
 *
 * What is inside comes from a listing of the groups and of the tenant's devices started after this
 * delete began, shared with the deletes waiting at the same time (provider/client/delete-listing.ts),
 * so a group or device added by hand before the delete began is never deleted unseen. Devices come
 * from ESET's member listing and from GET /v1/devices, because the member listing may lag (the limit
 * that leaves is in docs/resources.md, "What the delete guard promises").
 */
import { Device, EsetConnectClient, GroupTree, isUserError } from "../../client";
import { DeleteCheck, SharedDeleteListing } from "../../client/delete-listing";
import { descendantsOf } from "../../client/tree";
import { debugLogFromEnv } from "../../client/observe";
import { groupStateFrom } from "./state";
import type { Props } from "../inputs";
import { groupKind } from "../../tree/group-kinds";
import { describeGroup, say } from "../report";
import { count, firstNames } from "../../../shared/text";
import type { Connect } from "../connect";
import { deleteBreak } from "../../tree/rules";
import { FORBIDDEN_NOTE } from "../../tree/guard";
import { processWide } from "../../../shared/process-wide";
import { TREE_FRESHNESS } from "../../client/freshness";
import { onPremDeleteRefusal } from "../../client/on-prem";

/**
 * The devices in the group or below it, each once: ESET lists a device once per group membership,
 * and it is inside when any of its groups is.
 */
export function devicesInside(tree: GroupTree, uuid: string, devices: readonly Device[]): Device[] {
  const groups = new Set([uuid, ...descendantsOf(tree, uuid).map((g) => g.uuid)]);
  const inside = new Map<string, Device>();
  for (const device of devices) {
    if (groups.has(device.groupUuid) && !inside.has(device.uuid)) inside.set(device.uuid, device);
  }
  return [...inside.values()];
}

// One shared listing per client, on globalThis so that every copy of this module the host loads
// (one per serialized provider text) joins the same waves.
type Registry = WeakMap<EsetConnectClient, SharedDeleteListing>;

function sharedListingOf(client: EsetConnectClient): SharedDeleteListing {
  const registry = processWide<Registry>("deleteListings", () => new WeakMap());
  let listing = registry.get(client);
  if (!listing) {
    listing = new SharedDeleteListing({
      now: Date.now,
      // Devices first: a device then always sits in a group the group listing shows (or that is
      // gone); the other way round, a group made in between could hide its devices. Two device
      // listings: ESET's member listing (every membership, but a replicated projection that may lag
      // behind a device's moves) and GET /v1/devices (current, one group per device). A device
      // either one places inside counts (devicesInside takes each device once).
      list: async () => {
        const [members, current] = await Promise.all([client.listDevices(), client.listTenantDevices()]);
        const tree = await client.readTree(TREE_FRESHNESS.fresh);
        return { tree, devices: [...members, ...current] };
      },
    });
    registry.set(client, listing);
  }
  return listing;
}

/** How the delete checked the group, for the lines it prints. */
function checkedIn(check: DeleteCheck): string {
  const others = check.sharedBy - 1;
  const shared = others > 0 ? `, shared with ${count(others, "other delete")}` : "";
  return (
    `listing ${check.wave} of groups and devices, started ${Math.max(0, check.listedAt - check.joinedAt)} ms ` +
    `after this delete began${shared}`
  );
}

export async function deleteGroup(connect: Connect, id: string, props: Props): Promise<void> {
  const state = groupStateFrom(props);
  const client = connect();
  // Before any listing: On-Prem has no group delete, whatever is inside.
  if (client.config.serverUrl) throw new Error(onPremDeleteRefusal(describeGroup(id, state.displayName)));
  const check = await sharedListingOf(client).join();
  try {
    await deleteChecked(client, id, state, check);
  } finally {
    check.done();
  }
}

async function deleteChecked(
  client: EsetConnectClient,
  id: string,
  state: ReturnType<typeof groupStateFrom>,
  check: DeleteCheck,
): Promise<void> {
  // Decided as soon as the wave's listing is in; writes of this process made while it ran are in it.
  const { tree } = check;
  const live = tree.byUuid.get(id);
  const subject = describeGroup(id, live?.displayName ?? state.displayName);
  if (!live) {
    say(subject, `already gone (not in ${checkedIn(check)})`);
    return;
  }
  const kind = groupKind(live);
  if (kind.kind !== "static") {
    // Only state from an older version (or edited by hand) holds such a Group: ESET refuses the
    // DELETE, so the stack lets go of the group and leaves it, and everything in it, as it is.
    const what =
      kind.kind === "linked"
        ? `linked to an ESET entity (${kind.linkedEntityType})`
        : `ESET's special group ${kind.name}`;
    say(
      subject,
      `not deleted: it is ${what}, which ESET Connect cannot delete; the stack forgets it and ESET keeps it as it is`,
    );
    return;
  }
  const groups = descendantsOf(tree, id);
  const devices = devicesInside(tree, id, check.devices);
  if (groups.length + devices.length > 0) {
    const inside = [
      groups.length > 0
        ? `${count(groups.length, "group")} (${firstNames(groups.map((g) => g.displayName))})`
        : "",
      devices.length > 0
        ? `${count(devices.length, "device")} (${firstNames(devices.map((d) => d.displayName || d.uuid))})`
        : "",
    ]
      .filter(Boolean)
      .join(" and ");
    if (!state.forceDestroy) {
      throw new Error(
        `${subject} still contains ${inside} that this stack does not manage; deleting the group would delete ` +
          `them too. Move them out of the group in ESET PROTECT, or set forceDestroy: true on this group and run ` +
          `pulumi up before deleting it.`,
      );
    }
    say(subject, `forceDestroy is true: deleting it with ${inside} (found in ${checkedIn(check)})`);
  } else {
    debugLogFromEnv()?.(
      `[eset-connect] ${subject}: nothing inside (checked in ${checkedIn(check)}); deleting`,
    );
  }
  // ESET's rules, checked before the call (tree/rules.ts): never All or Lost & found, never a linked group.
  const refused = deleteBreak(tree, id);
  if (refused.special) {
    throw new Error(
      `${subject} is ESET's built-in group "${refused.special}", which the API cannot delete. Remove it from the ` +
        `stack without deleting it: pulumi state delete with its URN, or retainOnDelete: true and pulumi up first.`,
    );
  }
  if (refused.linked) {
    const linked = refused.linked;
    const which =
      linked.uuid === id ? "it is" : `${describeGroup(linked.uuid, linked.displayName)} inside it is`;
    throw new Error(
      `${subject} cannot be deleted: ${which} linked to an ESET entity (${linked.linkedEntityType}), and ESET ` +
        `refuses to delete linked groups through the API. Remove the link in ESET's ` +
        `customer or MSP management first; to stop managing the group without deleting it, run ` +
        `pulumi state delete with its URN, or set retainOnDelete: true and run pulumi up before removing it.`,
    );
  }
  try {
    const outcome = await client.deleteGroup(id, {
      releaseConsumedUnits: state.releaseConsumedUnitsOnDelete,
    });
    if (outcome === "not-found") say(subject, "already gone (ESET answered 404 to the delete)");
  } catch (error) {
    // ESET may answer 403 (not 404) for a group already gone, e.g. deleted by an earlier attempt.
    if (isUserError(error) && (await isGone(client, id))) {
      say(subject, "already gone");
      return;
    }
    if (isUserError(error) && error.status === 403) {
      throw new Error(`${error.message}. ${FORBIDDEN_NOTE}.`, { cause: error });
    }
    throw error;
  }
}

async function isGone(client: EsetConnectClient, id: string): Promise<boolean> {
  return !(await client.readTree(TREE_FRESHNESS.fresh)).byUuid.has(id);
}
