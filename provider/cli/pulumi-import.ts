/**
 * `eset-connect export --format pulumi-import`: the file `pulumi import --file` takes, to adopt a
 * whole subtree into a program that uses the `eset` provider plugin (docs/plugin.md). It is made
 * from the same export as the hierarchy YAML, so the two agree on which groups are adopted: every
 * static group becomes an `eset:index:Group`, and every group (anchors included) that carries
 * policies an `eset:index:GroupPolicies`. ESET's linked groups, and static groups holding one, are
 * left out: they are never managed (refer to them with `eset:index:GroupAnchor`).
 *
 * The field names are those of the Pulumi CLI's import file (pkg/cmd/pulumi/operations/import.go,
 * `importFile` and `importSpec`): `name` names the resource in the printed code, `logicalName` is
 * its Pulumi name, `id` is what the provider's Read looks up (a group's uuid, for both types).
 */
import type { HierarchyNode, HierarchySpec } from "../hierarchy/format";
import { GROUP, GROUP_POLICIES } from "../plugin/resource-types";

export interface PulumiImportResource {
  type: string;
  name: string;
  logicalName: string;
  id: string;
}

export interface PulumiImportFile {
  resources: PulumiImportResource[];
}

/** A name the generated code can use as an identifier: the key's words joined by "-". */
function codeName(key: string): string {
  return key.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "group";
}

/** The import file for every node of an exported hierarchy (each node has its key and uuid). */
export function pulumiImportFile(spec: HierarchySpec): PulumiImportFile {
  const resources: PulumiImportResource[] = [];
  const visit = (node: HierarchyNode): void => {
    const key = node.key!;
    const uuid = node.existingUuid!;
    if (!node.anchor) resources.push({ type: GROUP, name: codeName(key), logicalName: key, id: uuid });
    if (node.policies !== undefined && node.policies.length > 0) {
      resources.push({
        type: GROUP_POLICIES,
        name: `${codeName(key)}-policies`,
        logicalName: `${key}:policies`,
        id: uuid,
      });
    }
    for (const child of node.children ?? []) visit(child);
  };
  for (const node of spec.groups ?? []) visit(node);
  return { resources };
}
