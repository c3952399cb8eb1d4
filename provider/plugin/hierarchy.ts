/**
 * The Hierarchy component for programs in other languages, built in the plugin by `construct`.
 * The TypeScript Hierarchy (provider/hierarchy/component.ts) makes dynamic Groups, which cannot
 * work from a plugin outside Node (pulumi/pulumi#5455: the dynamic-provider host would start in the
 * consuming program's folder and not find @pulumi/pulumi). So this one makes the plugin's own
 * eset:index:Group and eset:index:GroupAnchor resources, from the same declared tree (validation,
 * default keys, parent resolution, policy names), each named `<component>/<key>` as there, and an
 * eset:index:GroupPolicies `<component>/<key>:policies` below the group of each node with `policies:`.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { declareHierarchy, type DeclaredHierarchy } from "../hierarchy/declared";
import type { HierarchySpec } from "../hierarchy/format";
import { resolveParentUuid } from "../hierarchy/parent-uuid";
import { validateHierarchy } from "../hierarchy/validate";
import { parseHierarchyYaml } from "../hierarchy/yaml";
import { GROUP, GROUP_ANCHOR, GROUP_POLICIES, HIERARCHY } from "./resource-types";
import { hierarchyUuidMaps, policyUuidsOutput } from "../hierarchy/uuid-maps";
import { afterPolicies, resolveHierarchyPolicies } from "../hierarchy/policy-resolution";
import { objectLocator, type Locate } from "../hierarchy/problems";

/** A resource of this plugin registered by type token (the SDK's CustomResource is abstract). */
class PluginResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

export interface PluginHierarchyArgs {
  hierarchy?: HierarchySpec;
  file?: string;
  parentGroupUuid?: pulumi.Input<string>;
  releaseConsumedUnitsOnDelete?: boolean;
  allowReplace?: boolean;
}

/** The declared tree must be known when the component is built: it decides which resources exist. */
function plain<T>(name: string, what: string, value: T | pulumi.Output<T>): T {
  if (pulumi.Output.isInstance(value)) {
    throw new Error(
      `Hierarchy "${name}": \`${what}\` must be given as a value, not as another resource's output`,
    );
  }
  return value;
}

function load(
  name: string,
  args: PluginHierarchyArgs,
): { declared: DeclaredHierarchy; where: string; locate: Locate } {
  const hierarchy = plain(name, "hierarchy", args.hierarchy);
  const file = plain(name, "file", args.file);
  if ((hierarchy === undefined) === (file === undefined)) {
    throw new Error(
      `Hierarchy "${name}": give exactly one of \`hierarchy\` (an object) and \`file\` (a YAML path).`,
    );
  }
  if (file !== undefined) {
    const parsed = parseHierarchyYaml(fs.readFileSync(file, "utf8"), file);
    return {
      declared: declareHierarchy(parsed.spec),
      where: parsed.locate(["parent"]),
      locate: (path, target) => parsed.locate(path, target),
    };
  }
  return {
    declared: declareHierarchy(validateHierarchy(hierarchy, `Hierarchy "${name}"`)),
    where: `Hierarchy "${name}" parent`,
    locate: objectLocator(`Hierarchy "${name}"`),
  };
}

export class PluginHierarchy extends pulumi.ComponentResource {
  readonly parentGroupUuid: pulumi.Output<string>;
  readonly uuidsByKey: pulumi.Output<Record<string, string>>;
  readonly uuidsByPath: pulumi.Output<Record<string, string>>;
  readonly policyUuidsByKey: pulumi.Output<Record<string, string[]>>;

  constructor(name: string, args: PluginHierarchyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HIERARCHY, name, {}, opts);
    const { declared, where, locate } = load(name, args);
    // Policy names resolve before any group is written (policy-resolution.ts).
    const resolved = resolveHierarchyPolicies(declared, locate);
    this.parentGroupUuid = afterPolicies(
      args.parentGroupUuid !== undefined
        ? pulumi.output(args.parentGroupUuid)
        : resolveParentUuid(
            declared.parent,
            (parent) => new Error(`${where}: parent ${JSON.stringify(parent)} matches no group in ESET`),
          ),
      resolved,
    );
    // Children are wired to `id`, which the engine knows in the preview of a rename or move.
    const ids: Record<string, pulumi.Output<string>> = {};
    const resources: Record<string, PluginResource> = {};
    const uuidOf = (key: string | undefined) => (key === undefined ? this.parentGroupUuid : ids[key]);
    for (const node of declared.all.filter((n) => n.anchor)) {
      const props = {
        uuid: node.existingUuid,
        displayName: node.name,
        parentGroupUuid: uuidOf(node.parentKey),
      };
      resources[node.key] = new PluginResource(GROUP_ANCHOR, `${name}/${node.key}`, props, { parent: this });
      ids[node.key] = resources[node.key].id;
    }
    for (const node of declared.all.filter((n) => !n.anchor)) {
      const props = {
        displayName: node.name,
        parentGroupUuid: uuidOf(node.parentKey),
        description: node.description,
        linkedEntityType: node.linkedEntityType,
        existingUuid: node.existingUuid,
        forceDestroy: node.forceDestroy,
        releaseConsumedUnitsOnDelete: args.releaseConsumedUnitsOnDelete,
        allowReplace: args.allowReplace,
      };
      resources[node.key] = new PluginResource(GROUP, `${name}/${node.key}`, props, { parent: this });
      ids[node.key] = resources[node.key].id;
    }
    for (const node of declared.all.filter((n) => n.policies !== undefined)) {
      const props = {
        groupUuid: ids[node.key],
        policies: resolved!.apply((byKey) => byKey[node.key] ?? []),
      };
      new PluginResource(GROUP_POLICIES, `${name}/${node.key}:policies`, props, {
        parent: resources[node.key],
      });
    }
    ({ uuidsByKey: this.uuidsByKey, uuidsByPath: this.uuidsByPath } = hierarchyUuidMaps(declared, uuidOf));
    this.policyUuidsByKey = policyUuidsOutput(resolved);
    this.registerOutputs({
      parentGroupUuid: this.parentGroupUuid,
      uuidsByKey: this.uuidsByKey,
      uuidsByPath: this.uuidsByPath,
      policyUuidsByKey: this.policyUuidsByKey,
    });
  }
}
