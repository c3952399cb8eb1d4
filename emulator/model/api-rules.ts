import { type GroupEntityType, STATIC_GROUP_TYPE } from "./entity-types";
import { ModelError } from "./errors";
import { describeGroup, type Tenant } from "./tenant";
import { ALL_GROUP_UUID, LOST_AND_FOUND_UUID } from "./types";

/**
 * What the API may not do to a group, though ESET itself and a person in the console may. ESET's
 * spec, v1Group [spec]:
 * - "Groups 'All' and 'Lost&Found' are 'special' groups and are not governed by this API;
 *   therefore, they cannot be created, deleted, renamed, or moved."
 * - "All groups that are linked to an entity cannot be created, deleted, renamed, or moved. The
 *   life cycle of these groups is governed by the life cycle of the entities they represent."
 * And DELETE /v1/groups/{groupUuid} [spec, doc]: "It is not possible to delete a group that has a
 * linked entity (CUSTOMER, MSP, ...)."
 * A static group may still be created or moved under a linked group: linked groups are the anchors
 * MSPs organise their static groups under.
 */
export type ApiChange = "renamed" | "moved" | "deleted";

/** A create through the API makes a static group only. */
export function assertApiMayCreate(linkedEntityType: GroupEntityType): void {
  if (linkedEntityType === STATIC_GROUP_TYPE) return;
  throw new ModelError(
    "refused",
    `a group linked to an entity (${linkedEntityType}) cannot be created through the API: ESET creates it ` +
      `with the entity; create a static group (${STATIC_GROUP_TYPE}) instead, under it if you like`,
  );
}

/** A rename, move or delete through the API: never All, Lost & found or a linked group. */
export function assertApiMayChange(tenant: Tenant, uuid: string, change: ApiChange): void {
  const verb = change === "renamed" ? "renamed" : change === "moved" ? "moved" : "deleted";
  if (uuid === ALL_GROUP_UUID) throw new ModelError("refused", `the All group cannot be ${verb}`);
  if (uuid === LOST_AND_FOUND_UUID) {
    throw new ModelError(
      "refused",
      `the Lost & found group cannot be ${verb}${change === "renamed" ? " through the API (ESET's console can)" : ""}`,
    );
  }
  const group = tenant.group(uuid);
  if (group.linkedEntityType !== STATIC_GROUP_TYPE) {
    throw new ModelError(
      "refused",
      `${describeGroup(group)} cannot be ${verb}: it is linked to an entity (${group.linkedEntityType}); its life cycle follows that entity's`,
    );
  }
  if (change === "renamed") return;
  // Deleting or moving a static group would delete or move the linked groups below it too
  // [assumed: refused, as a delete or move of those groups themselves is].
  const linked = tenant.subtree(uuid).find((g) => g.linkedEntityType !== STATIC_GROUP_TYPE);
  if (linked) {
    throw new ModelError(
      "refused",
      `${describeGroup(group)} cannot be ${verb}: its subgroup ${describeGroup(linked)} is linked to an entity (${linked.linkedEntityType})`,
    );
  }
}
