/**
 * The GroupAnchor methods the dynamic-provider host runs. An anchor only reads: `check` finds the
 * group in the live tree, `create`/`update` read it again, `read` reports drift, and `delete` makes
 * no call at all.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import { checkGroupAnchor } from "./check";
import { createGroupAnchor } from "./create";
import { deleteGroupAnchor } from "./delete";
import { diffGroupAnchor } from "./diff";
import { readGroupAnchor } from "./read";
import { updateGroupAnchor } from "./update";

export function groupAnchorMethods(connect: Connect): Omit<pulumi.dynamic.ResourceProvider, "configure"> {
  return {
    check: (olds, news) => checkGroupAnchor(connect, olds, news),
    diff: async (id, olds, news) => diffGroupAnchor(id, olds, news),
    create: (inputs) => createGroupAnchor(connect, inputs),
    update: (_id, _olds, news) => updateGroupAnchor(connect, news),
    read: (id, props) => readGroupAnchor(connect, id, props ?? {}),
    delete: async (id, props) => deleteGroupAnchor(id, props ?? {}),
  };
}
