/**
 * Which Group changes ESET Connect cannot make in place, and the refusal a user sees for them.
 * Replacing a group deletes it, and ESET deletes every group and device below it with it, so a
 * replacement happens only when the user opted in with `allowReplace: true`.
 */
import type { CheckFailure, Props } from "../inputs";
import { containsUnknown } from "../inputs";
import type { GroupInputs } from "./state";

/** Inputs that only take effect when a group is created. */
export const REPLACE_ONLY_INPUTS = ["description", "linkedEntityType", "existingUuid"] as const;
type ReplaceOnlyInput = (typeof REPLACE_ONLY_INPUTS)[number];

/**
 * The replace-only inputs whose new value is known and differs from the stored one. `id` is the
 * group's uuid; without it (in `check`) a new `existingUuid` cannot be judged and is skipped.
 */
export function replaceOnlyChanges(
  id: string | undefined,
  olds: GroupInputs,
  news: Props,
): ReplaceOnlyInput[] {
  const changed: ReplaceOnlyInput[] = [];
  if (!containsUnknown(news.description) && (news.description ?? "") !== olds.description) {
    changed.push("description");
  }
  if (!containsUnknown(news.linkedEntityType) && news.linkedEntityType !== olds.linkedEntityType) {
    changed.push("linkedEntityType");
  }
  const adopt = news.existingUuid;
  if (id !== undefined && typeof adopt === "string" && !containsUnknown(adopt) && adopt !== id) {
    changed.push("existingUuid");
  }
  return changed;
}

/**
 * One failure per replace-only change, unless `allowReplace` is true (or not known yet: preview
 * then shows the replacement and the real decision is made when the value is known).
 */
export function replacementBlockers(id: string | undefined, olds: GroupInputs, news: Props): CheckFailure[] {
  if (news.allowReplace === true || containsUnknown(news.allowReplace)) return [];
  const group = `group ${JSON.stringify(olds.displayName)}${id ? ` (${id})` : ""}`;
  const consequence =
    `so this change would replace ${group}: it would be deleted together with every group and ` +
    `device below it, and created again empty`;
  const optIn = "To replace it anyway, set allowReplace: true on this resource.";
  return replaceOnlyChanges(id, olds, news).map((property) => {
    switch (property) {
      case "description":
        return {
          property,
          reason:
            `cannot change in place: ESET Connect sets a group's description only when the group is created, ` +
            `${consequence}. To keep the group, set description back to ${JSON.stringify(olds.description)}. ${optIn}`,
        };
      case "linkedEntityType":
        return {
          property,
          reason:
            `cannot change in place: ESET Connect sets a group's linked entity type only when the group is created, ` +
            `${consequence}. To keep the group, set linkedEntityType back to ${olds.linkedEntityType}. ${optIn}`,
        };
      case "existingUuid":
        return {
          property,
          reason:
            `points at another group (${String(news.existingUuid)}), ${consequence}, before adopting the other one. ` +
            `To keep managing ${id}, remove existingUuid or set it to ${JSON.stringify(id)}. ${optIn}`,
        };
    }
  });
}

/** The refusal thrown from `update` (never from `diff`), one paragraph per blocked input. */
export class ReplacementRefusedError extends Error {
  constructor(readonly failures: CheckFailure[]) {
    super(failures.map((f) => `${f.property} ${f.reason}`).join("\n"));
    this.name = "ReplacementRefusedError";
  }
}
