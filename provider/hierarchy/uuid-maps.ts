/**
 * The Hierarchy component's map outputs, made the same way by the TypeScript component and by
 * the provider plugin's `construct`: the uuid of every managed group by key (anchors left out:
 * they are not this stack's), and of every group, anchors included, by path; and the policy
 * uuids of every node that declares `policies:`, by key.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DeclaredHierarchy } from "./declared";

export interface HierarchyUuidMaps {
  uuidsByKey: pulumi.Output<Record<string, string>>;
  uuidsByPath: pulumi.Output<Record<string, string>>;
}

/** `uuidOf(key)` is the uuid output of the group declared under `key`. */
export function hierarchyUuidMaps(
  declared: DeclaredHierarchy,
  uuidOf: (key: string) => pulumi.Input<string>,
): HierarchyUuidMaps {
  const byKey = (nodes: DeclaredHierarchy["all"], pick: (node: DeclaredHierarchy["all"][number]) => string) =>
    pulumi.all(Object.fromEntries(nodes.map((node) => [pick(node), uuidOf(node.key)]))) as pulumi.Output<
      Record<string, string>
    >;
  return {
    uuidsByKey: byKey(
      declared.all.filter((n) => !n.anchor),
      (node) => node.key,
    ),
    uuidsByPath: byKey(declared.all, (node) => node.path),
  };
}

/** Key → policy uuids (rank order) as a plain record; `{}` when no node declares `policies:`. */
export function policyUuidsOutput(
  resolved: pulumi.Output<Record<string, string[]>> | undefined,
): pulumi.Output<Record<string, string[]>> {
  const empty: Record<string, string[]> = {};
  return resolved ?? pulumi.output(empty);
}
