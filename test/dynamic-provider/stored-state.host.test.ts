/**
 * Stacks deployed with an earlier release keep working: a state as pulumi-eset-connect 0.1.0 wrote
 * it (fixtures/state-0.1.0.json: stored inputs and outputs with the serialized `__provider` texts)
 * goes through a real dynamic-provider host, which loads each text, runs its `install`, and serves
 * refresh, the program's diff, an update and destroy against the emulator, with no drift reported.
 */
import * as fs from "fs";
import * as path from "path";
import { Stored, create, useWorld } from "../resources/world";

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

const state = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "state-0.1.0.json"), "utf8")) as {
  deployment: { resources: StateResource[] };
};
const stored = (type: string): Stored => {
  const found = state.deployment.resources.find(
    (r) => r.type === `pulumi-nodejs:dynamic/eset-connect:${type}`,
  );
  if (!found?.id || !found.inputs || !found.outputs) throw new Error(`the fixture holds no ${type}`);
  return { id: found.id, inputs: found.inputs, outputs: found.outputs };
};
const anchor = stored("GroupAnchor");
const emea = stored("Group");
const installer = stored("GpoSccmFile");
const ALL = "00000000-0000-0000-7001-000000000001";
/** What the program of that stack declares (the class's computed inputs as stored). */
const { __provider: _p, ...emeaDeclared } = emea.inputs;

const t = useWorld();

beforeEach(async () => {
  await t.seed([
    {
      uuid: anchor.id,
      displayName: "Acme",
      parentGroupUuid: ALL,
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    },
    { uuid: emea.id, displayName: "EMEA", parentGroupUuid: anchor.id },
  ]);
  await t.emulator().clearRequests();
});

/** API writes since the last clear, as `METHOD path`. */
async function writes() {
  return (await t.emulator().requests())
    .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
    .map((r) => `${r.method} ${r.path}`);
}

describe("a state written by release 0.1.0", () => {
  it.each([
    ["GroupAnchor", anchor],
    ["Group", emea],
    ["GpoSccmFile", installer],
  ])("refreshes its %s without drift, and the refresh's diff finds no change", async (_type, resource) => {
    const host = t.world().host;
    const read = await host.read(resource.id, resource.outputs, resource.inputs);
    expect(read.id).toBe(resource.id);
    expect(read.properties).toEqual(resource.outputs);
    // The engine's refresh classifies with the read outputs as olds and the old inputs as news.
    expect(await host.diff(resource.id, read.properties, resource.inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await writes()).toEqual([]);
  });

  it("finds no change between the Group's state and the program that wrote it", async () => {
    const host = t.world().host;
    const checked = await host.check(emea.inputs, { ...emeaDeclared, __provider: t.world().providers.group });
    expect(checked.failures).toEqual([]);
    expect(await host.diff(emea.id, emea.outputs, checked.inputs)).toMatchObject({ changes: "none" });
  });

  it("renames the stored Group in place, through the text stored in its state", async () => {
    const host = t.world().host;
    const news = { ...emeaDeclared, displayName: "Europe", __provider: emea.inputs.__provider };
    const checked = await host.check(emea.inputs, news);
    expect(await host.diff(emea.id, emea.outputs, checked.inputs)).toMatchObject({
      changes: "some",
      replaces: [],
    });
    const updated = await host.update(emea.id, emea.outputs, checked.inputs);
    expect(updated.properties).toMatchObject({
      uuid: emea.id,
      displayName: "Europe",
      clientUuid: emea.inputs.clientUuid,
    });
    expect(await writes()).toEqual([`POST /v1/groups/${emea.id}:rename`]);
  });

  it("destroys the three: the file and the anchor without a call, the group with one DELETE", async () => {
    const host = t.world().host;
    await host.delete(installer.id, installer.outputs);
    await host.delete(emea.id, emea.outputs);
    await host.delete(anchor.id, anchor.outputs);
    expect(await writes()).toEqual([`DELETE /v1/groups/${emea.id}`]);
    expect((await t.liveGroups()).map((g) => g.uuid)).toContain(anchor.id);
    expect((await t.liveGroups()).map((g) => g.uuid)).not.toContain(emea.id);
  });

  it("lets a new Group of this release sit below the stored one", async () => {
    const berlin = await create(t.world(), "group", { displayName: "Berlin", parentGroupUuid: emea.id });
    expect((await t.liveGroups()).find((g) => g.uuid === berlin.id)?.parentGroupUuid).toBe(emea.id);
  });
});
