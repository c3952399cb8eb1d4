/**
 * What a Group keeps in state: its inputs after `check` (echoed into the outputs so `diff` can
 * compare) and what ESET assigned. Every field name here is a contract with deployed stacks.
 */
import { groupClientUuid } from "../../client/client-uuid";
import {
  DEFAULT_LINKED_ENTITY_TYPE,
  LinkedEntityType,
  normaliseLinkedEntityType,
} from "../../client/linked-entity";
import type { Placement } from "../../tree/rules";
import type { Props } from "../inputs";

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

/** Stored inputs or outputs, read leniently. */
export type GroupState = GroupInputs & { uuid?: string; ownerUuid?: string };

/**
 * Reads stored inputs or outputs leniently: state written by older versions, or by hand, may miss
 * fields or use the other vocabulary. Never throws.
 */
export function groupStateFrom(props: Props): GroupState {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const state: GroupState = {
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

/** Where the group is: the two inputs a rename or a move changes. */
export function placementOf(group: Placement): Placement {
  return { displayName: group.displayName, parentGroupUuid: group.parentGroupUuid };
}

export function groupOutputs(inputs: GroupInputs, uuid: string, ownerUuid?: string): GroupOutputs {
  const outs: GroupOutputs = { ...inputs, uuid };
  if (ownerUuid) outs.ownerUuid = ownerUuid;
  else delete outs.ownerUuid;
  if (!inputs.existingUuid) delete outs.existingUuid;
  return outs;
}

/**
 * The outputs a "created/updated with errors" result carries. The engine stores exactly these as
 * the resource's outputs (pkg/resource/deploy/step.go, `CreateStep`/`UpdateStep`), and the
 * dynamic-provider host finds the provider of the next `read` and `delete` in `__provider` of the
 * stored outputs: without it the next refresh and destroy fail.
 */
export function partialOutputs(outs: GroupOutputs, inputs: Props): Props {
  return { ...outs, __provider: inputs.__provider };
}

/**
 * The client uuid the Group class derives (groupClientUuid), read back from the resource's URN
 * (`urn:pulumi:<stack>::<project>::<type>::<name>`); undefined for anything else.
 */
export function clientUuidFromUrn(urn: string | undefined): string | undefined {
  const prefix = "urn:pulumi:";
  if (!urn?.startsWith(prefix)) return undefined;
  const [stack, project, type, ...name] = urn.slice(prefix.length).split("::");
  if (!stack || !project || !type || name.length === 0) return undefined;
  return groupClientUuid(project, stack, name.join("::"));
}
