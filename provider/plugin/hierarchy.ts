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
import { unknownParentError } from "../hierarchy/user-error";

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
  /** On ESET PROTECT On-Prem, protect the component's Groups. Default true (schema.json). */
  protectOnPrem?: boolean;
}

/**
 * The `protect` option of the component's Groups and GroupPolicies. On ESET PROTECT On-Prem, which
 * has no group delete, the Groups are protected (unless `protectOnPrem: false`): the engine plans the
 * delete of a removed node without asking the provider, even in preview
 * (pkg/resource/deploy/step_generator.go), and `protect` is the refusal it makes itself there
 * (step.go, `DeleteStep.Apply`), replacements included. So a removed node fails `pulumi preview`.
 * The TypeScript Hierarchy does this when its own options leave `protect` unset
 * (provider/hierarchy/component.ts); here `construct` receives `protect: false` when the program set
 * none (the SDK's provider server reads the request's `protect` with a default), so the choice is an
 * input of its own. GroupPolicies stay unprotected unless the component is: On-Prem can unassign a
 * policy, so a node's `policies:` may still be removed (they would inherit their group's protection).
 */
export function onPremProtection(
  componentProtected: boolean,
  onPrem: boolean,
  protectOnPrem: boolean | undefined,
): { groups?: boolean; groupPolicies?: boolean } {
  if (componentProtected || !onPrem || protectOnPrem === false) return {};
  return { groups: true, groupPolicies: false };
}

const ON_PREM_PROTECTION_NOTE =
  "ESET PROTECT On-Prem (eset:serverUrl) has no group delete, so this hierarchy's groups are protected: " +
  "removing a node, or a change that replaces its group, fails in preview. Delete a group in the ESET PROTECT " +
  "web console and run pulumi refresh (docs/troubleshooting.md); protectOnPrem: false turns this off.";

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

  /** `onPrem`: the plugin's settings address ESET PROTECT On-Prem (`eset:serverUrl`). */
  constructor(
    name: string,
    args: PluginHierarchyArgs,
    opts?: pulumi.ComponentResourceOptions,
    onPrem = false,
  ) {
    super(HIERARCHY, name, {}, opts);
    const { declared, where, locate } = load(name, args);
    const protect = onPremProtection(
      opts?.protect === true,
      onPrem,
      plain(name, "protectOnPrem", args.protectOnPrem),
    );
    if (protect.groups) void pulumi.log.info(ON_PREM_PROTECTION_NOTE, this);
    // Policy names resolve before any group is written (policy-resolution.ts).
    const resolved = resolveHierarchyPolicies(declared, locate);
    this.parentGroupUuid = afterPolicies(
      args.parentGroupUuid !== undefined
        ? pulumi.output(args.parentGroupUuid)
        : resolveParentUuid(
            declared.parent,
            // A RunError without frames, as the TypeScript component raises (user-error.ts says why).
            (parent) => unknownParentError(where, parent),
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
      resources[node.key] = new PluginResource(GROUP, `${name}/${node.key}`, props, {
        parent: this,
        ...(protect.groups !== undefined && { protect: protect.groups }),
      });
      ids[node.key] = resources[node.key].id;
    }
    for (const node of declared.all.filter((n) => n.policies !== undefined)) {
      const props = {
        groupUuid: ids[node.key],
        policies: resolved!.apply((byKey) => byKey[node.key] ?? []),
      };
      new PluginResource(GROUP_POLICIES, `${name}/${node.key}:policies`, props, {
        parent: resources[node.key],
        ...(protect.groupPolicies !== undefined && { protect: protect.groupPolicies }),
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
