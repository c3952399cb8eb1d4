/** The Group implementation the dynamic-provider host runs. */
import type * as pulumi from "@pulumi/pulumi";
import { checkGroup } from "./group-inputs";
import { diffGroup } from "./group-diff";
import { createGroup, updateGroup } from "./group-write";
import { readGroup } from "./group-read";
import { deleteGroup } from "./group-delete";
import { adoptionFailures } from "./group-adopt-check";

export const group: Omit<pulumi.dynamic.ResourceProvider, "configure"> = {
  check: async (olds, news) => {
    const checked = checkGroup(olds, news);
    if (checked.failures.some((f) => f.property === "existingUuid")) return checked;
    return { ...checked, failures: [...checked.failures, ...(await adoptionFailures(checked.inputs))] };
  },
  diff: async (id, olds, news) => diffGroup(id, olds, news),
  create: createGroup,
  read: (id, props) => readGroup(id, props ?? {}),
  update: updateGroup,
  delete: deleteGroup,
};
