/**
 * A tenant with linked groups, as ESET makes them: customer "Acme" under All, and its site
 * "Berlin" below it. For the host tests of Group (which refuses to manage them) and GroupAnchor
 * (which refers to them).
 */
import type { useWorld } from "./world";

export const ACME = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a01";
export const BERLIN = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a02";

export function linkedTenant(t: ReturnType<typeof useWorld>) {
  return {
    /** Calls other than sign-in since the last clear, as "METHOD path". */
    calls: async (): Promise<string[]> =>
      (await t.emulator().requests())
        .filter((r) => r.path !== "/oauth/token")
        .map((r) => `${r.method} ${r.path}`),
    /** Seeds Acme and Berlin, then clears the request log. */
    seedAcme: async (): Promise<void> => {
      await t.seed([
        { uuid: ACME, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" },
        {
          uuid: BERLIN,
          displayName: "Berlin",
          parentGroupUuid: ACME,
          linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
        },
      ]);
      await t.emulator().clearRequests();
    },
  };
}
