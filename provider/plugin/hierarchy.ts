/**
 * The Hierarchy component for programs in other languages, built in the plugin by `construct`.
 * The TypeScript Hierarchy (provider/hierarchy/component.ts) makes dynamic Groups, which cannot
 * work from a plugin outside Node (pulumi/pulumi#5455: the dynamic-provider host would start in the
 * consuming program's folder and not find @pulumi/pulumi). So this one makes the plugin's own
 * eset:index:Group and eset:index:GroupAnchor resources, from the same declared tree (validation,
 * default keys, parent resolution), each named `<component>/<key>` as there.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { declareHierarchy, type DeclaredHierarchy } from "../hierarchy/declared";
import type { HierarchySpec } from "../hierarchy/format";
import { resolveParentUuid } from "../hierarchy/parent-uuid";
import { validateHierarchy } from "../hierarchy/validate";
import { parseHierarchyYaml } from "../hierarchy/yaml";
import { GROUP, GROUP_ANCHOR, HIERARCHY } from "./resource-types";
import { hierarchyUuidMaps } from "../hierarchy/uuid-maps";

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

function load(name: string, args: PluginHierarchyArgs): { declared: DeclaredHierarchy; where: string } {
  const hierarchy = plain(name, "hierarchy", args.hierarchy);
  const file = plain(name, "file", args.file);
  if ((hierarchy === undefined) === (file === undefined)) {
    throw new Error(
      `Hierarchy "${name}": give exactly one of \`hierarchy\` (an object) and \`file\` (a YAML path).`,
    );
  }
  if (file !== undefined) {
    const parsed = parseHierarchyYaml(fs.readFileSync(file, "utf8"), file);
    return { declared: declareHierarchy(parsed.spec), where: parsed.locate(["parent"]) };
  }
  return {
    declared: declareHierarchy(validateHierarchy(hierarchy, `Hierarchy "${name}"`)),
    where: `Hierarchy "${name}" parent`,
  };
}

export class PluginHierarchy extends pulumi.ComponentResource {
  readonly parentGroupUuid: pulumi.Output<string>;
  readonly uuidsByKey: pulumi.Output<Record<string, string>>;
  readonly uuidsByPath: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: PluginHierarchyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HIERARCHY, name, {}, opts);
    const { declared, where } = load(name, args);
    this.parentGroupUuid =
      args.parentGroupUuid !== undefined
        ? pulumi.output(args.parentGroupUuid)
        : resolveParentUuid(
            declared.parent,
            (parent) => new Error(`${where}: parent ${JSON.stringify(parent)} matches no group in ESET`),
          );
    // Children are wired to `id`, which the engine knows in the preview of a rename or move.
    const ids: Record<string, pulumi.Output<string>> = {};
    const uuidOf = (key: string | undefined) => (key === undefined ? this.parentGroupUuid : ids[key]);
    for (const node of declared.all.filter((n) => n.anchor)) {
      const props = {
        uuid: node.existingUuid,
        displayName: node.name,
        parentGroupUuid: uuidOf(node.parentKey),
      };
      ids[node.key] = new PluginResource(GROUP_ANCHOR, `${name}/${node.key}`, props, {
        parent: this,
      }).id;
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
      ids[node.key] = new PluginResource(GROUP, `${name}/${node.key}`, props, { parent: this }).id;
    }
    ({ uuidsByKey: this.uuidsByKey, uuidsByPath: this.uuidsByPath } = hierarchyUuidMaps(declared, uuidOf));
    this.registerOutputs({
      parentGroupUuid: this.parentGroupUuid,
      uuidsByKey: this.uuidsByKey,
      uuidsByPath: this.uuidsByPath,
    });
  }
}
