/**
 * The provider plugin on ESET PROTECT On-Prem (`eset:serverUrl`), which has no group delete: the
 * Hierarchy it constructs protects its Groups (input `protectOnPrem`, default true), so the engine
 * refuses a removed node in preview; and a plugin Group's delete (what an unprotected removal
 * reaches at `pulumi up`) or replacement is refused before any call. `construct` runs against
 * Pulumi's mocks, given options as the SDK's provider server builds them (`protect: false` when the
 * program set none); the CRUD calls run against the emulator with deployment on-prem.
 */
import { EsetProvider } from "../../provider/plugin/provider";
import { HIERARCHY } from "../../provider/plugin/resource-types";
import { stackConfigFromVariables } from "../../provider/plugin/stack-config";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { useMockedPulumi } from "../support/pulumi-mocks";

const registered = useMockedPulumi((args) =>
  args.type === "eset:index:Group" ? { uuid: `uuid-of-${args.name}` } : {},
);

const GROUP = "eset:index:Group";
const urn = (type: string, name: string) => `urn:pulumi:dev::plugin-on-prem::${type}::${name}`;
const saved = { ...process.env };
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" } });
  // The Hierarchy resolves policy names with the program's settings (here the environment).
  process.env.ESET_CONNECT_USERNAME = emulator.username;
  process.env.ESET_CONNECT_PASSWORD = emulator.password;
  process.env.ESET_CONNECT_SERVER_URL = emulator.url;
});
afterAll(async () => {
  process.env = { ...saved };
  await emulator.close();
});
beforeEach(() => {
  registered.length = 0;
});

/** A plugin provider configured as the engine's Configure does; `serverUrl` undefined: the cloud. */
function pluginProvider(address: { serverUrl: string } | { endpoint: string }): EsetProvider {
  const provider = new EsetProvider("0.1.0", "{}");
  const variables: Record<string, string> = {
    "eset:config:username": emulator.username,
    "eset:config:password": emulator.password,
  };
  for (const [key, value] of Object.entries(address)) variables[`eset:config:${key}`] = value;
  provider.configure(stackConfigFromVariables(variables));
  return provider;
}

const TREE = {
  groups: [{ name: "Acme", key: "acme", policies: ["Antivirus - Balanced"], children: [{ name: "Berlin" }] }],
};

async function construct(
  provider: EsetProvider,
  name: string,
  inputs: Record<string, unknown>,
  protect = false,
  hierarchy: unknown = TREE,
) {
  const result = await provider.construct(name, HIERARCHY, { hierarchy, ...inputs }, { protect });
  await new Promise((resolve) => result.state.uuidsByKey!.apply(resolve));
  await new Promise((resolve) => result.state.policyUuidsByKey!.apply(resolve));
  return registered
    .filter((r) => r.name.startsWith(`${name}/`))
    .map((r) => [r.type.replace("eset:index:", ""), r.name, r.protect])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
}

describe("eset:index:Hierarchy on ESET PROTECT On-Prem", () => {
  it("protects its Groups by default, not the GroupPolicies (On-Prem can unassign)", async () => {
    expect(await construct(pluginProvider({ serverUrl: emulator.url }), "onprem", {})).toEqual([
      ["Group", "onprem/acme", true],
      ["GroupPolicies", "onprem/acme:policies", false],
      ["Group", "onprem/acme/berlin", true],
    ]);
  });

  it("leaves them unprotected with protectOnPrem: false, and on the cloud", async () => {
    const onPrem = await construct(pluginProvider({ serverUrl: emulator.url }), "off", {
      protectOnPrem: false,
    });
    // The cloud: the plugin's config names an endpoint (no policies: nothing to look up there).
    const cloudTree = { groups: [{ name: "Acme", key: "acme", children: [{ name: "Berlin" }] }] };
    const cloud = await construct(pluginProvider({ endpoint: emulator.url }), "cloud", {}, false, cloudTree);
    expect([...onPrem, ...cloud].map(([, name, protect]) => `${name} ${protect}`)).toEqual([
      "off/acme false",
      "off/acme:policies false",
      "off/acme/berlin false",
      "cloud/acme false",
      "cloud/acme/berlin false",
    ]);
  });

  it("lets a protected component protect everything below it, GroupPolicies included", async () => {
    const rows = await construct(
      pluginProvider({ serverUrl: emulator.url }),
      "all",
      { protectOnPrem: false },
      true,
    );
    expect(rows.map(([, , protect]) => protect)).toEqual([true, true, true]);
  });
});

describe("eset:index:Group on ESET PROTECT On-Prem", () => {
  const provider = () => pluginProvider({ serverUrl: emulator.url });

  async function created(p: EsetProvider, name: string) {
    const checked = await p.check(
      urn(GROUP, name),
      {},
      { displayName: name, parentGroupUuid: emulator.allGroupUuid },
    );
    return { ...(await p.create(urn(GROUP, name), checked.inputs)), inputs: checked.inputs };
  }

  it("refuses a delete before any request, naming protect and pulumi state delete", async () => {
    const p = provider();
    const group = await created(p, "Kept");
    await emulator.clearRequests();
    const error = await p.delete(group.id, urn(GROUP, "Kept"), group.outs!).catch((e: unknown) => e);
    expect((error as Error).message).toContain("ESET PROTECT On-Prem's REST API has no group delete");
    expect((error as Error).message).toContain("pulumi state delete");
    expect((error as Error).message).toContain("options: protect: true");
    expect(await emulator.requests()).toEqual([]);
    expect((await emulator.state()).tenants[0]!.groups.map((g) => g.uuid)).toContain(group.id);
  });

  it("refuses a replacement in diff (preview), as the TypeScript Group does", async () => {
    const p = provider();
    const group = await created(p, "Retyped");
    const news = (
      await p.check(urn(GROUP, "Retyped"), group.inputs, {
        displayName: "Retyped",
        parentGroupUuid: emulator.allGroupUuid,
        description: "a new description",
        allowReplace: true,
      })
    ).inputs;
    await emulator.clearRequests();
    await expect(p.diff(group.id, urn(GROUP, "Retyped"), group.outs!, news)).rejects.toThrow(
      "cannot be replaced: changing description needs a new group, and ESET PROTECT On-Prem's REST API has no group delete",
    );
    expect((await emulator.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });
});
