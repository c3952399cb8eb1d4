import { describeEachUserErrorMode } from "../../support/user-error-modes";
import { createHash } from "crypto";
import { create, previewDiff, refresh, startWorld, useWorld } from "../world";
import { uuidOf } from "../../support/uuids";
const OTHER_UUID = uuidOf("other");

const ALL = "00000000-0000-0000-7001-000000000001";
const t = useWorld();

describe("GpoSccmFile", () => {
  it("generates the file for a group and returns it as base64, text and SHA-256", async () => {
    const kiosks = await create(t.world(), "group", { displayName: "Kiosks", parentGroupUuid: ALL });
    const file = await create(t.world(), "gpoSccmFile", {
      securityGroupUuid: kiosks.id,
      sendAnonymousDiagnosticData: true,
      triggers: { rotate: "2024-06" },
    });
    const { gpoSccmFile, content, sha256 } = file.outputs as Record<string, string>;
    expect(Buffer.from(gpoSccmFile, "base64").toString("utf8")).toBe(content);
    expect(content).toContain("[ERA_AGENT_PROPERTIES]");
    expect(content).toContain(`P_INITIAL_STATIC_GROUP=${kiosks.id}\r\n`);
    expect(content).toContain("P_ENABLE_TELEMETRY=1\r\n");
    expect(sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect(file.outputs).toMatchObject({
      securityGroupUuid: kiosks.id,
      sendAnonymousDiagnosticData: true,
      triggers: { rotate: "2024-06" },
    });
  });

  it("generates a file without a group, diagnostics off by default", async () => {
    const file = await create(t.world(), "gpoSccmFile", {});
    expect(file.outputs.content).toContain("P_INITIAL_STATIC_GROUP=\r\n");
    expect(file.outputs.content).toContain("P_ENABLE_TELEMETRY=0\r\n");
    const generate = (await t.emulator().requests()).filter((r) => r.path === "/v1/gpo-sccm-files:generate");
    expect(generate).toHaveLength(1);
  });

  it.each([
    ["another group", { securityGroupUuid: OTHER_UUID }, ["securityGroupUuid"]],
    ["diagnostics turned on", { sendAnonymousDiagnosticData: true }, ["sendAnonymousDiagnosticData"]],
    ["a new trigger value", { triggers: { rotate: "2024-07" } }, ["triggers"]],
  ])("is generated again (replaced) for %s", async (_name, change, replaces) => {
    await t.seed([{ uuid: OTHER_UUID, displayName: "Other" }]); // check refuses a group that does not exist
    const kiosks = await create(t.world(), "group", { displayName: "Kiosks", parentGroupUuid: ALL });
    const declared = { securityGroupUuid: kiosks.id, triggers: { rotate: "2024-06" } };
    const file = await create(t.world(), "gpoSccmFile", declared);
    expect(await previewDiff(t.world(), file, declared)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await previewDiff(t.world(), file, { ...declared, ...change })).toEqual({
      changes: "some",
      replaces,
      deleteBeforeReplace: false,
    });
  });

  it("keeps the generated file on refresh while its group exists", async () => {
    const kiosks = await create(t.world(), "group", { displayName: "Kiosks", parentGroupUuid: ALL });
    const file = await create(t.world(), "gpoSccmFile", { securityGroupUuid: kiosks.id });
    const world = await startWorld(t.emulator());
    try {
      expect(await refresh(world, file)).toEqual(file);
    } finally {
      await world.close();
    }
  });

  it("deletes nothing in ESET", async () => {
    const file = await create(t.world(), "gpoSccmFile", {});
    await t.emulator().clearRequests();
    await t.world().host.delete(file.id, file.outputs);
    expect(await t.emulator().requests()).toEqual([]);
  });

  it("refuses a group that does not exist in check, before any call", async () => {
    const checked = await t
      .world()
      .host.check({}, { securityGroupUuid: "nowhere", __provider: t.world().providers.gpoSccmFile });
    expect(checked.failures).toEqual([
      {
        property: "securityGroupUuid",
        reason:
          "nowhere is not a group of this tenant, so devices cannot join it. Use a Group's uuid output or the uuid " +
          "ESET PROTECT shows in the group's details, or leave securityGroupUuid out.",
      },
    ]);
    await expect(t.world().host.create(checked.inputs)).rejects.toThrow(
      "GPO/SCCM file for group nowhere: securityGroupUuid: nowhere is not a group of this tenant",
    );
    expect(
      (await t.emulator().requests()).filter((r) => r.method === "POST" && r.path !== "/oauth/token"),
    ).toEqual([]);
  });
});

describeEachUserErrorMode("GpoSccmFile, where ESET refuses", () => {
  it("is reported gone on refresh once its group is gone, so the next up generates a new one", async () => {
    const kiosks = await create(t.world(), "group", { displayName: "Kiosks", parentGroupUuid: ALL });
    const file = await create(t.world(), "gpoSccmFile", { securityGroupUuid: kiosks.id });
    await t.world().host.delete(kiosks.id, kiosks.outputs);
    const world = await startWorld(t.emulator());
    try {
      expect(await refresh(world, file)).toBeUndefined();
    } finally {
      await world.close();
    }
  });
});
