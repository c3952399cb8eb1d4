/**
 * The Hierarchy component on ESET PROTECT On-Prem: its settings come through the one resolver
 * (`eset:serverUrl` / `ESET_CONNECT_SERVER_URL`, with `eset:domainUser` and `eset:caCertificate`),
 * so a parent path is looked up with On-Prem's sign-in; and its Groups are protected there, which
 * makes the engine refuse a removed node in preview (On-Prem has no group delete).
 */
import * as pulumi from "@pulumi/pulumi";
import { Hierarchy } from "../../provider/hierarchy";
import { programSettings } from "../../provider/hierarchy/parent-uuid";
import { programTargetsOnPrem } from "../../provider/resources/program-settings";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { useMockedPulumi, valueOf } from "../support/pulumi-mocks";

const registered = useMockedPulumi((args) =>
  args.type.endsWith(":Group") ? { uuid: `uuid-of-${args.name}` } : {},
);

const CUSTOMERS = "30000000-0000-4000-8000-000000000001";
const saved = { ...process.env };
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({
    settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" },
    seed: { tenants: [{ id: "demo", groups: [{ uuid: CUSTOMERS, displayName: "Customers" }] }] },
  });
});
afterAll(() => emulator.close());
afterEach(() => {
  process.env = { ...saved };
  for (const key of ["eset:serverUrl", "eset:domainUser", "eset:caCertificate", "eset:region"]) {
    pulumi.runtime.setConfig(key, "");
  }
  registered.length = 0;
});

const groupsOf = (component: string) =>
  registered.filter((r) => r.type.endsWith(":Group") && r.name.startsWith(`${component}/`));

describe("Hierarchy on ESET PROTECT On-Prem", () => {
  it("looks a parent path up with POST /GetTokens when ESET_CONNECT_SERVER_URL is set", async () => {
    process.env.ESET_CONNECT_SERVER_URL = emulator.url;
    process.env.ESET_CONNECT_USERNAME = emulator.username;
    process.env.ESET_CONNECT_PASSWORD = emulator.password;
    await emulator.clearRequests();
    const tree = new Hierarchy("onprem-env", {
      hierarchy: { parent: "Customers", groups: [{ name: "Acme" }] },
    });
    expect(await valueOf(tree.parentGroupUuid)).toBe(CUSTOMERS);
    expect((await emulator.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /GetTokens",
      "GET /v1/device_groups",
    ]);
  });

  it("reads eset:serverUrl, eset:domainUser and eset:caCertificate from the stack config, over the environment", async () => {
    process.env.ESET_CONNECT_REGION = "eu";
    process.env.ESET_CONNECT_PASSWORD = "secret";
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    pulumi.runtime.setConfig("eset:serverUrl", "https://protect.example.com:9443");
    pulumi.runtime.setConfig("eset:domainUser", "true");
    pulumi.runtime.setConfig("eset:caCertificate", pem);
    const settings = await valueOf(programSettings());
    // The address is taken whole: the stack's server URL hides the environment's region.
    expect(settings).toMatchObject({
      serverUrl: "https://protect.example.com:9443",
      domainUser: "true",
      caCertificate: pem.trim(),
    });
    expect(settings).not.toHaveProperty("region");
    expect(programTargetsOnPrem()).toBe(true);
  });

  it("protects its Groups on On-Prem, so the engine refuses a removed node in preview", async () => {
    process.env.ESET_CONNECT_SERVER_URL = emulator.url;
    const tree = new Hierarchy("onprem-protect", {
      hierarchy: { groups: [{ name: "Acme", children: [{ name: "Berlin" }] }] },
    });
    await valueOf(tree.uuidsByKey);
    expect(groupsOf("onprem-protect").map((r) => [r.name, r.protect])).toEqual([
      ["onprem-protect/acme", true],
      ["onprem-protect/acme/berlin", true],
    ]);
  });

  it("leaves a node's GroupPolicies unprotected on On-Prem (policies can be unassigned there), unless the program protects the component", async () => {
    process.env.ESET_CONNECT_SERVER_URL = emulator.url;
    const policy = "00000000-0000-4000-8000-00000000000a";
    const byDefault = new Hierarchy("onprem-policies", {
      hierarchy: { groups: [{ name: "Acme", policies: [policy] }] },
    });
    const chosen = new Hierarchy(
      "onprem-policies-protected",
      { hierarchy: { groups: [{ name: "Acme", policies: [policy] }] } },
      { protect: true },
    );
    // Registered once their inputs resolve: wait for each one's URN.
    await Promise.all([byDefault, chosen].map((tree) => valueOf(tree.groupPolicies.acme.urn)));
    const protectOf = (name: string) => registered.find((r) => r.name === name)?.protect;
    expect([
      protectOf("onprem-policies/acme"),
      protectOf("onprem-policies/acme:policies"),
      protectOf("onprem-policies-protected/acme:policies"),
    ]).toEqual([true, false, true]);
  });

  it("leaves protect to the component's options when they set it, and off on the cloud", async () => {
    process.env.ESET_CONNECT_SERVER_URL = emulator.url;
    const chosen = new Hierarchy(
      "onprem-chosen",
      { hierarchy: { groups: [{ name: "Acme" }] } },
      { protect: false },
    );
    await valueOf(chosen.uuidsByKey);
    delete process.env.ESET_CONNECT_SERVER_URL;
    process.env.ESET_CONNECT_REGION = "eu";
    const cloud = new Hierarchy("cloud", { hierarchy: { groups: [{ name: "Acme" }] } });
    await valueOf(cloud.uuidsByKey);
    expect([...groupsOf("onprem-chosen"), ...groupsOf("cloud")].map((r) => r.protect)).toEqual([
      false,
      false,
    ]);
  });
});
