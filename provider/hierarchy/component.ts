/**
 * `Hierarchy`: a declared tree of device groups as one Pulumi component. One `Group` per managed
 * node and one read-only `GroupAnchor` per anchor, each a direct child of the component and named after its key, so renaming or moving a node
 * (same key) is an in-place update of the same resource, never a replacement. A node with
 * `policies:` also gets a `GroupPolicies`, a child of its group's resource, named `<key>:policies`.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { Group } from "../resources/group/group";
import { GroupAnchor } from "../resources/group-anchor/group-anchor";
import { GroupPolicies } from "../resources/group-policies/group-policies";
import { declareHierarchy, type DeclaredGroup, type DeclaredHierarchy } from "./declared";
import type { HierarchySpec } from "./format";
import { unknownInputReason } from "../../shared/suggest";
import { resolveParentUuid } from "./parent-uuid";
import { programTargetsOnPrem } from "../resources/program-settings";
import { validateHierarchy } from "./validate";
import { parseHierarchyYaml } from "./yaml";
import { hierarchyUuidMaps, policyUuidsOutput } from "./uuid-maps";
import { afterPolicies, resolveHierarchyPolicies } from "./policy-resolution";
import { objectLocator, type Locate } from "./problems";
import { unknownParentError } from "./user-error";

/** Inputs of a {@link Hierarchy}. */
export interface HierarchyArgs {
  /**
   * The declared tree as an object (the shape of `hierarchy.yaml`). Validated when the component
   * is constructed; problems are named by property path. Exactly one of `hierarchy` and `file`.
   */
  hierarchy?: HierarchySpec;
  /**
   * Path of a hierarchy YAML file, relative to the program's working directory. Problems are
   * reported as `file:line:column`. Exactly one of `hierarchy` and `file`.
   */
  file?: string;
  /**
   * The uuid of the existing group to build under, e.g. another resource's output. Overrides the
   * hierarchy's `parent`. Default: the hierarchy's `parent` (a uuid is used as it is, a path is
   * looked up with one listing of ESET's groups); All when neither is set.
   */
  parentGroupUuid?: pulumi.Input<string>;
  /** Free the seats of devices deleted with any group of this hierarchy. Default: false. */
  releaseConsumedUnitsOnDelete?: boolean;
  /**
   * Let a change ESET cannot make in place (a node's `description` or `linkedEntityType`) replace
   * the group: it is deleted with everything below it, then created again. Default: false (such a
   * change fails and nothing is touched).
   */
  allowReplace?: boolean;
}

/** The type token of the component; never change it without an alias. */
export const HIERARCHY_TYPE = "eset-connect:index:Hierarchy";

/** Every argument of {@link HierarchyArgs}: anything else is a typo (from JavaScript) and refused. */
const HIERARCHY_ARGS = [
  "hierarchy",
  "file",
  "parentGroupUuid",
  "releaseConsumedUnitsOnDelete",
  "allowReplace",
];

interface Loaded {
  declared: DeclaredHierarchy;
  /** Where `parent` is written, for its message. */
  where: string;
  /** Places a problem in the file (`file:line:column`) or the object (`Hierarchy "x" groups[0]...`). */
  locate: Locate;
}

function loadHierarchy(name: string, args: HierarchyArgs): Loaded {
  const unknown = Object.keys(args ?? {}).filter((key) => !HIERARCHY_ARGS.includes(key));
  if (unknown.length > 0) {
    throw new Error(
      unknown.map((key) => `Hierarchy "${name}": ${unknownInputReason(key, HIERARCHY_ARGS)}`).join("\n"),
    );
  }
  if ((args.hierarchy === undefined) === (args.file === undefined)) {
    throw new Error(
      `Hierarchy "${name}": give exactly one of \`hierarchy\` (an object) and \`file\` (a YAML path).`,
    );
  }
  if (args.file !== undefined) {
    const file = parseHierarchyYaml(fs.readFileSync(args.file, "utf8"), args.file);
    return {
      declared: declareHierarchy(file.spec),
      where: file.locate(["parent"]),
      locate: (path, target) => file.locate(path, target),
    };
  }
  const spec = validateHierarchy(args.hierarchy, `Hierarchy "${name}"`);
  return {
    declared: declareHierarchy(spec),
    where: `Hierarchy "${name}" parent`,
    locate: objectLocator(`Hierarchy "${name}"`),
  };
}

/**
 * On ESET PROTECT On-Prem (`eset:serverUrl`), which has no group delete, the component's Groups
 * are protected unless the component's options say otherwise. The engine plans the delete of a
 * node removed from the program without asking the provider, even in preview
 * (pkg/resource/deploy/step_generator.go); `protect` is what the engine itself refuses there
 * (step.go, `DeleteStep.Apply`, before its preview check), and it also refuses a replacement. So
 * a removed node, or one whose change needs a replacement, fails `pulumi preview` before any write.
 */
function onPremProtection(
  component: pulumi.ComponentResource,
  opts: pulumi.ComponentResourceOptions | undefined,
): { protect?: boolean } {
  // Passed on explicitly: a Group on On-Prem defaults to protected unless its own options say
  // otherwise (resources/program-settings.ts), so the component's choice must reach it as its own.
  if (opts?.protect !== undefined) return { protect: opts.protect };
  if (!programTargetsOnPrem()) return {};
  void pulumi.log.info(
    "ESET PROTECT On-Prem (eset:serverUrl) has no group delete, so this hierarchy's groups are protected: " +
      "removing a node, or a change that replaces its group, fails in preview. Delete a group in the ESET PROTECT " +
      "web console and run pulumi refresh; docs/troubleshooting.md has the steps.",
    component,
  );
  return { protect: true };
}

