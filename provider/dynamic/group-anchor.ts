/**
 * The GroupAnchor implementation the dynamic-provider host runs. An anchor only reads: `check`
 * finds the group in the live tree (so a missing, renamed or moved anchor fails the preview, and the
 * anchor's uuid is known in preview for the Groups below it), `create`/`update` read it again, `read`
 * reports drift, and `delete` makes no call at all.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ANCHOR_FIELDS, resolveAnchor, type AnchorState } from "./group-anchor-resolve";
import { CheckFailure, Props, checkFields, containsUnknown } from "./inputs";
import { say } from "./report";
import { esetClient } from "./settings";

const optionalText = (what: string) =>
  z
    .string({ error: `must be a string: ${what}` })
    .optional()
    .refine((s) => s === undefined || s.trim() !== "", {
      message: `must not be empty: ${what}, or left out`,
    });

const FIELDS = {
  uuid: optionalText("the uuid of the existing group to refer to"),
  path: optionalText('the path of names below All of the existing group (e.g. "Customers/Acme Corp")'),
  displayName: optionalText("the name the group must have in ESET"),
  parentGroupUuid: optionalText("the uuid of the group the anchored group must sit below"),
};

/** Shape rules: one way to name the group. */
export function anchorShapeFailures(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const { values, failures } = checkFields(FIELDS, news);
  const inputs: Props = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  if (failures.length > 0) return { inputs, failures };
  if (inputs.uuid !== undefined && inputs.path !== undefined) {
    failures.push({
      property: "path",
      reason:
        "must be left out when uuid is given: an anchor names its group by uuid, by path, or by displayName below parentGroupUuid",
    });
  } else if (
    inputs.uuid === undefined &&
    inputs.path === undefined &&
    (inputs.displayName === undefined || inputs.parentGroupUuid === undefined)
  ) {
    failures.push({
      property: "uuid",
      reason:
        "is required unless path, or displayName with parentGroupUuid, names the group: give the uuid of the existing " +
        "group to refer to (`eset-connect tree` lists them)",
    });
  }
  return { inputs, failures };
}

async function check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const shaped = anchorShapeFailures(news);
  if (shaped.failures.length > 0) return shaped;
  const found = resolveAnchor(await esetClient().readTree(), shaped.inputs);
  if (found.state) return { inputs: { ...found.state } };
  return { inputs: shaped.inputs, failures: found.failures };
}

/** Reads the group again (the snapshot `check` used serves, so this is usually no call). */
async function resolveOrThrow(inputs: Props): Promise<AnchorState> {
  const found = resolveAnchor(await esetClient().readTree(), inputs);
  if (found.state) return found.state;
  throw new Error(found.failures.map((f) => `${f.property} ${f.reason}`).join("\n"));
}

function diff(_id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = ANCHOR_FIELDS.filter((key) => containsUnknown(news[key]) || olds[key] !== news[key]);
  // Another group behind the anchor is another anchor; "replacing" it reads, and deletes nothing.
  const replaces = changed.includes("uuid") ? ["uuid"] : [];
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}

export const groupAnchor: Omit<pulumi.dynamic.ResourceProvider, "configure"> = {
  check,
  diff: async (id, olds, news) => diff(id, olds, news),
  create: async (inputs) => {
    const state = await resolveOrThrow(inputs);
    return { id: state.uuid, outs: state };
  },
  update: async (_id, _olds, news) => ({ outs: await resolveOrThrow(news) }),
  read: async (id, props) => {
    const found = resolveAnchor(await esetClient().readTree(), { uuid: id });
    if (!found.state) return {};
    const inputs = { ...(props ?? {}), ...found.state };
    return { id, props: found.state, inputs };
  },
  delete: async (id, props) => {
    const name = typeof props?.displayName === "string" ? `"${props.displayName}" ` : "";
    say(`group anchor ${name}(${id})`, "left in ESET as it is (an anchor is never deleted)");
  },
};
