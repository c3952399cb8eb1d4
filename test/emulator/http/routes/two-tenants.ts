import type { SeedInput } from "../../../../emulator";
import { uuidOf } from "../../../support/uuids";

export const SALES_UUID = uuidOf("sales");
export const EMEA_UUID = uuidOf("emea");
export const ACME_UUID = uuidOf("acme");
export const PC_1_UUID = uuidOf("pc-1");
export const PC_2_UUID = uuidOf("pc-2");
export const FOREIGN_UUID = uuidOf("foreign");
/** No group has it. */
export const MISSING_UUID = uuidOf("missing");

/**
 * The start the route tests share: in "demo", Sales > EMEA, a linked CUSTOMER group Acme and a
 * device in each of Sales and EMEA; in "other", its own user and group Foreign.
 */
export const TWO_TENANTS_SEED: SeedInput = {
  tenants: [
    {
      id: "demo",
      groups: [
        { uuid: SALES_UUID, displayName: "Sales" },
        { uuid: EMEA_UUID, displayName: "EMEA", parentGroupUuid: SALES_UUID },
        { uuid: ACME_UUID, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
      ],
      devices: [
        { uuid: PC_1_UUID, displayName: "PC 1", groupUuid: SALES_UUID },
        { uuid: PC_2_UUID, displayName: "PC 2", groupUuid: EMEA_UUID },
      ],
    },
    {
      id: "other",
      users: [{ username: "api@other.test", password: "pw" }],
      groups: [{ uuid: FOREIGN_UUID, displayName: "Foreign" }],
    },
  ],
};
