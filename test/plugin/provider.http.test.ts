// The plugin's provider in-process against the emulator: the CRUD calls the engine makes for
// eset:index:Group, GroupAnchor and GpoSccmFile, with config from the Configure variables, secrets
// wrapped on the wire, and no `__provider` in anything it stores.
import { EsetProvider } from "../../provider/plugin/provider";
import { stackConfigFromVariables } from "../../provider/plugin/stack-config";
import { secret } from "../../provider/plugin/secrets";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";

const urn = (type: string, name: string) => `urn:pulumi:dev::plugin-test::${type}::${name}`;
const GROUP = "eset:index:Group";

let emulator: TestEmulator;
let provider: EsetProvider;

beforeAll(async () => {
  emulator = await startTestEmulator();
  provider = new EsetProvider("0.1.0", "{}");
  // As the engine sends them: `<package>:config:<key>`, secrets in plain text.
  provider.configure(
    stackConfigFromVariables({
      "eset:config:endpoint": emulator.url,
      "eset:config:username": emulator.username,
      "eset:config:password": emulator.password,
    }),
  );
});
afterAll(() => emulator.close());

async function createGroup(name: string, displayName: string, parentGroupUuid: string) {
  const checked = await provider.check(urn(GROUP, name), {}, { displayName, parentGroupUuid });
  expect(checked.failures).toEqual([]);
  return { ...(await provider.create(urn(GROUP, name), checked.inputs)), inputs: checked.inputs };
}

test("a Group is created, read back for import, renamed and moved in place, and deleted", async () => {
  const emea = await createGroup("emea", "EMEA", emulator.allGroupUuid);
  const berlin = await createGroup("berlin", "Berlin", emulator.allGroupUuid);
  expect(berlin.outs).toMatchObject({ uuid: berlin.id, displayName: "Berlin" });
  expect(JSON.stringify(berlin.outs)).not.toContain("__provider");
  // The create asked for the uuid the URN gives: the same on a rerun.
  expect(berlin.inputs).toMatchObject({ resourceUrn: urn(GROUP, "berlin"), clientUuid: berlin.id });

  // `pulumi import`: a read with no props at all gives the inputs from the live tree.
  const imported = await provider.read(berlin.id, urn(GROUP, "adopted"), {});
  expect(imported.id).toBe(berlin.id);
  expect(imported.inputs).toMatchObject({ displayName: "Berlin", parentGroupUuid: emulator.allGroupUuid });

  const news = (
    await provider.check(urn(GROUP, "berlin"), berlin.inputs, {
      displayName: "Berlin Mitte",
      parentGroupUuid: emea.id,
    })
  ).inputs;
  const diff = await provider.diff(berlin.id, urn(GROUP, "berlin"), berlin.outs, news);
  expect(diff).toMatchObject({ changes: true, replaces: [] });
  const updated = await provider.update(berlin.id, urn(GROUP, "berlin"), berlin.outs, news);
  expect(updated.outs).toMatchObject({
    uuid: berlin.id,
    displayName: "Berlin Mitte",
    parentGroupUuid: emea.id,
  });
  const live = (await emulator.state()).tenants[0];
  expect(JSON.stringify(live)).toContain("Berlin Mitte");

  await provider.delete(berlin.id, urn(GROUP, "berlin"), updated.outs);
  await provider.delete(emea.id, urn(GROUP, "emea"), emea.outs);
  expect(await provider.read(berlin.id, urn(GROUP, "berlin"), updated.outs)).toEqual({});
});

test("a secret input stays secret in the inputs and outputs", async () => {
  const name = urn(GROUP, "hidden");
  const checked = await provider.check(
    name,
    {},
    { displayName: secret("Hidden"), parentGroupUuid: emulator.allGroupUuid },
  );
  expect(
    (checked.inputs as Record<string, Record<string, unknown>>).displayName[specialSigKey],
  ).toBeDefined();
  const created = await provider.create(name, checked.inputs);
  expect(created.outs.displayName).toEqual(secret("Hidden"));
  await provider.delete(created.id, name, created.outs);
});

test("a GpoSccmFile's file and content are secret outputs", async () => {
  const group = await createGroup("site", "Site", emulator.allGroupUuid);
  const name = urn("eset:index:GpoSccmFile", "installer");
  const checked = await provider.check(name, {}, { securityGroupUuid: group.id });
  expect(checked.failures).toEqual([]);
  const file = await provider.create(name, checked.inputs);
  expect(file.outs.gpoSccmFile[specialSigKey]).toBeDefined();
  expect(file.outs.content[specialSigKey]).toBeDefined();
  expect(file.outs.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(file.outs.securityGroupUuid).toBe(group.id);
});

test("a GroupAnchor finds a group by path and is never deleted", async () => {
  const customers = await createGroup("customers", "Customers", emulator.allGroupUuid);
  const name = urn("eset:index:GroupAnchor", "customers");
  const checked = await provider.check(name, {}, { path: "Customers" });
  expect(checked.failures).toEqual([]);
  const anchor = await provider.create(name, checked.inputs);
  expect(anchor.id).toBe(customers.id);
  await provider.delete(anchor.id, name, anchor.outs);
  expect((await provider.read(anchor.id, name, anchor.outs)).id).toBe(customers.id);
});

test("a misspelt input fails check, naming the valid ones", async () => {
  const checked = await provider.check(
    urn(GROUP, "typo"),
    {},
    {
      displayName: "X",
      parentGroupUuid: emulator.allGroupUuid,
      parentUuid: "y",
    },
  );
  expect(checked.failures).toEqual([expect.objectContaining({ property: "parentUuid" })]);
});
