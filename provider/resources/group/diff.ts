/**
 * Group `diff`: renames and moves happen in place (both in one update); description, linked entity
 * type and a different `existingUuid` need a replacement, allowed only with `allowReplace: true`.
 * `olds` are the stored outputs, `news` the checked inputs; both are normalised first so a value
 * read back in ESET's other vocabulary is not a change.
 *
 * `diff` never throws for a replacement. The engine also calls it after every refresh with the read
 * outputs as `olds` and the old inputs as `news` (pkg/resource/deploy/step.go, `RefreshStep.Apply`),
 * and an error there fails the refresh: drift must be reported, never fatal. A replacement that is
 * not allowed is answered as an in-place change instead; `check` refuses it when the program made
 * it (before anything runs) and `update` refuses it, before any call to ESET, when it is drift.
 * A rename or move the program makes is held to ESET's tree rules here, so preview refuses it
 * (never in a refresh's diff: tree/claims.ts tells them apart).
 */
import type * as pulumi from "@pulumi/pulumi";
import { onPremReplaceRefusal } from "../../client/on-prem";
import { runClaims } from "../../tree/claims";
import { ruleBreaks } from "../../tree/guard";
import { claimBreak, previewBreaks, withoutPlacementRules } from "../../tree/preview";
import { TreeRuleError } from "../../tree/rules";
import { Connect, clientIfConfigured } from "../connect";
import { Props, containsUnknown, known } from "../inputs";
import { describeGroup } from "../report";
import { replaceOnlyChanges, replacementBlockers } from "./replacement";
import { groupStateFrom, placementOf } from "./state";

/** Inputs compared by `diff`, in the order changes are listed. */
export const GROUP_DIFF_INPUTS = [
  "displayName",
  "parentGroupUuid",
  "description",
  "linkedEntityType",
  "existingUuid",
  "releaseConsumedUnitsOnDelete",
  "forceDestroy",
  "allowReplace",
] as const;

/** Known values in normal form; unknown ones stay the placeholder. */
export function normaliseNews(news: Props): Props {
  const normal: Props = { ...groupStateFrom(news) };
  delete normal.uuid;
  delete normal.ownerUuid;
  for (const key of GROUP_DIFF_INPUTS) if (containsUnknown(news[key])) normal[key] = news[key];
  return normal;
}

/** The inputs whose new value differs from the stored one (an unknown new value counts as different). */
export function changedGroupInputs(olds: Props, news: Props): string[] {
  const before: Props = { ...groupStateFrom(olds) };
  const after: Props = normaliseNews(news);
  return GROUP_DIFF_INPUTS.filter((key) => containsUnknown(after[key]) || before[key] !== after[key]);
}

/** The diff itself: pure, never throws. */
export function diffGroup(id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const before = groupStateFrom(olds);
  const after = normaliseNews(news);
  const changes = changedGroupInputs(olds, news);
  const refused = replacementBlockers(id, before, after).length > 0;
  const replaces = refused ? [] : replaceOnlyChanges(id, before, after);
  return {
    changes: changes.length > 0,
    replaces,
    // A new group with the same name under the same parent would collide with the old one.
    deleteBeforeReplace: replaces.length > 0,
  };
}

/**
 * Tree rules of a rename or move whose new values are known; throws a TreeRuleError naming the
 * input. Skipped for a `diff` that no `check` of this run preceded (the engine's refresh), which
 * must not fail on a rule.
 */
export async function assertGroupPlacement(
  connect: Connect,
  id: string,
  olds: Props,
  news: Props,
): Promise<void> {
  const name = news.displayName;
  const parent = news.parentGroupUuid;
  if (!known(name) && !known(parent)) return;
  const whole = known(name) && known(parent);
  if (whole && !runClaims().takeCheckedUpdate({ displayName: name, parentGroupUuid: parent })) return;
  const before = groupStateFrom(olds);
  const from = placementOf(before);
  const to = {
    displayName: known(name) ? name : from.displayName,
    parentGroupUuid: known(parent) ? parent : from.parentGroupUuid,
  };
  if (to.displayName === from.displayName && to.parentGroupUuid === from.parentGroupUuid) return;
  const judged = await previewBreaks(clientIfConfigured(connect), (tree) => {
    const breaks = ruleBreaks(tree, { kind: "place", uuid: id, from, to });
    // Half the placement still unknown: only the rules of the known half can be judged.
    return whole ? breaks : withoutPlacementRules(breaks);
  });
  if (!judged) return;
  const { tree } = judged;
  let { breaks } = judged;
  if (whole && breaks.length === 0) {
    const property = to.displayName !== from.displayName ? "displayName" : "parentGroupUuid";
    breaks = claimBreak(tree, to, { kind: "group", uuid: id }, property);
  }
  if (breaks.length > 0) throw new TreeRuleError(describeGroup(id, before.displayName), breaks);
}

/**
 * ESET PROTECT On-Prem has no group delete, so a replacement (delete, then create) cannot happen
 * there: the program's `diff` refuses it, which fails `pulumi preview` and stops `up` before any
 * write for this group. `diff` is the last call the engine makes for a replacement in preview
 * (pkg/resource/deploy/step_generator.go plans the delete and create without calling the provider).
 * A refresh's `diff` (inputs no `check` of this run saw, tree/claims.ts) never throws: drift is
 * reported, and the next `up`'s `diff` refuses.
 */
export function assertOnPremKeepsGroup(
  connect: Connect,
  id: string,
  olds: Props,
  news: Props,
  result: pulumi.dynamic.DiffResult,
): void {
  const replaces = result.replaces ?? [];
  if (replaces.length === 0 || !clientIfConfigured(connect)?.config.serverUrl) return;
  const name = news.displayName;
  const parent = news.parentGroupUuid;
  // Name and parent are always known in a refresh; unknown only in an up's preview.
  const whole = known(name) && known(parent);
  if (whole && !runClaims().sawCheckedUpdate({ displayName: name, parentGroupUuid: parent })) return;
  throw new Error(onPremReplaceRefusal(describeGroup(id, groupStateFrom(olds).displayName), replaces));
}
