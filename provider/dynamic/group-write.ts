/**
 * Group create (or adopt, with `existingUuid`) and update. A rename and a move are separate calls;
 * when the first succeeds and the second fails, the error carries the group's real state so the
 * engine records it and the next `pulumi up` makes the remaining call.
 */
import type * as pulumi from "@pulumi/pulumi";
import { EsetConnectClient, GroupTree, isApiError } from "../client";
import { GroupInputs, GroupOutputs, groupStateFrom } from "./group-inputs";
import { Props } from "./inputs";
import { normaliseLinkedEntityType } from "../client/linked-entity";
import { IncompleteGroupError, describeGroup, say } from "./report";
import { esetClient } from "./settings";
import { createOwnGroup } from "./group-create-recovery";

/** Where a group is: the two things an update can change. */
interface Placement {
  displayName: string;
  parentGroupUuid: string;
}

export function groupOutputs(inputs: GroupInputs, uuid: string, ownerUuid?: string): GroupOutputs {
  const outs: GroupOutputs = { ...inputs, uuid };
  if (ownerUuid) outs.ownerUuid = ownerUuid;
  else delete outs.ownerUuid;
  if (!inputs.existingUuid) delete outs.existingUuid;
  return outs;
}

function parentText(tree: GroupTree, uuid: string): string {
  const path = tree.pathOf(uuid);
  return path ? `"${path.join(" / ")}" (${uuid})` : uuid;
}

function duplicateName(tree: GroupTree, wanted: GroupInputs, existing: string): Error {
  return new Error(
    `${describeGroup(undefined, wanted.displayName)}: a group with this name already exists under ` +
      `${parentText(tree, wanted.parentGroupUuid)}: ${existing}. To manage that group with this resource, ` +
      `set existingUuid: "${existing}" on it; to create a separate group, choose another displayName.`,
  );
}

function sibling(tree: GroupTree, wanted: Placement, except?: string): string | undefined {
  return tree
    .childrenOf(wanted.parentGroupUuid)
    .find((g) => g.displayName === wanted.displayName && g.uuid !== except)?.uuid;
}

export async function createGroup(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  const wanted = groupStateFrom(inputs);
  const client = esetClient();
  if (wanted.existingUuid) return adoptGroup(client, wanted, wanted.existingUuid);
  // Set by the Group class: idempotent across runs (group-create-recovery.ts).
  if (wanted.clientUuid) return createOwnGroup(client, { ...wanted, clientUuid: wanted.clientUuid });
  // ESET may accept two siblings with one name; a declared group must never silently become the second.
  const tree = await client.readTree();
  const clash = sibling(tree, wanted);
  if (clash) throw duplicateName(tree, wanted, clash);
  try {
    const group = await client.createGroup({
      displayName: wanted.displayName,
      parentGroupUuid: wanted.parentGroupUuid,
      description: wanted.description || undefined,
      linkedEntityType: wanted.linkedEntityType,
    });
    return { id: group.uuid, outs: groupOutputs(wanted, group.uuid, group.ownerUuid) };
  } catch (error) {
    if (isApiError(error) && error.status === 400) {
      // The snapshot may predate a sibling made by hand: name it if a fresh listing shows one.
      const fresh = await client.readTree({ maxAgeMs: 0 });
      const existing = sibling(fresh, wanted);
      if (existing) throw duplicateName(fresh, wanted, existing);
    }
    throw error;
  }
}

async function adoptGroup(
  client: EsetConnectClient,
  wanted: GroupInputs,
  uuid: string,
): Promise<pulumi.dynamic.CreateResult> {
  const subject = describeGroup(uuid, wanted.displayName);
  const tree = await client.readTree({ maxAgeMs: 0 });
  const live = tree.byUuid.get(uuid);
  if (!live) {
    throw new Error(
      `${subject}: existingUuid ${uuid} is not a group of this tenant. Fix the uuid (ESET PROTECT shows it ` +
        `in the group's details), or remove existingUuid to create a new group.`,
    );
  }
  if (live.parentGroupUuid === undefined) {
    throw new Error(
      `${subject}: existingUuid ${uuid} is the top-level group "All", which cannot be managed.`,
    );
  }
  const liveType = normaliseLinkedEntityType(live.linkedEntityType) ?? live.linkedEntityType;
  if (liveType !== wanted.linkedEntityType) {
    throw new Error(
      `${subject}: the group is linked as ${liveType} but linkedEntityType says ${wanted.linkedEntityType}, ` +
        `and ESET cannot change it. Set linkedEntityType: "${liveType}" to adopt it.`,
    );
  }
  say(subject, `adopting the existing group "${live.displayName}" (its description cannot be read back)`);
  const from = { displayName: live.displayName, parentGroupUuid: live.parentGroupUuid };
  const placed = await placeGroup(client, uuid, from, wanted, undefined, (at) =>
    groupOutputs({ ...wanted, ...at }, uuid),
  );
  return { id: uuid, outs: groupOutputs(wanted, uuid, placed.ownerUuid) };
}

