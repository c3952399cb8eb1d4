/** Every client operation against the emulator over real HTTP. */
import { isApiError } from "../../provider/client/errors";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { BERLIN, EMEA, US, demoGroups, harness, liveTree, resetToDemoTree } from "./harness";

const ACME = "10000000-0000-4000-8000-000000000004";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

beforeEach(() =>
  resetToDemoTree(emulator, {
    groups: [{ uuid: ACME, displayName: "Acme", linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER" }],
    devices: [
      { uuid: "d0000000-0000-4000-8000-000000000001", displayName: "pc-berlin-1", groupUuid: BERLIN },
      { uuid: "d0000000-0000-4000-8000-000000000002", displayName: "pc-emea-1", groupUuid: EMEA },
    ],
  }),
);

describe("EsetConnectClient operations", () => {
  it("creates a group with the uuid it sent, and the description", async () => {
    const { client } = harness(emulator);
    const group = await client.createGroup({
      displayName: "Munich",
      parentGroupUuid: EMEA,
      description: "Bavarian office",
      uuid: "20000000-0000-4000-8000-000000000009",
    });
    expect(group).toMatchObject({
      uuid: "20000000-0000-4000-8000-000000000009",
      displayName: "Munich",
      parentGroupUuid: EMEA,
      description: "Bavarian office",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
    });
    const tenant = await demoGroups(emulator);
    expect(tenant.groups.find((g) => g.uuid === group.uuid)).toMatchObject({
      displayName: "Munich",
      description: "Bavarian office",
      parentGroupUuid: EMEA,
    });
  });

  it("uses the uuid the server returns when it ignores the client's", async () => {
    await emulator.settings({ ignoreClientUuid: true });
    const { client } = harness(emulator);
    const group = await client.createGroup({
      displayName: "Paris",
      parentGroupUuid: EMEA,
      uuid: "1900000d-0000-4000-8000-000000000001",
    });
    expect(group.uuid).not.toBe("1900000d-0000-4000-8000-000000000001");
    const tenant = await demoGroups(emulator);
    expect(tenant.groups.filter((g) => g.displayName === "Paris").map((g) => g.uuid)).toEqual([group.uuid]);
  });

  it("surfaces a duplicate sibling name as a 400 ApiError with the API's message", async () => {
    const { client } = harness(emulator);
    const error = await client
      .createGroup({ displayName: "Berlin", parentGroupUuid: EMEA })
      .catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 3, operation: "createGroup", groupName: "Berlin" });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^400 Bad request while creating group "Berlin" under group ${EMEA}: .*already has a subgroup named "Berlin" \\(${BERLIN}\\) \\(request-id [0-9a-f-]{36}\\)$`,
      ),
    );
    expect(await liveTree(emulator)).toEqual([
      "-/All",
      "All/Acme",
      "All/EMEA",
      "All/Lost & found",
      "All/US",
      "EMEA/Berlin",
    ]);
  });

  it("moves and renames, and names the groups in errors once it has read the tree", async () => {
    const { client } = harness(emulator);
    expect(await client.moveGroup(BERLIN, US)).toMatchObject({ uuid: BERLIN, parentGroupUuid: US });
    expect(await client.renameGroup(BERLIN, "Berlin-Mitte")).toMatchObject({
      uuid: BERLIN,
      displayName: "Berlin-Mitte",
    });
    expect(await liveTree(emulator)).toEqual([
      "-/All",
      "All/Acme",
      "All/EMEA",
      "All/Lost & found",
      "All/US",
      "US/Berlin-Mitte",
    ]);

    await client.readTree();
    const error = await client.moveGroup(BERLIN, "no-such-parent").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, groupUuid: BERLIN, groupName: "Berlin-Mitte" });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^404 Not found while moving group "Berlin-Mitte" \\(${BERLIN}\\) under group no-such-parent: the group or its new parent does not exist`,
      ),
    );
  });

  it("deletes a subtree and reports a group that is already gone", async () => {
    const { client } = harness(emulator);
    expect(await client.deleteGroup(EMEA, { releaseConsumedUnits: true })).toBe("deleted");
    expect(await client.deleteGroup(EMEA, { releaseConsumedUnits: true })).toBe("not-found");
    const tenant = await demoGroups(emulator);
    expect(tenant.groups.map((g) => g.displayName).sort()).toEqual(["Acme", "All", "Lost & found", "US"]);
    expect(tenant.deletions).toEqual([
      expect.objectContaining({ groupUuid: EMEA, releaseConsumedUnits: true }),
    ]);
  });

  it("lists every device group across pages, in asset-management words", async () => {
    await emulator.seed({
      tenants: [
        {
          id: emulator.tenant,
          groups: Array.from({ length: 1203 }, (_, i) => ({ displayName: `site-${i}`, parentGroupUuid: US })),
        },
      ],
    });
    const { client, sent } = harness(emulator);
    const groups = await client.listDeviceGroups();
    expect(groups).toHaveLength(1203 + 6);
    expect(new Set(groups.map((g) => g.uuid)).size).toBe(1209);
    expect(groups.find((g) => g.uuid === ACME)).toMatchObject({
      displayName: "Acme",
      isSecurityGroup: true,
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    const listings = sent.filter((r) => r.path === "/v1/device_groups");
    expect(listings.map((r) => r.query?.pageSize)).toEqual(["1000", "1000"]);
    expect(listings[1].query?.pageToken).toBeTruthy();
  });

  it("lists the devices of a group, with or without its subgroups", async () => {
    const { client } = harness(emulator);
    const direct = await client.listGroupDevices(EMEA, { recurseSubgroups: false });
    expect(direct.map((d) => d.displayName)).toEqual(["pc-emea-1"]);
    const all = await client.listGroupDevices(EMEA, { recurseSubgroups: true });
    expect(all.map((d) => d.displayName).sort()).toEqual(["pc-berlin-1", "pc-emea-1"]);
    expect(all.find((d) => d.uuid === "d0000000-0000-4000-8000-000000000001")).toEqual({
      uuid: "d0000000-0000-4000-8000-000000000001",
      displayName: "pc-berlin-1",
      groupUuid: BERLIN,
    });
  });

  it("generates a GPO/SCCM file naming the group", async () => {
    const { client } = harness(emulator);
    const file = await client.generateGpoSccmFile({
      securityGroupUuid: BERLIN,
      sendAnonymousDiagnosticData: false,
    });
    const text = Buffer.from(file, "base64").toString("utf8");
    expect(text).toContain(BERLIN);
    const other = await client.generateGpoSccmFile({ sendAnonymousDiagnosticData: true });
    expect(other).not.toBe(file);
  });

  it("serves many tree reads from one listing and keeps it current after its own writes", async () => {
    const { client, sent } = harness(emulator);
    const trees = await Promise.all(Array.from({ length: 40 }, () => client.readTree()));
    expect(new Set(trees).size).toBe(1);
    expect(trees[0].pathOf(BERLIN)).toEqual(["All", "EMEA", "Berlin"]);

    const munich = await client.createGroup({ displayName: "Munich", parentGroupUuid: EMEA });
    await client.moveGroup(BERLIN, US);
    await client.renameGroup(US, "Americas");
    await client.deleteGroup(EMEA, { releaseConsumedUnits: false });
    const after = await client.readTree();
    expect(after.pathOf(BERLIN)).toEqual(["All", "Americas", "Berlin"]);
    expect(after.byUuid.has(EMEA)).toBe(false);
    expect(after.byUuid.has(munich.uuid)).toBe(false);
    expect(sent.filter((r) => r.path === "/v1/device_groups")).toHaveLength(1);
    expect(client.metrics.treeListings).toBe(1);

    const fresh = await client.readTree({ maxAgeMs: 0 });
    expect(fresh.groups.map((g) => g.displayName).sort()).toEqual([
      "Acme",
      "All",
      "Americas",
      "Berlin",
      "Lost & found",
    ]);
  });

  it("refuses bad input with the field and the fix", async () => {
    const { client } = harness(emulator);
    await expect(client.createGroup({ displayName: " ", parentGroupUuid: EMEA })).rejects.toThrow(
      "createGroup: displayName must be a non-empty string",
    );
    await expect(
      client.createGroup({ displayName: "X", parentGroupUuid: EMEA, linkedEntityType: "COMPANY" as never }),
    ).rejects.toThrow(
      'createGroup: linkedEntityType "COMPANY" is not one of GROUP_ENTITY_TYPE_UNSPECIFIED, GROUP_ENTITY_TYPE_CUSTOMER, GROUP_ENTITY_TYPE_MSP, GROUP_ENTITY_TYPE_SITE, GROUP_ENTITY_TYPE_HOUSEHOLD',
    );
    await expect(client.moveGroup("", US)).rejects.toThrow("moveGroup: uuid must be a non-empty string");
  });
});
