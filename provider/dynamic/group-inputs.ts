/**
 * Group inputs: validation for `check` and the normal form that `diff`, `read` and the CRUD
 * methods compare, so values that mean the same (no description vs "", CUSTOMER vs COMPANY,
 * a missing enum vs its default) never show up as a change.
 */
import { z } from "zod";
import { ALL_GROUP_UUID } from "../client/well-known-groups";
import { CheckFailure, Props, checkFields } from "./inputs";
import { replacementBlockers } from "./group-replacement";
import { linkedInputReason, linkedStateReason, linkedType } from "./group-kinds";
import {
  DEFAULT_LINKED_ENTITY_TYPE,
  LINKED_ENTITY_TYPES,
  LinkedEntityType,
  normaliseLinkedEntityType,
} from "../client/linked-entity";

/** The uuid of the top-level group "All", for messages. */

/** Group inputs after `check`: defaults applied, names normalised. */
export interface GroupInputs {
  displayName: string;
  parentGroupUuid: string;
  description: string;
  linkedEntityType: LinkedEntityType;
  releaseConsumedUnitsOnDelete: boolean;
  forceDestroy: boolean;
  allowReplace: boolean;
  existingUuid?: string;
  /** Set by the Group class, never by users; never a change (not in GROUP_DIFF_INPUTS). */
  clientUuid?: string;
  resourceUrn?: string;
}

/** What a Group stores as outputs: every input (so `diff` can compare) plus what ESET assigned. */
export interface GroupOutputs extends GroupInputs {
  uuid: string;
  ownerUuid?: string;
}

const requiredText = (required: string, wrongType: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? required : wrongType) })
    .refine((s) => s.trim() !== "", { message: "must not be empty or only spaces" });

const flag = (what: string) =>
  z.boolean({ error: `must be true or false (default false): ${what}` }).default(false);

const FIELDS = {
  displayName: requiredText(
    "is required: the group's name as shown in ESET PROTECT",
    "must be a string: the group's name as shown in ESET PROTECT",
  ),
  parentGroupUuid: requiredText(
    `is required: the uuid of the parent group (another Group's uuid, or ${ALL_GROUP_UUID} for "All")`,
    `must be a string: the uuid of the parent group (another Group's uuid, or ${ALL_GROUP_UUID} for "All")`,
  ),
  description: z
    .string({ error: "must be a string, or left out for no description" })
    .optional()
    .transform((s) => s ?? ""),
  linkedEntityType: z
    .string({ error: `must be a string, one of ${LINKED_ENTITY_TYPES.join(", ")}` })
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return DEFAULT_LINKED_ENTITY_TYPE;
      const normal = normaliseLinkedEntityType(s);
      // ESET's spec: linked groups cannot be created, renamed, moved or deleted through the API.
      const linked = normal ? linkedType(normal) : /EXTERNAL_CONTAINER$/i.test(s.trim()) && linkedType(s);
      if (linked) {
        ctx.addIssue({ code: "custom", message: linkedInputReason(linked) });
        return z.NEVER;
      }
      if (normal) return normal;
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(s)} is not a linked entity type; use one of ${LINKED_ENTITY_TYPES.join(", ")} (default ${DEFAULT_LINKED_ENTITY_TYPE})`,
      });
      return z.NEVER;
    }),
  releaseConsumedUnitsOnDelete: flag("whether deleting the group frees the seats of its devices"),
  forceDestroy: flag("whether the group may be deleted while unmanaged groups or devices are inside"),
  allowReplace: flag("whether a change that ESET cannot make in place may delete and recreate the group"),
  existingUuid: z
    .string({ error: "must be the uuid of an existing group to adopt, or left out to create a new group" })
    .optional()
    .refine((s) => s === undefined || s.trim() !== "", {
      message: "must be the uuid of an existing group to adopt, or left out to create a new group",
    }),
};

/** Inputs the Group class computes (idempotent creates, docs/client.md); not listed to users. */
const COMPUTED_INPUTS = ["clientUuid", "resourceUrn"] as const;

/**
 * Validates new inputs and fills in defaults. `olds` (the inputs stored by the last update) let it
 * refuse, before anything runs, a change that would replace the group without `allowReplace`.
 */
export function checkGroup(olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] } {
  const userNews: Props = { ...news };
  for (const key of COMPUTED_INPUTS) delete userNews[key];
  const { values, failures } = checkFields(FIELDS, userNews);
  const inputs: Props = { ...values };
  if (inputs.existingUuid === undefined) delete inputs.existingUuid;
  // Unknown in preview only when a parent's URN is; passed through like any unknown value.
  for (const key of COMPUTED_INPUTS) if (typeof news[key] === "string") inputs[key] = news[key];
  if (inputs.existingUuid !== undefined && inputs.existingUuid === inputs.parentGroupUuid) {
    failures.push({
      property: "existingUuid",
      reason: "must differ from parentGroupUuid: a group cannot be its own parent",
    });
  }
  const storedLinked = isExisting(olds) ? linkedType(text(olds.linkedEntityType)) : undefined;
  if (storedLinked) {
    // State from a version that managed linked groups: one failure saying how to get out of it.
    const others = failures.filter((f) => f.property !== "linkedEntityType");
    return {
      inputs,
      failures: [...others, { property: "linkedEntityType", reason: linkedStateReason(storedLinked) }],
    };
  }
  if (failures.length === 0 && isExisting(olds)) {
    failures.push(...replacementBlockers(undefined, groupStateFrom(olds), inputs));
  }
  return { inputs, failures };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** True when `olds` describe a group that exists (an update), not an empty create. */
function isExisting(olds: Props): boolean {
  return typeof olds.displayName === "string";
}

/**
 * Reads stored inputs or outputs leniently: state written by older versions, or by hand, may miss
 * fields or use the other vocabulary. Never throws.
 */
export function groupStateFrom(props: Props): GroupInputs & { uuid?: string; ownerUuid?: string } {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const state: GroupInputs & { uuid?: string; ownerUuid?: string } = {
    displayName: text(props.displayName) ?? "",
    parentGroupUuid: text(props.parentGroupUuid) ?? "",
    description: text(props.description) ?? "",
    linkedEntityType:
      normaliseLinkedEntityType(text(props.linkedEntityType) ?? "") ?? DEFAULT_LINKED_ENTITY_TYPE,
    releaseConsumedUnitsOnDelete: props.releaseConsumedUnitsOnDelete === true,
    forceDestroy: props.forceDestroy === true,
    allowReplace: props.allowReplace === true,
  };
  for (const key of ["existingUuid", "uuid", "ownerUuid", "clientUuid", "resourceUrn"] as const) {
    const value = text(props[key]);
    if (value) state[key] = value;
  }
  return state;
}
