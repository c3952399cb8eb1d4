/**
 * The live tree an MSP sees, read from the emulator under each candidate of ESET's wire
 * (docs/emulator.md, "ESET's wire and its unknowns"): zero values left out or sent, and linked
 * groups' `isSecurityGroup` true, false or missing. Linked groups must stay anchors with every group
 * below them, whatever the wire says.
 */
import { exportHierarchy, LiveTree } from "../../provider/hierarchy";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { uuidOf } from "../support/uuids";
import { harness } from "./harness";

const MSP = uuidOf("msp");
const SITE = uuidOf("site");
const LAPTOPS = uuidOf("laptops");

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
});
afterAll(() => emulator.close());

const cases = (["omit", "emit"] as const).flatMap((jsonZeroValues) =>
  (["true", "false", "absent"] as const).map((linkedSecurityGroup) => ({
    jsonZeroValues,
    linkedSecurityGroup,
  })),
);

describe.each(cases)(
  "the live tree with jsonZeroValues $jsonZeroValues and linkedSecurityGroup $linkedSecurityGroup",
  (wire) => {
    beforeEach(async () => {
      await emulator.reset();
      await emulator.settings({ rateLimit: { perSecond: 0 }, ...wire });
      await emulator.console.createGroup({
        uuid: MSP,
        displayName: "Reseller",
        linkedEntityType: "GROUP_ENTITY_TYPE_MSP",
      });
      await emulator.console.createGroup({
        uuid: SITE,
        displayName: "Acme Berlin",
        parentGroupUuid: MSP,
        linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
      });
      await emulator.console.createGroup({ uuid: LAPTOPS, displayName: "Laptops", parentGroupUuid: SITE });
    });

    it("keeps linked groups and the groups below them, and exports them as anchors", async () => {
      const live = new LiveTree(await harness(emulator).client.listDeviceGroups());
      expect(live.pathOf(LAPTOPS)).toBe("Reseller/Acme Berlin/Laptops");
      expect(live.resolve("Reseller/Acme Berlin")?.uuid).toBe(SITE);
      const exported = exportHierarchy(live);
      const reseller = exported.groups.find((g) => g.existingUuid === MSP);
      expect(reseller).toMatchObject({ name: "Reseller", anchor: true });
      expect(reseller?.children?.[0]).toMatchObject({
        name: "Acme Berlin",
        anchor: true,
        existingUuid: SITE,
      });
      expect(reseller?.children?.[0]?.children?.[0]).toMatchObject({
        name: "Laptops",
        existingUuid: LAPTOPS,
      });
    });
  },
);
