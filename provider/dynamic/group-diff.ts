/**
 * Group `diff`: renames and moves happen in place (both in one update); description, linked entity
 * type and a different `existingUuid` need a replacement, allowed only with `allowReplace: true`.
 * `olds` are the stored outputs, `news` the checked inputs; both are normalised first so a value
 * read back in ESET's other vocabulary is not a change.
 *
 * `diff` never throws. The engine also calls it after every refresh with the read outputs as
 * `olds` and the old inputs as `news` (pkg/resource/deploy/step.go, `RefreshStep.Apply`), and an
 * error there fails the refresh: drift must be reported, never fatal. A replacement that is not
 * allowed is answered as an in-place change instead; `check` refuses it when the program made it
 * (before anything runs) and `update` refuses it, before any call to ESET, when it is drift.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Props, containsUnknown } from "./inputs";
import { groupStateFrom } from "./group-inputs";
import { replaceOnlyChanges, replacementBlockers } from "./group-replacement";

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
