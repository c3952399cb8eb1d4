import * as pulumi from "@pulumi/pulumi";
import { groupAnchorProvider } from "../serialized-providers";

/**
 * Inputs of a {@link GroupAnchor}. Name the group one way: `uuid`, `path`, or `displayName` below
 * `parentGroupUuid`. Every name or parent given is also a check: a group in ESET that does not
 * match (renamed or moved there) fails `check`, so `pulumi preview` fails and nothing is written.
 */
export interface GroupAnchorArgs {
  /** The uuid of the existing group (`eset-connect tree` lists them). Default: none (found by `path`, or by name). */
  uuid?: pulumi.Input<string>;
  /**
   * The path of names below All (`Customers/Acme Corp`; a leading `All/` is accepted; a "/" inside a
   * name is written `\/`). Not with `uuid`. Default: none.
   */
  path?: pulumi.Input<string>;
  /**
   * The name the group has in ESET. With `parentGroupUuid` and without `uuid`/`path`, it names the
   * group; otherwise it is checked. Default: not checked.
   */
  displayName?: pulumi.Input<string>;
  /** The uuid of the group the anchored group sits below; checked, or used with `displayName`. Default: not checked. */
  parentGroupUuid?: pulumi.Input<string>;
}

/**
 * A read-only reference to an existing group of the ESET PROTECT tree, linked (customer, MSP, site,
 * household, external container: ESET creates those) or static, so that `Group`s can be put below
 * it. Nothing ever writes to an anchor: `pulumi up` only reads it, `pulumi destroy` drops it from the
 * stack without any call. A missing, renamed or moved anchor fails `check` in preview. It needs ESET
 * credentials in preview (it reads the group tree there); the listing is shared with the Groups.
 */
export class GroupAnchor extends pulumi.dynamic.Resource {
  /** The group's uuid (also the resource id); known in preview once the group is found. */
  declare public readonly uuid: pulumi.Output<string>;
  /** The group's name in ESET. */
  declare public readonly displayName: pulumi.Output<string>;
  /** The parent's uuid; "" for All. */
  declare public readonly parentGroupUuid: pulumi.Output<string>;
  /** What the group is linked to, e.g. `GROUP_ENTITY_TYPE_CUSTOMER`; `GROUP_ENTITY_TYPE_UNSPECIFIED` for a static group. */
  declare public readonly linkedEntityType: pulumi.Output<string>;
  /** The path of names below All, e.g. `Customers/Acme Corp`. */
  declare public readonly path: pulumi.Output<string>;

  constructor(name: string, args: GroupAnchorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      groupAnchorProvider,
      name,
      {
        // Whatever was given, so `check` names a misspelt input from JavaScript instead of the
        // SDK dropping it silently; the declared inputs below win.
        ...(args as object),
        uuid: args.uuid,
        path: args.path,
        displayName: args.displayName,
        parentGroupUuid: args.parentGroupUuid,
        // Output only: listed so the SDK exposes it on this object.
        linkedEntityType: undefined,
      },
      opts,
      "eset-connect",
      "GroupAnchor",
    );
  }
}
