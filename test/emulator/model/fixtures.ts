import { EsetCloud } from "../../../emulator/model/cloud";
import { ModelError } from "../../../emulator/model/errors";
import { applySeed } from "../../../emulator/model/seed";
import { LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";

/** "ok", or the model error as "kind: message"; anything else is a bug in the model and is thrown. */
export function outcome(work: () => unknown): string {
  try {
    work();
    return "ok";
  } catch (e) {
    if (e instanceof ModelError) return `${e.kind}: ${e.message}`;
    throw e;
  }
}

export const MINE = uuidOf("mine");
export const THEIRS = uuidOf("theirs");

/** Tenant "demo" with group Mine; tenant "acme" with its own user and group Theirs. */
export function twoTenants(): EsetCloud {
  const cloud = new EsetCloud();
  applySeed(cloud, {
    tenants: [
      { id: "demo", groups: [{ uuid: MINE, displayName: "Mine" }] },
      {
        id: "acme",
        users: [{ username: "api@acme.test", password: "acme-pass" }],
        groups: [{ uuid: THEIRS, displayName: "Theirs" }],
      },
    ],
  });
  return cloud;
}

export const SALES = uuidOf("sales");
export const EMEA = uuidOf("emea");
export const BERLIN = uuidOf("berlin");
export const ACME = uuidOf("acme"); // linked CUSTOMER, as onboarding creates it
export const SITE = uuidOf("site"); // linked SITE below Acme
export const AZURE = uuidOf("azure"); // linked EXTERNAL_CONTAINER
export const KIOSKS = uuidOf("kiosks"); // static, below Acme
export const [PC1, PC2, PC3] = [uuidOf("pc-1"), uuidOf("pc-2"), uuidOf("pc-3")];
export const CUSTOMER = "GROUP_ENTITY_TYPE_CUSTOMER";
export const EXTERNAL = "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER";

/**
 * A fixed tree with every kind of group, server uuids numbered from 1; PC 1 in Berlin, PC 2 in
 * Sales, PC 3 in Lost & found:
 *
 *     All ─ Sales ─ EMEA ─ Berlin        Lost & found
 *         ├ Acme (CUSTOMER) ─ Site (SITE)
 *         │                 └ Kiosks (static)
 *         └ Azure (EXTERNAL_CONTAINER)
 */
export function exampleTree(): EsetCloud {
  let n = 0;
  const cloud = new EsetCloud({ newUuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}` });
  applySeed(cloud, {
    tenants: [
      {
        id: "demo",
        groups: [
          { uuid: SALES, displayName: "Sales" },
          { uuid: EMEA, displayName: "EMEA", parentGroupUuid: SALES },
          { uuid: BERLIN, displayName: "Berlin", parentGroupUuid: EMEA },
          { uuid: ACME, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
          {
            uuid: SITE,
            displayName: "Site",
            parentGroupUuid: ACME,
            linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
          },
          { uuid: KIOSKS, displayName: "Kiosks", parentGroupUuid: ACME },
          { uuid: AZURE, displayName: "Azure", linkedEntityType: "GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER" },
        ],
        devices: [
          { uuid: PC1, displayName: "PC 1", groupUuid: BERLIN },
          { uuid: PC2, displayName: "PC 2", groupUuid: SALES },
          { uuid: PC3, displayName: "PC 3", groupUuid: LOST },
        ],
      },
    ],
  });
  return cloud;
}

/** The message of a refused change to a linked group, as the model words it. */
export const linked = (name: string, uuid: string, verb: string, type: string) =>
  `refused: group "${name}" (${uuid}) cannot be ${verb}: it is linked to an entity (${type}); its life cycle follows that entity's`;
