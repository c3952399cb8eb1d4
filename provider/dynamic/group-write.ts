/**
 * Group create (or adopt, with `existingUuid`) and update. A rename and a move are separate calls;
 * when the first succeeds and the second fails, the error carries the group's real state so the
 * engine records it and the next `pulumi up` makes the remaining call.
 */
import type * as pulumi from "@pulumi/pulumi";
import { EsetConnectClient, GroupTree } from "../client";
import { GroupInputs, GroupOutputs, groupStateFrom } from "./group-inputs";
import { Props } from "./inputs";
import { ReplacementRefusedError, replacementBlockers } from "./group-replacement";
import { adoptionMissingReason, adoptionRefusal } from "./group-kinds";
import { IncompleteGroupError, describeGroup, say } from "./report";
import { esetClient } from "./settings";
import { Placement, TreeChange, TreeRuleError, siblingNamed, treeRuleBreaks } from "./tree-checks";
import { assertTreeRules, confirmedBreaks, judgeRefusal } from "./tree-decisions";
import { runClaims } from "./run-claims";
import { createOwnGroup } from "./group-create-recovery";
import { clientUuidCandidates } from "../client/client-uuid";
import { TREE_FRESHNESS } from "../client/freshness";

/** A create with the resource's own uuids: ESET's other rules first, before any write. */
async function createOwnGroupChecked(
  client: EsetConnectClient,
  wanted: GroupInputs & { clientUuid: string },
): Promise<pulumi.dynamic.CreateResult> {
  const subject = describeGroup(undefined, wanted.displayName);
  const change: TreeChange = {
    kind: "create",
    to: wanted,
    ownUuids: clientUuidCandidates(wanted.clientUuid),
  };
  const breaks = treeRuleBreaks(await client.readTree(), change).filter((b) => b.rule !== "name-taken");
  if (breaks.length > 0) throw new TreeRuleError(subject, breaks);
  try {
    const created = await createOwnGroup(client, wanted);
    runClaims().created(wanted, String(created.id));
    return created;
  } catch (error) {
    throw (await judgeRefusal(client, error, subject, change)) ?? error;
  }
}

/**
 * The outputs a "created/updated with errors" result carries. The engine stores exactly these as
 * the resource's outputs (pkg/resource/deploy/step.go, `CreateStep`/`UpdateStep`), and the
 * dynamic-provider host finds the provider of the next `read` and `delete` in `__provider` of the
 * stored outputs: without it the next refresh and destroy fail.
 */
function partialOutputs(outs: GroupOutputs, inputs: Props): Props {
  return { ...outs, __provider: inputs.__provider };
}

export function groupOutputs(inputs: GroupInputs, uuid: string, ownerUuid?: string): GroupOutputs {
  const outs: GroupOutputs = { ...inputs, uuid };
  if (ownerUuid) outs.ownerUuid = ownerUuid;
  else delete outs.ownerUuid;
  if (!inputs.existingUuid) delete outs.existingUuid;
  return outs;
}

function sibling(tree: GroupTree, wanted: Placement, except?: string): string | undefined {
  return siblingNamed(tree, wanted, except)?.uuid;
}

export async function createGroup(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  const wanted = groupStateFrom(inputs);
  const client = esetClient();
  if (wanted.existingUuid) return adoptGroup(client, wanted, wanted.existingUuid, inputs);
  // Set by the Group class: idempotent across runs (group-create-recovery.ts), which also judges a
  // same-named sibling (this resource's own group from an interrupted run, or an orphan).
  if (wanted.clientUuid) return createOwnGroupChecked(client, { ...wanted, clientUuid: wanted.clientUuid });
  // ESET may accept two siblings with one name; a declared group must never silently become the second.
  const subject = describeGroup(undefined, wanted.displayName);
  const change: TreeChange = { kind: "create", to: wanted };
  assertTreeRules(await client.readTree(), subject, change);
  try {
    const group = await client.createGroup({
      displayName: wanted.displayName,
      parentGroupUuid: wanted.parentGroupUuid,
      description: wanted.description || undefined,
      linkedEntityType: wanted.linkedEntityType,
    });
    runClaims().created(wanted, group.uuid);
    return { id: group.uuid, outs: groupOutputs(wanted, group.uuid, group.ownerUuid) };
  } catch (error) {
    // The snapshot may predate a change made by hand (a sibling, a deleted parent): a fresh listing says.
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

export async function updateGroup(
  id: string,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult> {
  const before = groupStateFrom(olds);
  const wanted = groupStateFrom(news);
  // `diff` answers a replacement that is not allowed as an in-place change (it must not throw, see
  // group-diff.ts); here it is refused before any call to ESET.
  const blockers = replacementBlockers(id, before, news);
  if (blockers.length > 0) throw new ReplacementRefusedError(blockers);
  const client = esetClient();
  const placed = await placeGroup(client, id, before, wanted, before.ownerUuid, (at) =>
    partialOutputs(groupOutputs({ ...wanted, ...at }, id, before.ownerUuid), news),
  );
  return { outs: groupOutputs(wanted, id, placed.ownerUuid ?? before.ownerUuid) };
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
  stateAt: (at: Placement) => Props,
): Promise<{ ownerUuid?: string }> {
  const steps: ("move" | "rename")[] = [];
  if (from.parentGroupUuid !== to.parentGroupUuid) steps.push("move");
  if (from.displayName !== to.displayName) steps.push("rename");
  if (steps.length === 0) return ownerUuid ? { ownerUuid } : {};
  const subject = describeGroup(uuid, from.displayName);
  // Two calls are rare enough to afford a fresh listing, and a stale one could pick the clashing order.
  const change: TreeChange = { kind: "place", uuid, from, to };
  const freshness = steps.length === 2 ? TREE_FRESHNESS.fresh : TREE_FRESHNESS.placement;
  const { tree, breaks } = await confirmedBreaks(client, freshness, (t) => treeRuleBreaks(t, change));
  if (breaks.length > 0) throw new TreeRuleError(subject, breaks);
  if (steps.length === 2) {
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
    } catch (caught) {
      const madeAlready = (fresh: GroupTree) => {
        const live = fresh.byUuid.get(uuid);
        return step === "move"
          ? live?.parentGroupUuid === to.parentGroupUuid
          : live?.displayName === to.displayName;
      };
      // A 400/403/404 is judged from a fresh listing: made by an earlier attempt, or which rule broke.
      const error = await judgeRefusal(
        client,
        caught,
        subject,
        { kind: "place", uuid, from: at, to },
        madeAlready,
      );
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
        `${describeGroup(uuid, from.displayName)} was ${done}, but the ${todo} failed: ` +
          `${error.message}. The next pulumi up retries the ${step}.`,
        uuid,
        stateAt(at),
      );
    }
  }
  return owner ? { ownerUuid: owner } : {};
}
