/** PolicyAnchor `diff`: another policy behind the anchor is another anchor (a replacement that deletes nothing). */
import type * as pulumi from "@pulumi/pulumi";
import { Props, containsUnknown } from "../inputs";
import { POLICY_ANCHOR_FIELDS } from "./state";

export function diffPolicyAnchor(_id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = POLICY_ANCHOR_FIELDS.filter(
    (key) => news[key] !== undefined && (containsUnknown(news[key]) || olds[key] !== news[key]),
  );
  const replaces = changed.includes("uuid") ? ["uuid"] : [];
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}
