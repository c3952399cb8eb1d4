import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ALL_GROUP_UUID, Hierarchy, type HierarchySpec } from "../../provider/hierarchy";
import { findGroupUuid } from "../../provider/hierarchy/parent-uuid";
import { startTestEmulator } from "../support/emulator";
import { useMockedPulumi, valueOf } from "../support/pulumi-mocks";

const registered = useMockedPulumi((args) =>
  args.type.endsWith(":Group") || args.type.endsWith(":GroupAnchor") ? { uuid: `uuid-of-${args.name}` } : {},
);

const MSP: HierarchySpec = {
  groups: [
    {
      name: "Acme",
      key: "acme",
      children: [{ name: "Berlin", children: [{ name: "Sales", forceDestroy: true }] }],
    },
    { name: "Globex", existingUuid: "10000000-0000-4000-8000-00000000000a", description: "Adopted" },
  ],
};

const groupsOf = (component: string) =>
  registered.filter(
    (r) => r.type === "pulumi-nodejs:dynamic/eset-connect:Group" && r.name.startsWith(`${component}/`),
  );

describe("Hierarchy", () => {
  it("registers a read-only GroupAnchor per anchor, before any Group, and wires the Groups below to it", async () => {
    const msp = new Hierarchy("tenant", {
      hierarchy: {
        groups: [
          {
            name: "Acme",
            key: "acme",
            anchor: true,
            existingUuid: "10000000-0000-4000-8000-0000000000a1",
            children: [{ name: "Berlin", key: "acme-berlin", anchor: true, children: [{ name: "Sales" }] }],
          },
        ],
      },
    });
    const byKey = await valueOf(msp.uuidsByKey);
    const mine = registered.filter((r) => r.name.startsWith("tenant/"));
    expect(mine.map((r) => `${r.type.split(":").pop()} ${r.name}`)).toEqual([
      "GroupAnchor tenant/acme",
      "GroupAnchor tenant/acme-berlin",
      "Group tenant/acme-berlin/sales",
    ]);
    const inputs = Object.fromEntries(mine.map((r) => [r.name, r.inputs]));
    expect(inputs["tenant/acme"]).toMatchObject({
      uuid: "10000000-0000-4000-8000-0000000000a1",
      displayName: "Acme",
      parentGroupUuid: ALL_GROUP_UUID,
    });
    expect(inputs["tenant/acme-berlin"]).toMatchObject({
      displayName: "Berlin",
      parentGroupUuid: "uuid-of-tenant/acme",
    });
    expect(inputs["tenant/acme-berlin/sales"]).toMatchObject({
      parentGroupUuid: "uuid-of-tenant/acme-berlin",
    });
    expect(byKey).toEqual({ "acme-berlin/sales": "uuid-of-tenant/acme-berlin/sales" });
    expect(await valueOf(msp.uuidsByPath)).toEqual({
      Acme: "uuid-of-tenant/acme",
      "Acme/Berlin": "uuid-of-tenant/acme-berlin",
      "Acme/Berlin/Sales": "uuid-of-tenant/acme-berlin/sales",
    });
  });

  it("registers one Group per node under the component, named after keys, parents wired by uuid", async () => {
    const msp = new Hierarchy("msp", { hierarchy: MSP });
    await valueOf(msp.uuidsByKey);
    const component = registered.find((r) => r.name === "msp");
    expect(component?.type).toBe("eset-connect:index:Hierarchy");
    const componentUrn = await valueOf(msp.urn);
    const groups = groupsOf("msp");
    const names = groups.map((g) => g.name);
    expect([...names].sort()).toEqual(["msp/acme", "msp/acme/berlin", "msp/acme/berlin/sales", "msp/globex"]);
    // Parent before child: a child is registered once its parent's uuid is known.
    expect(names.indexOf("msp/acme")).toBeLessThan(names.indexOf("msp/acme/berlin"));
    expect(names.indexOf("msp/acme/berlin")).toBeLessThan(names.indexOf("msp/acme/berlin/sales"));
    expect(groups.every((g) => g.parent === componentUrn)).toBe(true);
    const inputs = Object.fromEntries(groups.map((g) => [g.name, g.inputs]));
    expect(inputs["msp/acme"]).toMatchObject({
      displayName: "Acme",
      parentGroupUuid: ALL_GROUP_UUID,
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
      forceDestroy: false,
    });
    expect(inputs["msp/acme/berlin"]).toMatchObject({ parentGroupUuid: "uuid-of-msp/acme" });
    expect(inputs["msp/acme/berlin/sales"]).toMatchObject({
      parentGroupUuid: "uuid-of-msp/acme/berlin",
      forceDestroy: true,
    });
    expect(inputs["msp/globex"]).toMatchObject({
      existingUuid: "10000000-0000-4000-8000-00000000000a",
      description: "Adopted",
    });
  });

  it("outputs key → uuid and path → uuid", async () => {
    const msp = new Hierarchy("out", { hierarchy: MSP });
    expect(await valueOf(msp.uuidsByKey)).toEqual({
      acme: "uuid-of-out/acme",
      "acme/berlin": "uuid-of-out/acme/berlin",
      "acme/berlin/sales": "uuid-of-out/acme/berlin/sales",
      globex: "uuid-of-out/globex",
    });
    expect(await valueOf(msp.uuidsByPath)).toEqual({
      Acme: "uuid-of-out/acme",
      "Acme/Berlin": "uuid-of-out/acme/berlin",
      "Acme/Berlin/Sales": "uuid-of-out/acme/berlin/sales",
      Globex: "uuid-of-out/globex",
    });
    expect(Object.keys(msp.groups)).toEqual(["acme", "acme/berlin", "acme/berlin/sales", "globex"]);
  });

  it("keeps every resource name when a keyed node is renamed and moved, so Pulumi updates in place", async () => {
    const before = new Hierarchy("keep", {
      hierarchy: {
        groups: [
          { name: "Acme", key: "acme" },
          { name: "Paris", key: "paris" },
        ],
      },
    });
    await valueOf(before.uuidsByKey);
    const namesBefore = groupsOf("keep").map((g) => g.name);
    registered.length = 0;
    const after = new Hierarchy("keep", {
      hierarchy: {
        groups: [{ name: "Acme Corp", key: "acme", children: [{ name: "Paris Nord", key: "paris" }] }],
      },
    });
    await valueOf(after.uuidsByKey);
    const groups = groupsOf("keep");
    expect(groups.map((g) => g.name).sort()).toEqual([...namesBefore].sort());
    expect(groups.find((g) => g.name === "keep/paris")?.inputs).toMatchObject({
      displayName: "Paris Nord",
      parentGroupUuid: "uuid-of-keep/acme",
    });
  });

  it("builds under parentGroupUuid, or under the hierarchy's parent given as a uuid", async () => {
    const given = new Hierarchy("given", { hierarchy: MSP, parentGroupUuid: "parent-from-elsewhere" });
    const fromSpec = new Hierarchy("fromspec", {
      hierarchy: { parent: "20000000-0000-4000-8000-000000000001", groups: [{ name: "Acme" }] },
    });
    expect(await valueOf(given.parentGroupUuid)).toBe("parent-from-elsewhere");
    expect(await valueOf(fromSpec.parentGroupUuid)).toBe("20000000-0000-4000-8000-000000000001");
    await valueOf(fromSpec.uuidsByKey);
    expect(groupsOf("fromspec")[0].inputs.parentGroupUuid).toBe("20000000-0000-4000-8000-000000000001");
  });

  it("names each problem of an object by its property path", () => {
    expect(
      () =>
        new Hierarchy("bad", {
          hierarchy: { groups: [{ name: "A" }, { name: "A", colour: "red" }] } as never,
        }),
    ).toThrow(
      [
        "Invalid hierarchy (2 problems):",
        '  Hierarchy "bad" groups[1].colour: unknown field "colour"; a group\'s fields are name, key, anchor, description, linkedEntityType, existingUuid, forceDestroy, policies, children',
        '  Hierarchy "bad" groups[1].name: duplicate sibling name "A" (first at groups[0].name); ESET PROTECT refuses two groups with one name under the same parent: rename or move one of them',
      ].join("\n"),
    );
  });

  it("reads a YAML file and reports its problems as file:line:column", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hierarchy-"));
    try {
      const good = path.join(dir, "good.yaml");
      fs.writeFileSync(good, "groups:\n  - name: Acme\n    children:\n      - name: Berlin\n");
      const fromFile = new Hierarchy("file", { file: good });
      expect(fromFile.declared.all.map((g) => g.key)).toEqual(["acme", "acme/berlin"]);
      const bad = path.join(dir, "bad.yaml");
      fs.writeFileSync(bad, "groups:\n  - name: Acme\n    linkedEntityType: customer\n");
      expect(() => new Hierarchy("badfile", { file: bad })).toThrow(
        `${bad}:3:23: linkedEntityType "customer"`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("asks for exactly one of hierarchy and file", () => {
    expect(() => new Hierarchy("none", {})).toThrow(
      'Hierarchy "none": give exactly one of `hierarchy` (an object) and `file` (a YAML path).',
    );
  });
});

describe("Hierarchy parent given as a path", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("looks the path up with one listing, using the ESET_CONNECT_* settings", async () => {
    const emulator = await startTestEmulator({
      seed: {
        tenants: [
          {
            id: "demo",
            groups: [
              { uuid: "30000000-0000-4000-8000-000000000001", displayName: "Customers" },
              {
                uuid: "30000000-0000-4000-8000-000000000002",
                displayName: "Europe",
                parentGroupUuid: "30000000-0000-4000-8000-000000000001",
              },
            ],
          },
        ],
      },
    });
    try {
      process.env.ESET_CONNECT_ENDPOINT = emulator.url;
      process.env.ESET_CONNECT_USERNAME = emulator.username;
      process.env.ESET_CONNECT_PASSWORD = emulator.password;
      const found = new Hierarchy("eu", {
        hierarchy: { parent: "Customers/Europe", groups: [{ name: "Acme" }] },
      });
      expect(await valueOf(found.parentGroupUuid)).toBe("30000000-0000-4000-8000-000000000002");
      expect((await emulator.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
        "POST /oauth/token",
        "GET /v1/device_groups",
      ]);
      // A path that matches nothing fails the program with the message below (see component.ts);
      // the lookup itself says "none".
      expect(
        await findGroupUuid("Customers/Asia", {
          endpoint: emulator.url,
          username: emulator.username,
          password: emulator.password,
        }),
      ).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });
});