export async function updateGroup(
  id: string,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult> {
  const before = groupStateFrom(olds);
  const wanted = groupStateFrom(news);
  const client = esetClient();
  try {
    const placed = await placeGroup(client, id, before, wanted, before.ownerUuid, (at) =>
      groupOutputs({ ...wanted, ...at }, id, before.ownerUuid),
    );
    return { outs: groupOutputs(wanted, id, placed.ownerUuid ?? before.ownerUuid) };
  } catch (error) {
    if (isApiError(error) && error.status === 404)
      throw await explainMissing(client, id, before, wanted, error);
    throw error;
  }
}

/** A 404 during an update: either the group or its new parent is gone; say which and what to do. */
async function explainMissing(
  client: EsetConnectClient,
  id: string,
  before: GroupInputs,
  wanted: GroupInputs,
  error: Error,
): Promise<Error> {
  const tree = await client.readTree({ maxAgeMs: 0 });
  const subject = describeGroup(id, before.displayName);
  if (!tree.byUuid.has(id)) {
    return new Error(
      `${subject} no longer exists in ESET (${error.message}). Run pulumi refresh so the stack forgets it; ` +
        `the next pulumi up creates it again.`,
    );
  }
  if (!tree.byUuid.has(wanted.parentGroupUuid)) {
    return new Error(
      `${subject} cannot move under ${wanted.parentGroupUuid}: no such group in this tenant (${error.message}). ` +
        `Fix parentGroupUuid.`,
    );
  }
  return error;
}

/**
 * Renames and/or moves the group from `from` to `to`. Moves first, unless the new parent already
 * holds a group with the current name and the old parent has none with the new one: then renaming
 * first avoids a clash between the two calls. `stateAt` gives the outputs to record if the second
 * call fails.
 */
async function placeGroup(
  client: EsetConnectClient,
  uuid: string,
  from: Placement,
  to: Placement,
  ownerUuid: string | undefined,
  stateAt: (at: Placement) => GroupOutputs,
): Promise<{ ownerUuid?: string }> {
  const steps: ("move" | "rename")[] = [];
  if (from.parentGroupUuid !== to.parentGroupUuid) steps.push("move");
  if (from.displayName !== to.displayName) steps.push("rename");
  if (steps.length === 2) {
    // Rare enough to afford a fresh listing, and a stale one could pick the clashing order.
    const tree = await client.readTree({ maxAgeMs: 0 });
    const moveFirstClashes = sibling(tree, { ...from, parentGroupUuid: to.parentGroupUuid }, uuid);
    const renameFirstClashes = sibling(tree, { ...from, displayName: to.displayName }, uuid);
    if (moveFirstClashes && !renameFirstClashes) steps.reverse();
  }
  let at = { ...from };
  let owner = ownerUuid;
  for (const [index, step] of steps.entries()) {
    try {
      const group =
        step === "move"
          ? await client.moveGroup(uuid, to.parentGroupUuid)
          : await client.renameGroup(uuid, to.displayName);
      at = { displayName: group.displayName, parentGroupUuid: group.parentGroupUuid };
      owner = group.ownerUuid ?? owner;
    } catch (error) {
      if (index === 0) throw error;
      const done =
        steps[0] === "move" ? `moved under ${to.parentGroupUuid}` : `renamed to "${to.displayName}"`;
      const todo = step === "move" ? `move under ${to.parentGroupUuid}` : `rename to "${to.displayName}"`;
      throw new IncompleteGroupError(
        `${describeGroup(uuid, from.displayName)} was ${done}, but the ${todo} failed: ` +
          `${(error as Error).message}. The next pulumi up retries the ${step}.`,
        uuid,
        stateAt(at),
      );
    }
  }
  return owner ? { ownerUuid: owner } : {};
}
