/**
 * Creates that are idempotent across runs. The create asks for a uuid derived from the resource
 * (client-uuid.ts); before and after a refusal, the live tree decides: a group with one of the
 * resource's uuids, its name and its parent exists → it is the resource's own group, made by an
 * earlier run whose result was never recorded (a cancelled CI job, a runner timeout). ESET may
 * refuse the uuid (in use in another tenant, or once used by a deleted group): then the next
 * uuid of the resource's fixed sequence is asked for, never a random one, so a rerun walks the
 * same uuids. Nothing here ever creates a second group with the resource's name and parent.
 */
import { EsetConnectError, isApiError } from "./errors";
import { clientUuidCandidates } from "./client-uuid";
import { DeviceGroup, Group } from "./schemas";
import { GroupTree } from "./tree";
import { groupFromListing } from "./safe-create";

/** Statuses ESET uses for a request it refused as wrong (its error_codes page: 403 for all user errors). */
export function isUserErrorStatus(status: number): boolean {
  return status === 400 || status === 403 || status === 409;
}

export interface OwnGroupWanted {
  displayName: string;
  parentGroupUuid: string;
  description?: string;
}

/** The resource's own group in `tree`: one of its uuids, with its name and parent. */
export function findOwnGroup(
  tree: GroupTree,
  wanted: OwnGroupWanted,
  candidates: readonly string[],
): DeviceGroup | undefined {
  return candidates
    .map((uuid) => tree.byUuid.get(uuid))
    .find((g) => g?.displayName === wanted.displayName && g.parentGroupUuid === wanted.parentGroupUuid);
}

/**
 * Thrown when a uuid derived for the resource belongs to a group with another name or parent:
 * most likely the resource's own group from an interrupted run, renamed or moved since.
 */
export class ClientUuidTakenError extends EsetConnectError {
  constructor(
    readonly uuid: string,
    readonly holder: DeviceGroup,
    holderPath: string,
  ) {
    super(
      `the uuid ${uuid} that this resource asks ESET for already belongs to group "${holderPath}" (${uuid}). ` +
        `An interrupted earlier run of this stack may have created it, and it was renamed or moved since. ` +
        `To manage that group with this resource, set existingUuid: "${uuid}"; or delete that group and run again.`,
      { operation: "createGroup" },
    );
  }
}

export interface OwnCreateDeps {
  /** The tree, possibly from the shared snapshot. */
  knownTree: () => Promise<GroupTree>;
  /** A tree from a listing started now. */
  freshTree: () => Promise<GroupTree>;
  /** One safe create with this uuid (safe-create.ts). */
  create: (uuid: string) => Promise<Group>;
}

export interface OwnCreateResult {
  group: Group;
  /** True when the group was made by an earlier run: no create was needed. */
  madeEarlier: boolean;
}

export async function createOwnGroup(
  deps: OwnCreateDeps,
  wanted: OwnGroupWanted,
  clientUuid: string,
): Promise<OwnCreateResult> {
  const candidates = clientUuidCandidates(clientUuid);
  const known = findOwnGroup(await deps.knownTree(), wanted, candidates);
  if (known) return { group: groupFromListing(known, wanted), madeEarlier: true };
  let lastError: unknown;
  for (const uuid of candidates) {
    try {
      return { group: await deps.create(uuid), madeEarlier: false };
    } catch (error) {
      if (!isApiError(error) || !isUserErrorStatus(error.status)) throw error;
      lastError = error;
    }
    // Refused: decide from the live tree, not from the status or ESET's words.
    const fresh = await deps.freshTree();
    const own = findOwnGroup(fresh, wanted, candidates);
    if (own) return { group: groupFromListing(own, wanted), madeEarlier: true };
    const holder = fresh.byUuid.get(uuid);
    if (holder)
      throw new ClientUuidTakenError(uuid, holder, (fresh.pathOf(uuid) ?? [holder.displayName]).join(" / "));
    const sameNamed = fresh
      .childrenOf(wanted.parentGroupUuid)
      .some((g) => g.displayName === wanted.displayName);
    // A same-named sibling (or any other refusal the tree does not explain) is not about the uuid.
    if (sameNamed) throw lastError;
    // Otherwise ESET refused the uuid itself (used in another tenant, or by a deleted group).
  }
  throw lastError;
}
