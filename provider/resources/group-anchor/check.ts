/**
 * GroupAnchor `check`: one way to name the group, then the group found in the live tree (so a
 * missing, renamed or moved anchor fails the preview, and the anchor's uuid is known in preview for
 * the Groups below it).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import { CheckFailure, Props, checkFields, optionalText } from "../inputs";
import { resolveAnchor } from "./resolve";

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

export async function checkGroupAnchor(
  connect: Connect,
  _olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  const shaped = anchorShapeFailures(news);
  if (shaped.failures.length > 0) return shaped;
  const found = resolveAnchor(await connect().readTree(), shaped.inputs);
  if (found.state) return { inputs: { ...found.state } };
  return { inputs: shaped.inputs, failures: found.failures };
}
