/** GroupAnchor `diff`: another group behind the anchor is another anchor (a replacement that deletes nothing). */
import type * as pulumi from "@pulumi/pulumi";
import { Props, containsUnknown } from "../inputs";
import { ANCHOR_FIELDS } from "./state";

export function diffGroupAnchor(_id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = ANCHOR_FIELDS.filter((key) => containsUnknown(news[key]) || olds[key] !== news[key]);
  // Another group behind the anchor is another anchor; "replacing" it reads, and deletes nothing.
  const replaces = changed.includes("uuid") ? ["uuid"] : [];
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}
