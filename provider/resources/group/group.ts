import * as pulumi from "@pulumi/pulumi";
import { groupProvider } from "../serialized-providers";
import { groupClientUuid } from "../../client/client-uuid";
import { groupOptionsOnPrem } from "../program-settings";

const GROUP_TYPE = "pulumi-nodejs:dynamic/eset-connect:Group";

/**
 * This resource's URN, for recovery messages. Built from the parent's URN through a plain promise:
 * an Output of `parent.urn` would make the group depend on its parent, and depending on a
 * component means waiting for all of its children, the group itself included (a deadlock).
 */
function urnOf(name: string, parent: pulumi.Resource | undefined): pulumi.Output<string> {
  const parentUrn = new Promise<string | undefined>((resolve) => {
    if (!parent) return resolve(undefined);
    parent.urn.apply((urn) => resolve(urn));
  });
  return pulumi.output(
    parentUrn.then((urn) => {
      const prefix = urn ? `${urn.slice(0, urn.lastIndexOf("::"))}$` : "";
      const chain =
        prefix.endsWith("::pulumi:pulumi:Stack$") || !urn ? "" : prefix.slice(prefix.lastIndexOf("::") + 2);
      return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${chain}${GROUP_TYPE}::${name}`;
    }),
  );
}

/** Inputs of a {@link Group}. */
export interface GroupArgs {
  /** The group's name as shown in ESET PROTECT. Required. Changing it renames the group in place. */
  displayName: pulumi.Input<string>;
  /**
   * The uuid of the parent group: another Group's `uuid`, or `00000000-0000-0000-7001-000000000001`
   * for the top-level group "All". Required. Changing it moves the group (with everything below
   * it) in place.
   */
  parentGroupUuid: pulumi.Input<string>;
  /**
   * Free text shown in ESET PROTECT. Default: none (the same as `""`). ESET Connect sets it only
   * when the group is created and cannot read it back, so changing it later needs a replacement
   * (refused unless `allowReplace` is true) and a change made in the console is not detected.
   */
  description?: pulumi.Input<string>;
  /**
   * Kept so that older programs still run: only `GROUP_ENTITY_TYPE_UNSPECIFIED` (the default) is
   * accepted. ESET creates linked groups (customer, MSP, site, household, external container)
   * itself and ESET Connect cannot create, rename, move or delete them, so any other value fails
   * `check`: refer to such a group with a {@link GroupAnchor} and put Groups below it.
   */
  linkedEntityType?: pulumi.Input<string>;
  /**
   * When the group is deleted, also free the seats (consumed units) of the devices deleted with
   * it. Default false.
   */
  releaseConsumedUnitsOnDelete?: pulumi.Input<boolean>;
  /**
   * Allow deleting the group while groups or devices that this stack does not manage are still
   * inside it; ESET deletes them with it. Default false: the delete is refused and lists what is
   * inside. Takes effect once applied by `pulumi up`, before the `pulumi destroy` that needs it.
   */
  forceDestroy?: pulumi.Input<boolean>;
  /**
   * Allow a change ESET cannot make in place (`description`, `linkedEntityType`, or a different
   * `existingUuid`) to replace the group: the old group is deleted first, with everything below it
   * (subject to `forceDestroy`), then a new one is created. Default false: such a change fails
   * with an explanation and nothing is touched.
   */
  allowReplace?: pulumi.Input<boolean>;
  /**
   * Adopt this existing static group instead of creating one: it must exist (a linked group, All or
   * Lost & found is refused in `check` when the uuid is known, and always before any write); its name and parent are
   * then set to `displayName` and `parentGroupUuid` in place. Default: none (a new group is
   * created). Its description cannot be read, so the declared one is recorded as is.
   */
  existingUuid?: pulumi.Input<string>;
}

/**
 * A static group in the ESET PROTECT device-group tree, managed through ESET Connect.
 * Renames and moves happen in place; deleting a group that still holds unmanaged groups or
 * devices is refused unless `forceDestroy` is true.
 */
export class Group extends pulumi.dynamic.Resource {
  /**
   * The group's uuid, assigned by ESET (or the adopted `existingUuid`): the resource's `id`. Taken
   * from `id` rather than from the provider's outputs because in a preview the engine knows the
   * `id` of a group that is only updated, but none of its outputs that are not inputs
   * (sdk/go/common/resource/plugin/provider_plugin.go, `Update` without preview support): wired
   * to `uuid`, children and installer files show no change when their parent is renamed or moved.
   */
  public readonly uuid: pulumi.Output<string>;
  /** The tenant that owns the group, when ESET reported it. */
  declare public readonly ownerUuid: pulumi.Output<string | undefined>;
  declare public readonly displayName: pulumi.Output<string>;
  declare public readonly parentGroupUuid: pulumi.Output<string>;
  /** The description this stack set (ESET cannot read it back). */
  declare public readonly description: pulumi.Output<string>;
  /** Always in the asset-management spelling, e.g. `GROUP_ENTITY_TYPE_CUSTOMER`. */
  declare public readonly linkedEntityType: pulumi.Output<string>;
  declare public readonly releaseConsumedUnitsOnDelete: pulumi.Output<boolean>;
  declare public readonly forceDestroy: pulumi.Output<boolean>;
  declare public readonly allowReplace: pulumi.Output<boolean>;
  declare public readonly existingUuid: pulumi.Output<string | undefined>;

  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      groupProvider,
      name,
      {
        // Whatever was given, so `check` names a misspelt input from JavaScript instead of the
        // SDK dropping it silently; the declared inputs below win.
        ...(args as object),
        displayName: args.displayName,
        parentGroupUuid: args.parentGroupUuid,
        description: args.description,
        linkedEntityType: args.linkedEntityType,
        releaseConsumedUnitsOnDelete: args.releaseConsumedUnitsOnDelete,
        forceDestroy: args.forceDestroy,
        allowReplace: args.allowReplace,
        existingUuid: args.existingUuid,
        // Idempotent creates (docs/client.md, "Interrupted runs"): create() gets no URN, so the
        // uuid to ask ESET for, and the URN for recovery messages, are computed here. Never a diff.
        clientUuid: groupClientUuid(pulumi.getProject(), pulumi.getStack(), name),
        resourceUrn: urnOf(name, opts?.parent),
        // Output only: listed so the SDK exposes it on this object.
        ownerUuid: undefined,
      },
      groupOptionsOnPrem(opts),
      "eset-connect",
      "Group",
    );
    this.uuid = this.id;
  }
}
