/** The Group implementation the dynamic-provider host runs. */
import type * as pulumi from "@pulumi/pulumi";
import { checkGroup } from "./group-inputs";
import { diffGroup } from "./group-diff";
import { createGroup, updateGroup } from "./group-write";
import { readGroup } from "./group-read";
import { deleteGroup } from "./group-delete";
import { assertGroupPlacement, groupCheckTreeFailures } from "./tree-preview";
import { adoptionFailures } from "./group-adopt-check";

export const group: Omit<pulumi.dynamic.ResourceProvider, "configure"> = {
  check: async (olds, news) => {
    const checked = checkGroup(olds, news);
    if (checked.failures.some((f) => f.property === "existingUuid")) return checked;
    // A linked or special group named by existingUuid: said in GroupAnchor terms (group-adopt-check.ts).
    const adoption = await adoptionFailures(checked.inputs);
    if (adoption.length > 0) return { ...checked, failures: [...checked.failures, ...adoption] };
    // ESET's tree rules only for inputs that are valid on their own (and at most one listing).
    if (checked.failures.length === 0)
      checked.failures.push(...(await groupCheckTreeFailures(olds, checked.inputs)));
    return checked;
  },
  diff: async (id, olds, news) => {
    const result = diffGroup(id, olds, news);
    if (result.changes) await assertGroupPlacement(id, olds, news);
    return result;
  },
  create: createGroup,
  read: (id, props) => readGroup(id, props ?? {}),
  update: updateGroup,
  delete: deleteGroup,
};
