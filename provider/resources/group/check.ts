/**
 * Group `check`: validation and the normal form that `diff`, `read` and the CRUD methods compare,
 * so values that mean the same (no description vs "", CUSTOMER vs COMPANY, a missing enum vs its
 * default) never show up as a change; then, for inputs valid on their own, ESET's tree rules
 * through the preview path (tree/preview.ts), so `pulumi preview` fails before `up` writes.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { clientUuidCandidates } from "../../client/client-uuid";
import { TREE_FRESHNESS } from "../../client/freshness";
import {
  DEFAULT_LINKED_ENTITY_TYPE,
  LINKED_ENTITY_TYPES,
  normaliseLinkedEntityType,
} from "../../client/linked-entity";
import { ALL_GROUP_UUID } from "../../client/well-known-groups";
import { Claimant, runClaims } from "../../tree/claims";
import { linkedInputReason, linkedStateReason, linkedType } from "../../tree/group-kinds";
import { ruleBreaks } from "../../tree/guard";
import { claimBreak, previewBreaks, withoutPlacementRules } from "../../tree/preview";
import { TreeRuleBreak } from "../../tree/rules";
import { Connect, clientIfConfigured } from "../connect";
import { CheckFailure, Props, checkFields, known } from "../inputs";
import { orphanReason } from "./orphans";
import { replacementBlockers } from "./replacement";
import { clientUuidFromUrn, groupStateFrom } from "./state";

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
  // Inputs not made by the Group class (a hand-made dynamic resource) may carry the URN alone.
  if (!isExisting(olds) && inputs.clientUuid === undefined && known(inputs.resourceUrn)) {
    const derived = clientUuidFromUrn(inputs.resourceUrn);
    if (derived) inputs.clientUuid = derived;
  }
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

/** Group `check`: the checks of the inputs alone, then the tree's (one listing for the run). */
export async function checkGroupInputs(
  connect: Connect,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.CheckResult> {
  const checked = checkGroup(olds, news);
  if (checked.failures.some((f) => f.property === "existingUuid")) return checked;
  checked.failures.push(
    ...(await treeFailures(connect, olds, checked.inputs, checked.failures.length === 0)),
  );
  return checked;
}

/** True when the stack opted into taking over empty same-named groups (eset:adoptEmptyGroupsOnCreate). */
function adoptsEmptyGroups(connect: Connect): boolean {
  try {
    return connect().config.adoptEmptyGroupsOnCreate === true;
  } catch {
    return false;
  }
}

/**
 * ESET's tree rules for a create or an adoption, each decided once on the run's listing; an
 * update's need the group's uuid, which `diff` has, so `check` only notes that it saw the update
 * (tree/claims.ts). An adoption's uuid is judged whenever it is known, even beside other failures
 * and for an update; the placement only for inputs valid on their own whose parent is known.
 */
async function treeFailures(
  connect: Connect,
  olds: Props,
  inputs: Props,
  valid: boolean,
): Promise<CheckFailure[]> {
  const name = inputs.displayName;
  const parent = inputs.parentGroupUuid;
  const adopt = inputs.existingUuid;
  const update = isExisting(olds);
  const placed = valid && !update && known(parent) && (adopt === undefined || known(adopt));
  if (known(adopt) && !placed) {
    const kind = await adoptionKindFailures(connect, adopt);
    if (kind.length > 0) return kind;
  }
  if (!valid) return [];
  if (update) {
    if (known(name) && known(parent))
      runClaims().noteCheckedUpdate({ displayName: name, parentGroupUuid: parent });
    return [];
  }
  if (!placed) return [];
  const to = { displayName: known(name) ? name : "", parentGroupUuid: parent };
  const judged = await previewBreaks(clientIfConfigured(connect), (tree) => {
    if (!known(adopt)) return createBreaks(connect, tree, inputs, to);
    const live = tree.byUuid.get(adopt);
    const from = live ? { displayName: live.displayName, parentGroupUuid: live.parentGroupUuid ?? "" } : to;
    const breaks = ruleBreaks(tree, { kind: "place", uuid: adopt, from, to, adopting: true });
    return known(name) ? breaks : withoutPlacementRules(breaks);
  });
  if (!judged) return [];
  const { tree } = judged;
  let { breaks } = judged;
  if (known(name) && breaks.length === 0) {
    const who: Claimant = known(adopt) ? { kind: "group", uuid: adopt } : runClaims().newGroup();
    breaks = claimBreak(tree, to, who, "displayName");
  }
  return breaks.map(({ property, reason }) => ({ property, reason }));
}

/**
 * What the group `existingUuid` names is: a linked group, All or Lost & found is refused in
 * GroupAnchor terms (group-kinds.ts). A uuid that is not there is explained by the create, which
 * reads a fresh listing.
 */
async function adoptionKindFailures(connect: Connect, uuid: string): Promise<CheckFailure[]> {
  const judged = await previewBreaks(
    clientIfConfigured(connect),
    (tree) => {
      const live = tree.byUuid.get(uuid);
      if (!live) return [];
      const here = { displayName: live.displayName, parentGroupUuid: live.parentGroupUuid ?? "" };
      return ruleBreaks(tree, { kind: "place", uuid, from: here, to: here, adopting: true });
    },
    TREE_FRESHNESS.create,
  );
  return (judged?.breaks ?? []).map(({ property, reason }) => ({ property, reason }));
}

/** A new group's rules; a same-named sibling in the words the create would use (an orphan?). */
function createBreaks(
  connect: Connect,
  tree: Parameters<typeof orphanReason>[0],
  inputs: Props,
  to: { displayName: string; parentGroupUuid: string },
): TreeRuleBreak[] {
  const clientUuid = typeof inputs.clientUuid === "string" ? inputs.clientUuid : undefined;
  const ownUuids = clientUuid ? clientUuidCandidates(clientUuid) : [];
  let breaks = ruleBreaks(tree, { kind: "create", to, ownUuids }).map((b) => {
    if (b.rule !== "name-taken" || !clientUuid) return b;
    const clashes = tree
      .childrenOf(to.parentGroupUuid)
      .filter((g) => g.displayName === to.displayName && !ownUuids.includes(g.uuid))
      .map((g) => g.uuid);
    const urn = typeof inputs.resourceUrn === "string" ? inputs.resourceUrn : undefined;
    return { ...b, reason: orphanReason(tree, { ...to, clientUuid, resourceUrn: urn }, clashes) };
  });
  // With the opt-in, the create itself decides whether the same-named group is an empty orphan.
  if (clientUuid && adoptsEmptyGroups(connect)) breaks = breaks.filter((b) => b.rule !== "name-taken");
  return known(inputs.displayName) ? breaks : withoutPlacementRules(breaks);
}
