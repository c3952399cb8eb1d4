/**
 * ESET PROTECT's built-in groups, which the API cannot create, rename, move or delete.
 */
import { isLinked } from "./linked-entity";

/**
 * The uuid of ESET PROTECT's root group "All", the same in every tenant (seen in public clients;
 * ESET does not document it). It cannot be renamed, moved or deleted. Its name is localised (a
 * French tenant lists it as "Tous", seen in public code), so it is only ever recognised by uuid.
 */
export const ALL_GROUP_UUID = "00000000-0000-0000-7001-000000000001";

/**
 * The uuid Lost & found most likely has: the next of All's reserved series. ESET does not publish it
 * (assumed, as the emulator assumes); no group ESET assigns a uuid to can have it, so recognising
 * it costs nothing if the guess is wrong.
 */
export const LOST_AND_FOUND_UUID = "00000000-0000-0000-7001-000000000002";

/**
 * Names Lost & found goes by: the English console's, and the spelling of ESET's spec (`v1Group`:
 * "'All' and 'Lost&Found' are 'special' groups"). Compared trimmed and without case.
 */
const LOST_AND_FOUND_NAMES = ["lost & found", "lost and found", "lost+found", "lost&found"];

/** What a group must carry to be recognised (the client's `DeviceGroup` and the hierarchy's `LiveGroup` fit). */
export interface ListedGroup {
  uuid: string;
  displayName: string;
  parentGroupUuid?: string;
  linkedEntityType?: string;
}

/**
 * Whether `group` is ESET's built-in Lost & found: by its likely uuid, or as a static child of All
 * with one of its names. One rule for every part of the package (the resources' checks, the
 * hierarchy's plan and export), so a group is never special to one and manageable to another. A
 * Lost & found renamed in the console (or localised) under another uuid is not recognised here;
 * ESET itself then refuses the write (docs/resources.md).
 */
export function isLostAndFound(group: ListedGroup): boolean {
  if (group.uuid.toLowerCase() === LOST_AND_FOUND_UUID) return true;
  return (
    group.parentGroupUuid?.toLowerCase() === ALL_GROUP_UUID &&
    !isLinked(group.linkedEntityType) &&
    LOST_AND_FOUND_NAMES.includes(group.displayName.trim().toLowerCase())
  );
}
