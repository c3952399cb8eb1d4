// The Hierarchy component's policies: one GroupPolicies per node with `policies:` (named
// `<component>/<key>:policies`, a child of the node's Group or GroupAnchor), names resolved with
// one listing of the tenant's policies against the emulator, and an unknown name failing every
// group before it could be written.
import * as pulumi from "@pulumi/pulumi";
import { declareHierarchy, Hierarchy, validateHierarchy } from "../../provider/hierarchy";
import { afterPolicies } from "../../provider/hierarchy/policy-resolution";
import { policyUuidsByKey } from "../../provider/hierarchy/policy-names";
import { EsetConnectClient } from "../../provider/client";
import { objectLocator } from "../../provider/hierarchy/problems";
import { startTestEmulator } from "../support/emulator";
import { useMockedPulumi, valueOf } from "../support/pulumi-mocks";

const registered = useMockedPulumi((args) =>
  args.type.endsWith(":Group") || args.type.endsWith(":GroupAnchor") ? { uuid: `uuid-of-${args.name}` } : {},
);

const P1 = "3b1c0000-0000-4000-8000-000000000001";
const P2 = "3b1c0000-0000-4000-8000-000000000002";
const BALANCED = "00000000-0000-0000-7005-000000000001";
const MAXIMUM = "00000000-0000-0000-7005-000000000002";

describe("Hierarchy policies", () => {
  it("registers a GroupPolicies below each node's group, uuids as given, and none where policies: is absent", async () => {
    const msp = new Hierarchy("pol", {
      hierarchy: {
        groups: [
          {
            name: "Acme",
            key: "acme",
            anchor: true,
            existingUuid: "10000000-0000-4000-8000-0000000000a1",
            policies: [P1],
            children: [
              { name: "Servers", policies: [P2, P1] },
              { name: "Kiosks", policies: [] },
              { name: "Sales" },
            ],
          },
        ],
      },
    });
    expect(await valueOf(msp.policyUuidsByKey)).toEqual({
      acme: [P1],
      "acme/servers": [P2, P1],
      "acme/kiosks": [],
    });
    // Registered once their group's uuid is known.
    await Promise.all(Object.values(msp.groupPolicies).map((resource) => valueOf(resource.id)));
    const mine = registered.filter((r) => r.type.endsWith(":GroupPolicies") && r.name.startsWith("pol/"));
    expect(mine.map((r) => r.name).sort()).toEqual([
      "pol/acme/kiosks:policies",
      "pol/acme/servers:policies",
      "pol/acme:policies",
    ]);
    const byName = Object.fromEntries(mine.map((r) => [r.name, r]));
    expect(byName["pol/acme/servers:policies"].inputs).toMatchObject({
      groupUuid: "uuid-of-pol/acme/servers",
      policies: [P2, P1],
    });
    expect(byName["pol/acme:policies"].inputs).toMatchObject({
      groupUuid: "uuid-of-pol/acme",
      policies: [P1],
    });
    expect(byName["pol/acme/kiosks:policies"].inputs).toMatchObject({ policies: [] });
    // A child of the node's own resource: a rename or move of the node keeps its URN.
    const groupUrn = await valueOf(msp.groups["acme/servers"].urn);
    expect(byName["pol/acme/servers:policies"].parent).toBe(groupUrn);
    expect(byName["pol/acme:policies"].parent).toBe(await valueOf(msp.anchors.acme.urn));
    expect(Object.keys(msp.groupPolicies)).toEqual(["acme", "acme/servers", "acme/kiosks"]);
  });

  it("has an empty policyUuidsByKey and no GroupPolicies when no node declares policies", async () => {
    const plain = new Hierarchy("plain", { hierarchy: { groups: [{ name: "Acme" }] } });
    expect(await valueOf(plain.policyUuidsByKey)).toEqual({});
    await valueOf(plain.uuidsByKey);
    expect(
      registered.filter((r) => r.name.startsWith("plain/") && r.type.endsWith(":GroupPolicies")),
    ).toEqual([]);
  });
});

describe("Hierarchy policy names", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("resolves names with one listing of the tenant's policies, using the ESET_CONNECT_* settings", async () => {
    const emulator = await startTestEmulator();
    try {
      process.env.ESET_CONNECT_ENDPOINT = emulator.url;
      process.env.ESET_CONNECT_USERNAME = emulator.username;
      process.env.ESET_CONNECT_PASSWORD = emulator.password;
      const named = new Hierarchy("named", {
        hierarchy: {
          groups: [{ name: "Servers", policies: ["Antivirus - Maximum security", "Antivirus - Balanced"] }],
        },
      });
      expect(await valueOf(named.policyUuidsByKey)).toEqual({ servers: [MAXIMUM, BALANCED] });
      expect((await emulator.requests()).map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
        "POST /oauth/token",
        "GET /v2/policies",
      ]);
      // A misspelt name against the same listing: the error the component's output fails with.
      const typo = declareHierarchy(
        validateHierarchy({ groups: [{ name: "Servers", policies: ["Antivirus - Maximum securty"] }] }),
      );
      const listed = await new EsetConnectClient({
        endpoint: emulator.url,
        username: emulator.username,
        password: emulator.password,
      }).listPolicies();
      expect(() => policyUuidsByKey(typo, listed, objectLocator('Hierarchy "typo"'))).toThrow(
        'The hierarchy\'s policies do not match ESET: Hierarchy "typo" groups[0].policies[0]: Servers: policies[0] "Antivirus - Maximum securty" matches no policy in ESET; did you mean "Antivirus - Maximum security"?',
      );
    } finally {
      await emulator.close();
    }
  });

  it("holds the root's parent (so every group) until the names are resolved", async () => {
    let resolve: (value: Record<string, string[]>) => void = () => undefined;
    const names = pulumi.output(new Promise<Record<string, string[]>>((r) => (resolve = r)));
    let parent: string | undefined;
    afterPolicies(pulumi.output("root-uuid"), names).apply((value) => (parent = value));
    await new Promise((r) => setTimeout(r, 50));
    expect(parent).toBeUndefined();
    resolve({ servers: [MAXIMUM] });
    await new Promise((r) => setTimeout(r, 50));
    expect(parent).toBe("root-uuid");
  });
});
