/**
 * The part of Group `check` that needs the live tree: `existingUuid` must name a static group, since
 * ESET Connect cannot rename, move or delete linked groups and All / Lost & found. Checked in
 * preview whenever the uuid is known, so `pulumi preview` fails before `up` writes anything.
 */
import { isConfigError } from "../client";
import { adoptionRefusal } from "./group-kinds";
import { CheckFailure, Props, containsUnknown } from "./inputs";
import { esetClient } from "./settings";

export async function adoptionFailures(inputs: Props): Promise<CheckFailure[]> {
  const uuid = inputs.existingUuid;
  if (typeof uuid !== "string" || containsUnknown(uuid)) return [];
  let tree;
  try {
    tree = await esetClient().readTree();
  } catch (error) {
    // `check` needs no credentials otherwise; the create repeats this check before any write.
    if (isConfigError(error)) return [];
    throw error;
  }
  const live = tree.byUuid.get(uuid);
  // A uuid that is not there is explained by the create, which reads a fresh listing.
  const reason = live ? adoptionRefusal(tree, live) : undefined;
  return reason ? [{ property: "existingUuid", reason }] : [];
}
