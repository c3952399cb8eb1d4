/**
 * Group delete. ESET deletes a group with every group and device below it. Pulumi deletes the
 * groups a stack manages before their parent, so whatever is still inside when a group's delete
 * runs is not managed by this stack: the delete is refused unless `forceDestroy` is true.
 *
 * What is inside comes from a listing of the groups and of the tenant's devices started after this
 * delete began, shared with the deletes waiting at the same time (provider/client/delete-listing.ts),
 * so a group or device added by hand before the delete began is never deleted unseen.
 */
import { Device, DeviceGroup, EsetConnectClient, GroupTree, isApiError } from "../client";
import { DeleteCheck, SharedDeleteListing } from "../client/delete-listing";
import { debugLogFromEnv } from "../client/observe";
import { groupStateFrom } from "./group-inputs";
import { Props } from "./inputs";
import { isLinked } from "../client/linked-entity";
import { count, describeGroup, firstNames, say } from "./report";
import { esetClient } from "./settings";

/** Every group below `uuid` (not itself), parents before children. */
function groupsBelow(tree: GroupTree, uuid: string): DeviceGroup[] {
  const out: DeviceGroup[] = [];
  const seen = new Set([uuid]);
  const queue = [...tree.childrenOf(uuid)];
  while (queue.length > 0) {
    const group = queue.shift() as DeviceGroup;
    if (seen.has(group.uuid)) continue;
    seen.add(group.uuid);
    out.push(group);
    queue.push(...tree.childrenOf(group.uuid));
  }
  return out;
}

/**
 * The devices in the group or below it, each once: ESET lists a device once per group membership,
 * and it is inside when any of its groups is.
 */
export function devicesInside(tree: GroupTree, uuid: string, devices: readonly Device[]): Device[] {
  const groups = new Set([uuid, ...groupsBelow(tree, uuid).map((g) => g.uuid)]);
  const inside = new Map<string, Device>();
  for (const device of devices) {
    if (groups.has(device.groupUuid) && !inside.has(device.uuid)) inside.set(device.uuid, device);
  }
  return [...inside.values()];
}

// One shared listing per client, on globalThis so that every copy of this module the host loads
// (one per serialized provider text) joins the same waves.
const LISTINGS = Symbol.for("pulumi-eset-connect.deleteListings");
type Registry = WeakMap<EsetConnectClient, SharedDeleteListing>;

function sharedListingOf(client: EsetConnectClient): SharedDeleteListing {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  const registry = (holder[LISTINGS] ??= new WeakMap());
  let listing = registry.get(client);
  if (!listing) {
    listing = new SharedDeleteListing({
      now: Date.now,
      // Devices first: a device then always sits in a group the group listing shows (or that is
      // gone); the other way round, a group made in between could hide its devices.
      list: async () => {
        const devices = await client.listDevices();
        const tree = await client.readTree({ maxAgeMs: 0 });
        return { tree, devices };
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

export async function deleteGroup(id: string, props: Props): Promise<void> {
  const state = groupStateFrom(props);
  const client = esetClient();
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
  const groups = groupsBelow(tree, id);
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
  const linked = [live, ...groups].find((g) => isLinked(g.linkedEntityType));
  try {
    const outcome = await client.deleteGroup(id, {
      releaseConsumedUnits: state.releaseConsumedUnitsOnDelete,
    });
    if (outcome === "not-found") say(subject, "already gone (ESET answered 404 to the delete)");
  } catch (error) {
    if (linked && isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 404) {
      const which =
        linked === live ? "it is" : `${describeGroup(linked.uuid, linked.displayName)} inside it is`;
      throw new Error(
        `${subject} cannot be deleted: ${which} linked to an ESET entity (${linked.linkedEntityType}), and ESET ` +
          `refuses to delete linked groups through the API (${error.message}). Remove the link in ESET's ` +
          `customer or MSP management first; to stop managing the group without deleting it, run ` +
          `pulumi state delete with its URN, or set retainOnDelete: true and run pulumi up before removing it.`,
      );
    }
    throw error;
  }
}
