/**
 * The declared tree with every default filled in: each node's effective key and its path below the
 * managed root. This is what the plan and the `Hierarchy` component work from.
 */
import { fullEntityType, type HierarchyNode, type HierarchySpec, type LinkedEntityType } from "./format";
import { defaultKey } from "./keys";
import { childPath } from "../client/group-paths";
import type { PropertyPath } from "./problems";

export interface DeclaredGroup {
  /** The effective key: the explicit one or the default. */
  key: string;
  /** Whether `key` was written in the hierarchy (false: the default rule made it). */
  explicitKey: boolean;
  name: string;
  /** Path of names from the managed root's child down to this group (`Acme/Berlin`). */
  path: string;
  /** The parent node's key; undefined for top-level nodes (their parent is the managed root). */
  parentKey?: string;
  /** True for an anchor: an existing group referred to, never changed (see `HierarchyNode.anchor`). */
  anchor: boolean;
  description?: string;
  /** Always the API's full name, e.g. `GROUP_ENTITY_TYPE_CUSTOMER`. */
  linkedEntityType: LinkedEntityType;
  existingUuid?: string;
  forceDestroy: boolean;
  /**
   * The declared policies (names or uuids, as written), rank order; undefined when the node has no
   * `policies:`, so the group's assignments are not managed.
   */
  policies?: readonly string[];
  children: DeclaredGroup[];
  /** Where the node is in the spec, for messages. */
  source: PropertyPath;
}

export interface DeclaredHierarchy {
  /** The uuid or path of the group to build under; undefined means All. */
  parent?: string;
  groups: DeclaredGroup[];
  /** Every node, parents before children (the order to create them in). */
  all: DeclaredGroup[];
}

/** Fills in defaults of a *validated* spec (see `validateHierarchy`/`parseHierarchyYaml`). */
export function declareHierarchy(spec: HierarchySpec): DeclaredHierarchy {
  const all: DeclaredGroup[] = [];
  const build = (
    nodes: readonly HierarchyNode[],
    listPath: PropertyPath,
    parent: DeclaredGroup | undefined,
  ): DeclaredGroup[] =>
    nodes.map((node, index) => {
      const source = [...listPath, index];
      const group: DeclaredGroup = {
        key: node.key ?? defaultKey(parent?.key, node.name),
        explicitKey: node.key !== undefined,
        name: node.name,
        path: childPath(parent?.path ?? "", node.name),
        parentKey: parent?.key,
        anchor: node.anchor === true,
        description: node.description,
        linkedEntityType: fullEntityType(node.linkedEntityType ?? "UNSPECIFIED"),
        existingUuid: node.existingUuid,
        forceDestroy: node.forceDestroy ?? false,
        ...(node.policies !== undefined ? { policies: node.policies.map((entry) => entry.trim()) } : {}),
        children: [],
        source,
      };
      all.push(group);
      group.children = build(node.children ?? [], [...source, "children"], group);
      return group;
    });
  const groups = build(spec.groups, ["groups"], undefined);
  return { parent: spec.parent, groups, all };
}
