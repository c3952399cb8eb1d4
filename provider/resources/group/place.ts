/**
 * Renaming and/or moving a group (an update, or an adoption converging its name and parent). A
 * rename and a move are separate calls; when the first succeeds and the second fails, the error
 * carries the group's real state so the engine records it and the next `pulumi up` makes the
 * remaining call.
 */
import type { EsetConnectClient, GroupTree } from "../../client";
import { TREE_FRESHNESS } from "../../client/freshness";
import { guardWrite, judgeRefusal } from "../../tree/guard";
import { Placement, TreeChange, siblingNamed } from "../../tree/rules";
import type { Props } from "../inputs";
import { IncompleteGroupError, describeGroup } from "../report";
import { placementOf } from "./state";

/**
 * Renames and/or moves the group from `from` to `to`. Moves first, unless the new parent already
 * holds a group with the current name and the old parent has none with the new one: then renaming
 * first avoids a clash between the two calls. `stateAt` gives the outputs to record if the second
 * call fails.
 */
export async function placeGroup(
  client: EsetConnectClient,
  uuid: string,
  from: Placement,
  to: Placement,
  ownerUuid: string | undefined,
  stateAt: (at: Placement) => Props,
): Promise<{ ownerUuid?: string }> {
  const steps: ("move" | "rename")[] = [];
  if (from.parentGroupUuid !== to.parentGroupUuid) steps.push("move");
  if (from.displayName !== to.displayName) steps.push("rename");
  if (steps.length === 0) return ownerUuid ? { ownerUuid } : {};
  const subject = describeGroup(uuid, from.displayName);
  // The same change `diff` judged: on the same listing the guard reuses its verdict. Two calls are
  // rare enough to afford a fresh listing, and a stale one could pick the clashing order.
  const change: TreeChange = { kind: "place", uuid, from: placementOf(from), to: placementOf(to) };
  const freshness = steps.length === 2 ? TREE_FRESHNESS.fresh : TREE_FRESHNESS.placement;
  const tree = await guardWrite(client, freshness, subject, change);
  if (steps.length === 2) {
    const moveFirstClashes = siblingNamed(tree, { ...from, parentGroupUuid: to.parentGroupUuid }, uuid);
    const renameFirstClashes = siblingNamed(tree, { ...from, displayName: to.displayName }, uuid);
    if (moveFirstClashes && !renameFirstClashes) steps.reverse();
  }
  let at = placementOf(from);
  let owner = ownerUuid;
  for (const [index, step] of steps.entries()) {
    try {
      const group =
        step === "move"
          ? await client.moveGroup(uuid, to.parentGroupUuid)
          : await client.renameGroup(uuid, to.displayName);
      at = { displayName: group.displayName, parentGroupUuid: group.parentGroupUuid };
      owner = group.ownerUuid ?? owner;
    } catch (caught) {
      const madeAlready = (fresh: GroupTree) => {
        const live = fresh.byUuid.get(uuid);
        return step === "move"
          ? live?.parentGroupUuid === to.parentGroupUuid
          : live?.displayName === to.displayName;
      };
      // A 400/403/404 is judged from a fresh listing: made by an earlier attempt, or which rule broke.
      const refusal: TreeChange = { kind: "place", uuid, from: at, to: placementOf(to) };
      const error = await judgeRefusal(client, caught, subject, refusal, madeAlready);
      if (!error) {
        at =
          step === "move"
            ? { ...at, parentGroupUuid: to.parentGroupUuid }
            : { ...at, displayName: to.displayName };
        continue;
      }
      if (index === 0) throw error;
      const done =
        steps[0] === "move" ? `moved under ${to.parentGroupUuid}` : `renamed to "${to.displayName}"`;
      const todo = step === "move" ? `move under ${to.parentGroupUuid}` : `rename to "${to.displayName}"`;
      throw new IncompleteGroupError(
        `${subject} was ${done}, but the ${todo} failed: ${error.message}. The next pulumi up retries the ${step}.`,
        uuid,
        stateAt(at),
      );
    }
  }
  return owner ? { ownerUuid: owner } : {};
}
