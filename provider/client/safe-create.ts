/**
 * Safe creates: one createGroup call never makes two groups. The request carries a uuid chosen
 * here. When an attempt's outcome is unknown (5xx, a dropped connection, a timeout, a pending
 * request abandoned with 504) the group is looked for in a listing started after the failure, by
 * that uuid and then by parent and name, before anything is sent again. A 429 or a refused
 * connection means nothing was applied, so those are resent directly. The uuid in the server's
 * answer is the one returned, whatever uuid was sent.
 */
import { isPendingTimeoutError, OperationInfo, PendingTimeoutError } from "./errors";
import { errorFromResponse, errorFromTransport } from "./failures";
import { ApiResponse, Send, TransportFailure } from "./http";
import { writeOutcome } from "./retry-policy";
import { isUserErrorStatus } from "./own-create";
import { outcomeOf, retryAfterFailure, RetryOptions } from "./retry";
import { DeviceGroup, Group, groupResponse, parseResponse, toGroup } from "./schemas";
import { GroupTree } from "./tree";

export interface CreateGroupRequest {
  uuid: string;
  displayName: string;
  parentGroupUuid: string;
  description?: string;
  linkedEntityType: string;
}

export interface SafeCreateDeps extends RetryOptions {
  send: Send;
  operation: OperationInfo;
  /** A tree from a listing that starts after this call (never an older snapshot). */
  freshTree: () => Promise<GroupTree>;
  /** The snapshot already held, if any, without a call. */
  knownTree: () => GroupTree | undefined;
}

const NOTHING_CREATED = "a fresh listing shows no such group, so nothing was created";

/**
 * The group created by an earlier attempt, if a listing shows it: by uuid, else by parent and
 * name, leaving out same-named siblings that this client already knew before the first attempt.
 */
export function findCreatedGroup(
  tree: GroupTree,
  wanted: CreateGroupRequest,
  knownBefore: ReadonlySet<string>,
): DeviceGroup | undefined {
  const byUuid = tree.byUuid.get(wanted.uuid);
  if (byUuid) return byUuid;
  return tree
    .childrenOf(wanted.parentGroupUuid)
    .find((g) => g.displayName === wanted.displayName && !knownBefore.has(g.uuid));
}

/** A group found in a listing as the client returns it; the listing lacks the description. */
export function groupFromListing(
  found: DeviceGroup,
  wanted: { parentGroupUuid: string; description?: string },
): Group {
  const group: Group = {
    uuid: found.uuid,
    displayName: found.displayName,
    parentGroupUuid: found.parentGroupUuid ?? wanted.parentGroupUuid,
    linkedEntityType: found.linkedEntityType,
  };
  // Listings do not return descriptions; the group was created with ours.
  if (wanted.description) group.description = wanted.description;
  return group;
}

export async function createGroupSafely(deps: SafeCreateDeps, wanted: CreateGroupRequest): Promise<Group> {
  const { operation } = deps;
  const body: Record<string, unknown> = {
    displayName: wanted.displayName,
    parentGroupUuid: wanted.parentGroupUuid,
    linkedEntityType: wanted.linkedEntityType,
    uuid: wanted.uuid,
  };
  if (wanted.description !== undefined) body.description = wanted.description;
  const request = {
    service: "assetManagement" as const,
    method: "POST" as const,
    path: "/v1/groups",
    json: { group: body },
  };
  const knownBefore = new Set(
    (deps.knownTree()?.childrenOf(wanted.parentGroupUuid) ?? [])
      .filter((g) => g.displayName === wanted.displayName)
      .map((g) => g.uuid),
  );
  let outcomeWasUnknown = false;
  const lookForIt = async (): Promise<Group | undefined> => {
    deps.metrics.createChecks++;
    const found = findCreatedGroup(await deps.freshTree(), wanted, knownBefore);
    return found ? groupFromListing(found, wanted) : undefined;
  };

  const firstAttemptAt = deps.now();
  for (let retries = 0; ; retries++) {
    let result: ApiResponse | TransportFailure | PendingTimeoutError;
    try {
      result = await deps.send(request, { operation, attempt: retries });
    } catch (error) {
      if (!(error instanceof TransportFailure) && !isPendingTimeoutError(error)) throw error;
      result = error;
    }
    if (!(result instanceof TransportFailure) && !isPendingTimeoutError(result)) {
      if (result.status >= 200 && result.status < 300) {
        return toGroup(parseResponse(groupResponse, result, operation).group);
      }
    }
    if (isPendingTimeoutError(result)) {
      // The server may still finish the work: resending could create a second group.
      const found = await lookForIt();
      if (found) return found;
      throw result;
    }
    const outcome = outcomeOf(result);
    const applied = writeOutcome(outcome);
    if (applied === "unknown") {
      outcomeWasUnknown = true;
      const found = await lookForIt();
      if (found) return found;
    } else if (
      outcomeWasUnknown &&
      !(result instanceof TransportFailure) &&
      isUserErrorStatus(result.status)
    ) {
      // An earlier attempt may have created it after all and the listing lagged: look once more
      // (ESET may answer a duplicate with 403: its domain services use 403 for every user error).
      const found = await lookForIt();
      if (found) return found;
    }
    // Having looked, a resend cannot duplicate: treat the call as safe to repeat from here.
    if (!(await retryAfterFailure(deps, operation, result, retries, firstAttemptAt, true))) {
      const note = applied === "unknown" ? NOTHING_CREATED : undefined;
      if (result instanceof TransportFailure) {
        throw errorFromTransport(result, operation, retries, deps.secrets(), note);
      }
      throw errorFromResponse(result, operation, retries, deps.secrets(), note);
    }
  }
}
