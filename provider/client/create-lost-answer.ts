/**
 * A create whose answer was lost never makes a second group. Two files cover the two ways a create
 * can be cut short, named after what interrupts it: this one, a lost answer within one call (a
 * 5xx, a dropped connection, a timeout, a pending request given up); create-across-runs.ts, a run
 * interrupted before its result was recorded.
 *
 * The request carries a uuid chosen here. The one retry loop (retry.ts) sends it; this file only
 * plugs in the look: after an attempt whose outcome is unknown, the group is looked for in a
 * listing started after the failure, by that uuid and then by parent and name, before anything is
 * sent again. The uuid in the server's answer is the one returned, whatever uuid was sent.
 */
import { errorFromResponse } from "./failures";
import { OperationInfo } from "./errors";
import { Send } from "./http";
import { RetryOptions, sendWithRetries } from "./retry";
import { DeviceGroup, Group, groupFromListing, groupResponse, parseResponse, toGroup } from "./schemas";
import { GroupTree } from "./tree";

export interface CreateGroupRequest {
  uuid: string;
  displayName: string;
  parentGroupUuid: string;
  description?: string;
  linkedEntityType: string;
}

export interface CreateGroupOnceDeps extends RetryOptions {
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

/** Creates the group: one call, at most one group, however many answers are lost. */
export async function createGroupOnce(deps: CreateGroupOnceDeps, wanted: CreateGroupRequest): Promise<Group> {
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
  const result = await sendWithRetries(deps.send, request, operation, deps, {
    look: async () => {
      deps.metrics.createChecks++;
      const found = findCreatedGroup(await deps.freshTree(), wanted, knownBefore);
      return found ? groupFromListing(found, wanted) : undefined;
    },
    nothingFoundNote: NOTHING_CREATED,
  });
  if ("found" in result) return result.found;
  const { response, retries, note } = result;
  if (response.status >= 200 && response.status < 300) {
    return toGroup(parseResponse(groupResponse, response, operation).group);
  }
  throw errorFromResponse(response, operation, retries, deps.secrets(), note);
}
