/**
 * A Group's life on ESET PROTECT On-Prem (`eset:serverUrl`), against the emulator's
 * `deployment: "on-prem"`: create, rename, move and drift work as on the cloud; the delete and the
 * installer file are refused before any call (On-Prem's REST API has neither). A replacement (a
 * delete first) is refused by the program's `diff`, in preview, before any write; a refresh's
 * `diff` still reports drift.
 */
import { EsetConnectClient } from "../../../provider/client";
import { groupMethods } from "../../../provider/resources/group/provider";
import { startTestEmulator, TestEmulator } from "../../support/emulator";
import { asGroupClassDeclares, sameResource } from "../declared";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" } });
});
afterAll(() => emulator.close());

function onPremClient(): EsetConnectClient {
  return new EsetConnectClient(
    {
      serverUrl: emulator.url,
      username: emulator.username,
      password: emulator.password,
      rateLimitPerSecond: 1000,
    },
    { notice: () => undefined, log: () => undefined },
  );
}

describe("Group on ESET PROTECT On-Prem", () => {
  it("creates, renames, moves and sees drift; refuses the delete before any call", async () => {
    const client = onPremClient();
    const group = groupMethods(() => client);
    const declared = asGroupClassDeclares(
      { displayName: "Sales", parentGroupUuid: emulator.allGroupUuid },
      "sales",
    );
    const checked = await group.check!({}, declared);
    expect(checked.failures ?? []).toEqual([]);
    const created = await group.create(checked.inputs!);
    const stored = { id: created.id, inputs: checked.inputs!, outputs: created.outs! };

    const emea = await group.create(
      (
        await group.check!(
          {},
          asGroupClassDeclares({ displayName: "EMEA", parentGroupUuid: emulator.allGroupUuid }, "emea"),
        )
      ).inputs!,
    );
    const news = sameResource(stored, { displayName: "Sales EU", parentGroupUuid: emea.id });
    const inputs = (await group.check!(stored.inputs, news)).inputs!;
    const updated = await group.update!(stored.id, stored.outputs, inputs);
    expect(updated.outs).toMatchObject({ displayName: "Sales EU", parentGroupUuid: emea.id });

    await emulator.console.renameGroup(stored.id, "Sales (renamed by hand)");
    // A refresh is a new run: a new client, no snapshot of this one's tree.
    const read = await groupMethods(onPremClient).read!(stored.id, updated.outs!);
    expect(read.props).toMatchObject({ displayName: "Sales (renamed by hand)" });

    await emulator.clearRequests();
    await expect(group.delete!(stored.id, updated.outs!)).rejects.toThrow(
      "cannot be deleted: ESET PROTECT On-Prem's REST API has no group delete (eset:serverUrl is set)",
    );
    expect(await emulator.requests()).toEqual([]);
    expect((await emulator.state()).tenants[0]!.groups.map((g) => g.uuid)).toContain(stored.id);
  });

  it("refuses the installer file before any call", async () => {
    const client = onPremClient();
    await emulator.clearRequests();
    await expect(client.generateGpoSccmFile({ sendAnonymousDiagnosticData: false })).rejects.toThrow(
      "ESET PROTECT On-Prem's REST API has no installer calls",
    );
    expect(await emulator.requests()).toEqual([]);
  });
});

async function createdGroup(key: string) {
  const group = groupMethods(onPremClient);
  const declared = asGroupClassDeclares(
    {
      displayName: `Sales ${key}`,
      parentGroupUuid: emulator.allGroupUuid,
      description: "EU",
      allowReplace: true,
    },
    key,
  );
  const inputs = (await group.check!({}, declared)).inputs!;
  const created = await group.create(inputs);
  return { group, stored: { id: created.id, inputs, outputs: created.outs! } };
}

describe("Group replacement on ESET PROTECT On-Prem", () => {
  it("is refused by the program's diff, in preview, with no write", async () => {
    const { group, stored } = await createdGroup("a");
    // A new description needs a new group (ESET sets it only on create); allowReplace opts in.
    const news = sameResource(stored, {
      displayName: "Sales a",
      parentGroupUuid: emulator.allGroupUuid,
      description: "EMEA",
      allowReplace: true,
    });
    await emulator.clearRequests();
    const checked = await group.check!(stored.inputs, news);
    expect(checked.failures ?? []).toEqual([]);
    await expect(group.diff!(stored.id, stored.outputs, checked.inputs!)).rejects.toThrow(
      `group "Sales a" (${stored.id}) cannot be replaced: changing description needs a new group, and ESET PROTECT ` +
        `On-Prem's REST API has no group delete (eset:serverUrl is set), so the old one could not be removed. ` +
        `Set it back to the value in ESET, or change the group in the ESET PROTECT web console and run pulumi refresh.`,
    );
    expect((await emulator.requests()).filter((r) => r.method !== "GET" && r.path !== "/GetTokens")).toEqual(
      [],
    );
  });

  it("leaves a rename alone: On-Prem renames in place", async () => {
    const { group, stored } = await createdGroup("b");
    const news = sameResource(stored, {
      displayName: "Sales b2",
      parentGroupUuid: emulator.allGroupUuid,
      description: "EU",
      allowReplace: true,
    });
    const checked = await group.check!(stored.inputs, news);
    await expect(group.diff!(stored.id, stored.outputs, checked.inputs!)).resolves.toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("does not throw in a refresh's diff (no check of this run saw the inputs)", async () => {
    const { group, stored } = await createdGroup("c");
    // What the engine's refresh passes: the read outputs as olds and the stored inputs as news.
    const read = { ...stored.outputs, description: "changed elsewhere" };
    await expect(group.diff!(stored.id, read, stored.inputs)).resolves.toMatchObject({
      replaces: ["description"],
    });
  });
});
