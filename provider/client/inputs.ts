/**
 * Arguments of the client's operations, and their checks: a wrong argument fails at once, naming
 * the operation and the argument, before any call is made.
 */
import { randomUUID } from "node:crypto";
import { EsetConnectError, OperationName } from "./errors";
import { CreateGroupRequest } from "./create-lost-answer";
import { LINKED_ENTITY_TYPES, LinkedEntityType } from "./schemas";

export interface CreateGroupInput {
  displayName: string;
  parentGroupUuid: string;
  /** Set at creation only: ESET has no call to change it. */
  description?: string;
  /** Default `GROUP_ENTITY_TYPE_UNSPECIFIED`. */
  linkedEntityType?: LinkedEntityType;
  /** The uuid to ask for. Default: a new random uuid. The server may choose another. */
  uuid?: string;
}

export interface GenerateGpoSccmFileInput {
  /** Group that installed devices join; without it ESET picks a same-named device's group or Lost & found. */
  securityGroupUuid?: string;
  sendAnonymousDiagnosticData: boolean;
}

/** The value if it is a non-empty string; otherwise an error naming the operation and field. */
export function requireText(operation: OperationName, field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new EsetConnectError(`${operation}: ${field} must be a non-empty string`, { operation });
  }
  return value;
}

/** Checks a create's arguments and completes them: default entity type, a new uuid if none. */
export function createGroupRequest(input: CreateGroupInput): CreateGroupRequest {
  const displayName = requireText("createGroup", "displayName", input?.displayName);
  const parentGroupUuid = requireText("createGroup", "parentGroupUuid", input.parentGroupUuid);
  const linkedEntityType = input.linkedEntityType ?? "GROUP_ENTITY_TYPE_UNSPECIFIED";
  if (!(LINKED_ENTITY_TYPES as readonly string[]).includes(linkedEntityType)) {
    throw new EsetConnectError(
      `createGroup: linkedEntityType ${JSON.stringify(linkedEntityType)} is not one of ${LINKED_ENTITY_TYPES.join(", ")}`,
      { operation: "createGroup" },
    );
  }
  const uuid = input.uuid === undefined ? randomUUID() : requireText("createGroup", "uuid", input.uuid);
  const request: CreateGroupRequest = { uuid, displayName, parentGroupUuid, linkedEntityType };
  if (input.description !== undefined) request.description = input.description;
  return request;
}
