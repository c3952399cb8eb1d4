/**
 * Group delete. ESET deletes a group with every group and device below it. Pulumi deletes the
 * groups a stack manages before their parent, so whatever is still inside when a group's delete
 * runs is not managed by this stack: the delete is refused unless `forceDestroy` is true.
 * A linked group or All / Lost & found is never the target of a DELETE (ESET's spec forbids it):
 * the stack forgets such a Group, which only older versions could record, and ESET keeps it.
 */
import { DeviceGroup, EsetConnectClient, GroupTree, isApiError } from "../client";
import { groupStateFrom } from "./group-inputs";
import { Props } from "./inputs";
import { isLinked } from "../client/linked-entity";
import { groupKind } from "./group-kinds";
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

export async function deleteGroup(id: string, props: Props): Promise<void> {
  const state = groupStateFrom(props);
  const client = esetClient();
  // A fresh listing: a group added by hand a moment ago must not be deleted unseen.
  const tree = await client.readTree({ maxAgeMs: 0 });
  const live = tree.byUuid.get(id);
  const subject = describeGroup(id, live?.displayName ?? state.displayName);
  if (!live) {
    say(subject, "already gone");
    return;
  }
  const kind = groupKind(tree, live);
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
  const groups = groupsBelow(tree, id);
  const devices = await listDevices(client, id);
  if (devices === "gone") {
    say(subject, "already gone");
    return;
  }
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
    say(subject, `forceDestroy is true: deleting it with ${inside}`);
  }
  const linked = [live, ...groups].find((g) => isLinked(g.linkedEntityType));
  try {
    const outcome = await client.deleteGroup(id, {
      releaseConsumedUnits: state.releaseConsumedUnitsOnDelete,
    });
    if (outcome === "not-found") say(subject, "already gone");
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

/** Devices in the group and below; "gone" when the group vanished meanwhile. */
async function listDevices(client: EsetConnectClient, id: string) {
  try {
    return await client.listGroupDevices(id, { recurseSubgroups: true });
  } catch (error) {
    if (isApiError(error) && error.status === 404) return "gone" as const;
    throw error;
  }
}
