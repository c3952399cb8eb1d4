/** The Group methods the dynamic-provider host runs (installed by provider/dynamic-provider/host.ts). */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import { checkGroupInputs } from "./check";
import { createGroup } from "./create";
import { deleteGroup } from "./delete";
import { assertGroupPlacement, assertOnPremKeepsGroup, diffGroup } from "./diff";
import { readGroup } from "./read";
import { updateGroup } from "./update";

export function groupMethods(connect: Connect): Omit<pulumi.dynamic.ResourceProvider, "configure"> {
  return {
    check: (olds, news) => checkGroupInputs(connect, olds, news),
    diff: async (id, olds, news) => {
      const result = diffGroup(id, olds, news);
      assertOnPremKeepsGroup(connect, id, olds, news, result);
      if (result.changes) await assertGroupPlacement(connect, id, olds, news);
      return result;
    },
    create: (inputs) => createGroup(connect, inputs),
    read: (id, props) => readGroup(connect, id, props ?? {}),
    update: (id, olds, news) => updateGroup(connect, id, olds, news),
    delete: (id, props) => deleteGroup(connect, id, props),
  };
}
