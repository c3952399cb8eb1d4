/**
 * A create that is idempotent across runs: a run interrupted before its result was recorded (a
 * cancelled CI job, a runner timeout) is followed by a rerun that finds the group instead of making
 * another. (A lost answer within one call is create-lost-answer.ts's job; each attempt here is one
 * such call.)
 *
 * The create asks for a uuid derived from the resource (client-uuid.ts); before and after a
 * refusal, the live tree decides: a group with one of the resource's uuids, its name and its parent
 * exists → it is the resource's own group, made by an earlier run. ESET may refuse the uuid (in use
 * in another tenant, or once used by a deleted group): then the next uuid of the resource's fixed
 * sequence is asked for, never a random one, so a rerun walks the same uuids. Nothing here ever
 * creates a second group with the resource's name and parent.
 */
import { EsetConnectError } from "./errors";
import { clientUuidCandidates } from "./client-uuid";
import { DeviceGroup, Group, groupFromListing } from "./schemas";
import { GroupTree } from "./tree";
import { isUserError } from "./user-errors";

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

/** What a fresh listing says about ESET's refusal to create the group with `uuid`. */
export type RefusalReading =
  /** An earlier run made the group (it may have raced this one): no create is needed. */
  | { kind: "made-earlier"; group: DeviceGroup }
  /** The refusal is not about the uuid (the parent is missing, a same-named sibling): it stands. */
  | { kind: "refusal-stands" }
  /** The uuid belongs to another group, most likely this resource's, renamed or moved since. */
  | { kind: "uuid-taken"; holder: DeviceGroup; holderPath: string }
  /** ESET refused the uuid itself (in use in another tenant, or by a deleted group). */
  | { kind: "try-next-uuid" };

/** Reads a refusal of the create with `uuid` from a listing started after it (pure). */
export function readRefusal(
  fresh: GroupTree,
  wanted: OwnGroupWanted,
  uuid: string,
  candidates: readonly string[],
): RefusalReading {
  const own = findOwnGroup(fresh, wanted, candidates);
  if (own) return { kind: "made-earlier", group: own };
  // No uuid can help under a parent that is not there (ESET answers 404, or 403 for every user
  // error): stop at the first refusal instead of walking every candidate.
  if (!fresh.byUuid.has(wanted.parentGroupUuid)) return { kind: "refusal-stands" };
  const holder = fresh.byUuid.get(uuid);
  if (holder) {
    return {
      kind: "uuid-taken",
      holder,
      holderPath: (fresh.pathOf(uuid) ?? [holder.displayName]).join(" / "),
    };
  }
  const sameNamed = fresh
    .childrenOf(wanted.parentGroupUuid)
    .some((g) => g.displayName === wanted.displayName);
  // A same-named sibling (or any other refusal the tree does not explain) is not about the uuid.
  return sameNamed ? { kind: "refusal-stands" } : { kind: "try-next-uuid" };
}

export interface OwnGroupDeps {
  /** The tree, possibly from the shared snapshot. */
  knownTree: () => Promise<GroupTree>;
  /** A tree from a listing started now. */
  freshTree: () => Promise<GroupTree>;
  /** One create with this uuid (create-lost-answer.ts). */
  create: (uuid: string) => Promise<Group>;
}

export interface OwnCreateResult {
  group: Group;
  /** True when the group was made by an earlier run: no create was needed. */
  madeEarlier: boolean;
}

export async function createOwnGroup(
  deps: OwnGroupDeps,
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
      if (!isUserError(error)) throw error;
      lastError = error;
    }
    // Refused: decide from the live tree, not from the status or ESET's words.
    const reading = readRefusal(await deps.freshTree(), wanted, uuid, candidates);
    if (reading.kind === "made-earlier")
      return { group: groupFromListing(reading.group, wanted), madeEarlier: true };
    if (reading.kind === "uuid-taken")
      throw new ClientUuidTakenError(uuid, reading.holder, reading.holderPath);
    if (reading.kind === "refusal-stands") throw lastError;
  }
  throw lastError;
}
