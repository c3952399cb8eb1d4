/**
 * The declared hierarchy: the tree of device groups a user wants, as written in `hierarchy.yaml` or
 * passed to the `Hierarchy` component. The zod schema checks the shape only; the rules that span
 * several nodes (unique keys, unique sibling names) live in `validate.ts`.
 */
import { z } from "zod";
import {
  LINKED_ENTITY_TYPES,
  LINKED_ENTITY_TYPE_NAMES,
  type LinkedEntityType,
  type LinkedEntityTypeName,
} from "../client/linked-entity";

export { ALL_GROUP_UUID } from "../client/well-known-groups";

// One vocabulary for the whole package; re-exported here for the hierarchy's users.
export {
  LINKED_ENTITY_TYPES,
  LINKED_ENTITY_TYPE_NAMES,
  fullEntityType,
  shortEntityType,
} from "../client/linked-entity";
export type { LinkedEntityType, LinkedEntityTypeName } from "../client/linked-entity";

/** One group of the declared tree. */
export interface HierarchyNode {
  /** The group's display name in ESET PROTECT. Required, not empty, unique among its siblings. */
  name: string;
  /**
   * The node's stable identity, unique in the whole hierarchy. Pulumi names the group's resource
   * after it, so changing `name` or the node's place while keeping `key` renames or moves the group
   * in place. Default: the parent's key, a slash, and the slug of `name` (`customers/acme`), which
   * changes when the node or an ancestor without a key is renamed — a delete and a create.
   */
  key?: string;
  /**
   * True: the node refers to an existing group (a customer or site group ESET created, or any
   * group this hierarchy must not change) instead of managing one. It is never created, renamed,
   * moved or deleted; its `name` must match ESET; it is found by `existingUuid`, else by its name
   * below its parent. Its children are managed as usual. An anchor's parent is the hierarchy's
   * `parent` or another anchor. Default: false (a managed group).
   */
  anchor?: boolean;
  /** Description, set when the group is created (the API cannot change it later). Default: none. */
  description?: string;
  /**
   * Accepted for older files with `UNSPECIFIED` only (the default). ESET creates customer, MSP,
   * site and household groups itself and ESET Connect cannot create, rename, move or delete them:
   * any other value is a validation problem that says to use `anchor: true` instead.
   */
  linkedEntityType?: LinkedEntityTypeName | LinkedEntityType;
  /**
   * Adopt this existing static group instead of creating one; for an anchor, the group it refers
   * to (uuid as shown by `eset-connect tree`). Default: none.
   */
  existingUuid?: string;
  /** Allow deleting the group while it still holds devices (they are deleted with it). Default: false. */
  forceDestroy?: boolean;
  /**
   * The policies assigned to this group, by display name (as ESET PROTECT shows it) or uuid, in
   * rank order: the first is rank 1, ESET's highest priority. The group's assignments become
   * exactly these (assigned, unassigned and reordered with the fewest calls). `[]`: the group
   * carries no policy. Allowed on anchors too: the assignments are managed, the group never
   * changes. Default: not given — the group's assignments are not managed at all.
   */
  policies?: string[];
  /** The groups below this one, in display order. Default: none. */
  children?: HierarchyNode[];
}

/** A whole declared hierarchy. */
export interface HierarchySpec {
  /**
   * The existing group to build under: its uuid, or its path of names below All
   * (`Customers/Europe`). Default: All.
   */
  parent?: string;
  /** The top-level groups to manage under `parent`. */
  groups: HierarchyNode[];
}

/** Field names in the order the docs and `export` present them; used for "did you mean". */
export const NODE_FIELDS = [
  "name",
  "key",
  "anchor",
  "description",
  "linkedEntityType",
  "existingUuid",
  "forceDestroy",
  "policies",
  "children",
] as const;
export const SPEC_FIELDS = ["parent", "groups"] as const;

export const hierarchyNodeSchema: z.ZodType<HierarchyNode> = z.lazy(() =>
  z.strictObject({
    // ESET would show a name of only spaces as a blank line in the console; Group's check refuses it too.
    name: z
      .string()
      .min(1)
      .refine((name) => name.length === 0 || name.trim().length > 0),
    key: z.string().optional(),
    anchor: z.boolean().optional(),
    description: z.string().optional(),
    linkedEntityType: z.enum([...LINKED_ENTITY_TYPE_NAMES, ...LINKED_ENTITY_TYPES]).optional(),
    existingUuid: z.string().min(1).optional(),
    forceDestroy: z.boolean().optional(),
    // Blank entries are refused like blank names: no policy is called "".
    policies: z
      .array(
        z
          .string()
          .min(1)
          .refine((entry) => entry.length === 0 || entry.trim().length > 0),
      )
      .optional(),
    children: z.array(hierarchyNodeSchema).optional(),
  }),
);

export const hierarchySpecSchema: z.ZodType<HierarchySpec> = z.strictObject({
  parent: z.string().min(1).optional(),
  groups: z.array(hierarchyNodeSchema),
});
