/**
 * GroupPolicies `diff`: another group is another resource (a replacement, deleting the old one's
 * assignments first); the policies or `exclusive` change in place. Pure, never throws: the engine
 * also calls it after each refresh with the read outputs as `olds` (pkg/resource/deploy/step.go,
 * `RefreshStep`), and drift (a policy assigned, unassigned or reordered by hand) shows up here as a
 * change of `policies`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Props, containsUnknown } from "../inputs";
import { DEFAULT_EXCLUSIVE, groupPoliciesStateFrom } from "./state";

function sameList(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((value, i) => value === b[i]);
}

/** The inputs whose new value differs from the stored one (an unknown new value counts as different). */
export function changedGroupPoliciesInputs(olds: Props, news: Props): string[] {
  const before = groupPoliciesStateFrom(olds);
  const changed: string[] = [];
  if (containsUnknown(news.groupUuid) || news.groupUuid !== before.groupUuid) changed.push("groupUuid");
  if (containsUnknown(news.policies) || !sameList(news.policies, before.policies)) changed.push("policies");
  const exclusive = typeof news.exclusive === "boolean" ? news.exclusive : DEFAULT_EXCLUSIVE;
  if (containsUnknown(news.exclusive) || exclusive !== before.exclusive) changed.push("exclusive");
  return changed;
}

export function diffGroupPolicies(_id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = changedGroupPoliciesInputs(olds, news);
  const replaces = changed.includes("groupUuid") ? ["groupUuid"] : [];
  // The old group's assignments go first: when the "new" group turns out to be the same uuid (a
  // Group recreated under its derived uuid), a delete after the create would undo the create.
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
}
