/** The Group implementation the dynamic-provider host runs. */
import type * as pulumi from "@pulumi/pulumi";
import { checkGroup } from "./group-inputs";
import { diffGroup } from "./group-diff";
import { createGroup, updateGroup } from "./group-write";
import { readGroup } from "./group-read";
import { deleteGroup } from "./group-delete";

export const group: Omit<pulumi.dynamic.ResourceProvider, "configure"> = {
  check: async (olds, news) => checkGroup(olds, news),
  diff: async (id, olds, news) => diffGroup(id, olds, news),
  create: createGroup,
  read: (id, props) => readGroup(id, props ?? {}),
  update: updateGroup,
  delete: deleteGroup,
};