/**
 * A tree of ESET PROTECT device groups declared as data. Outputs map each node's key and each
 * node's path (below the managed root) to the group's uuid. On ESET PROTECT On-Prem
 * (`eset:serverUrl`) its Groups are protected (default; set `protect` in the component's options to
 * choose), because On-Prem cannot delete groups.
 */
export class Hierarchy extends pulumi.ComponentResource {
  /** The group the hierarchy is built under. */
  public readonly parentGroupUuid: pulumi.Output<string>;
  /** Each managed node's `Group` resource, by key. */
  public readonly groups: Readonly<Record<string, Group>>;
  /** Each anchor node's `GroupAnchor` (read only), by key (e.g. to generate a GpoSccmFile for a site). */
  public readonly anchors: Readonly<Record<string, GroupAnchor>>;
  /**
   * Key → uuid of every managed group (anchors left out: they are never renamed, moved or removed);
   * `eset-connect plan --uuids` reads it to see renames, moves and removals.
   */
  public readonly uuidsByKey: pulumi.Output<Record<string, string>>;
  /** Path below the managed root (`Acme/Berlin`) → uuid of every node, anchors included. */
  public readonly uuidsByPath: pulumi.Output<Record<string, string>>;
  /** Each `GroupPolicies` (of a node that declares `policies:`), by key. */
  public readonly groupPolicies: Readonly<Record<string, GroupPolicies>>;
  /**
   * Key → the policy uuids its group carries, rank 1 first, for every node that declares
   * `policies:` (names resolved); `{}` when none does.
   */
  public readonly policyUuidsByKey: pulumi.Output<Record<string, string[]>>;
  /** The declared tree with defaults filled in. */
  public readonly declared: DeclaredHierarchy;

  constructor(name: string, args: HierarchyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HIERARCHY_TYPE, name, {}, opts);
    const { declared, where, locate } = loadHierarchy(name, args);
    this.declared = declared;
    const resolved = resolveHierarchyPolicies(declared, locate);
    this.parentGroupUuid = afterPolicies(
      args.parentGroupUuid !== undefined
        ? pulumi.output(args.parentGroupUuid)
        : resolveParentUuid(
            declared.parent,
            // Its message alone ends the program, as for the policy names (user-error.ts says why).
            (parent) => unknownParentError(where, parent),
          ),
      resolved,
    );

    const groups: Record<string, Group> = {};
    const anchors: Record<string, GroupAnchor> = {};
    const uuidOf = (key: string | undefined): pulumi.Input<string> =>
      key === undefined ? this.parentGroupUuid : (anchors[key] ?? groups[key]).uuid;
    // Anchors first: a missing or renamed anchor then fails before any Group is written. Their
    // parents are anchors or the root, so this order still puts parents before children.
    for (const node of declared.all.filter((n) => n.anchor)) {
      anchors[node.key] = new GroupAnchor(
        `${name}/${node.key}`,
        { uuid: node.existingUuid, displayName: node.name, parentGroupUuid: uuidOf(node.parentKey) },
        { parent: this },
      );
    }
    const protect = onPremProtection(this, opts);
    // `declared.all` lists parents before children, so each parent's Group exists when needed.
    for (const node of declared.all.filter((n) => !n.anchor)) {
      groups[node.key] = new Group(
        `${name}/${node.key}`,
        this.groupArgs(node, uuidOf(node.parentKey), args),
        {
          parent: this,
          ...protect,
        },
      );
    }
    this.groups = groups;
    this.anchors = anchors;
    const groupPolicies: Record<string, GroupPolicies> = {};
    // On-Prem can unassign a policy, so a node's `policies:` may still be removed: when the
    // protection is only this component's On-Prem default, its GroupPolicies do not inherit it
    // from their group. A component the program itself protects protects them too.
    const policiesProtection =
      protect.protect === true && opts?.protect === undefined ? { protect: false } : {};
    for (const node of declared.all.filter((n) => n.policies !== undefined)) {
      const owner = anchors[node.key] ?? groups[node.key];
      groupPolicies[node.key] = new GroupPolicies(
        `${name}/${node.key}:policies`,
        { groupUuid: owner.uuid, policies: resolved!.apply((byKey) => byKey[node.key] ?? []) },
        { parent: owner, ...policiesProtection },
      );
    }
    this.groupPolicies = groupPolicies;
    ({ uuidsByKey: this.uuidsByKey, uuidsByPath: this.uuidsByPath } = hierarchyUuidMaps(declared, uuidOf));
    this.policyUuidsByKey = policyUuidsOutput(resolved);
    this.registerOutputs({
      parentGroupUuid: this.parentGroupUuid,
      uuidsByKey: this.uuidsByKey,
      uuidsByPath: this.uuidsByPath,
      policyUuidsByKey: this.policyUuidsByKey,
    });
  }

  private groupArgs(node: DeclaredGroup, parentGroupUuid: pulumi.Input<string>, args: HierarchyArgs) {
    return {
      displayName: node.name,
      parentGroupUuid,
      description: node.description,
      linkedEntityType: node.linkedEntityType,
      existingUuid: node.existingUuid,
      forceDestroy: node.forceDestroy,
      releaseConsumedUnitsOnDelete: args.releaseConsumedUnitsOnDelete,
      allowReplace: args.allowReplace,
    };
  }
}
