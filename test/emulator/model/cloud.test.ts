import { EsetCloud } from "../../../emulator/model/cloud";
import { ModelError } from "../../../emulator/model/errors";
import { gpoSccmFileText } from "../../../emulator/model/gpo-sccm-file";
import { paginate, parsePageSize } from "../../../emulator/model/pagination";
import { applySeed } from "../../../emulator/model/seed";
import { restoreSnapshot, snapshotOf } from "../../../emulator/model/snapshot";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";

const [MINE, THEIRS, A, B, C, P, D1, D2, D, G, GONE, OK, NOPE] = [
  "mine",
  "theirs",
  "a",
  "b",
  "c",
  "p",
  "d1",
  "d2",
  "d",
  "g",
  "gone",
  "ok",
  "nope",
].map(uuidOf);

function failure(work: () => unknown): string {
  try {
    work();
  } catch (e) {
    if (e instanceof ModelError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return "no error";
}

function twoTenants(): EsetCloud {
  const cloud = new EsetCloud();
  applySeed(cloud, {
    tenants: [
      { id: "demo", groups: [{ uuid: MINE, displayName: "Mine" }] },
      {
        id: "acme",
        users: [{ username: "api@acme.test", password: "acme-pass" }],
        groups: [{ uuid: THEIRS, displayName: "Theirs" }],
      },
    ],
  });
  return cloud;
}

describe("tenant isolation", () => {
  const cases: Array<[string, (c: EsetCloud) => unknown, string]> = [
    [
      "move another tenant's group",
      (c) => c.moveGroup("demo", THEIRS, ALL),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "move under another tenant's group",
      (c) => c.moveGroup("demo", MINE, THEIRS),
      `other-tenant: new parent group ${THEIRS} belongs to another tenant`,
    ],
    [
      "rename another tenant's group",
      (c) => c.renameGroup("demo", THEIRS, "X"),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "delete another tenant's group",
      (c) => c.deleteGroup("demo", THEIRS, false),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "create under another tenant's group",
      (c) => c.createGroup("demo", { displayName: "X", parentGroupUuid: THEIRS }),
      `other-tenant: parent group ${THEIRS} belongs to another tenant`,
    ],
    [
      "list devices of another tenant's group",
      (c) => c.listDevices("demo", THEIRS, { recurseSubgroups: false, pageSize: 0, pageToken: "" }),
      `other-tenant: group ${THEIRS} belongs to another tenant`,
    ],
    [
      "generate a file for another tenant's group",
      (c) => c.generateGpoSccmFile("demo", { securityGroupUuid: THEIRS }, new Date()),
      `other-tenant: security group ${THEIRS} belongs to another tenant`,
    ],
    [
      "take another tenant's group uuid",
      (c) => c.createGroup("demo", { displayName: "X", parentGroupUuid: ALL, uuid: THEIRS }),
      `already-exists: group ${THEIRS} already exists`,
    ],
  ];
  test.each(cases)("refuses to %s", (_name, work, expected) => {
    const cloud = twoTenants();
    expect(failure(() => work(cloud))).toBe(expected);
    expect(cloud.tenant("acme").group(THEIRS)).toMatchObject({
      displayName: "Theirs",
      parentGroupUuid: ALL,
    });
  });

  test("each tenant sees only its own groups, under the same All and Lost & found uuids", () => {
    const cloud = twoTenants();
    expect(cloud.listDeviceGroups("demo", 0, "").items.map((g) => g.uuid)).toEqual([ALL, LOST, MINE]);
    expect(cloud.listDeviceGroups("acme", 0, "").items.map((g) => g.uuid)).toEqual([ALL, LOST, THEIRS]);
  });
});

describe("users", () => {
  test.each([
    ["demo@example.com", "demo-password", "demo"],
    ["api@acme.test", "acme-pass", "acme"],
  ])("%s signs in to tenant %s", (username, password, tenant) => {
    expect(twoTenants().authenticate(username, password).tenant).toBe(tenant);
  });

  test.each([
    ["demo@example.com", "wrong"],
    ["nobody@example.com", "demo-password"],
  ])("%s / %s is refused with one message for both cases", (username, password) => {
    expect(failure(() => twoTenants().authenticate(username, password))).toBe(
      "bad-credentials: invalid username or password",
    );
  });

  test("state lists users without passwords", () => {
    const state = twoTenants().state();
    expect(state.users).toEqual([
      { username: "demo@example.com", tenant: "demo" },
      { username: "api@acme.test", tenant: "acme" },
    ]);
    expect(JSON.stringify(state)).not.toMatch(/password|acme-pass/);
  });
});

describe("device-management view", () => {
  test("maps CUSTOMER to COMPANY, marks static groups, omits description and All's parent", () => {
    const cloud = new EsetCloud();
    cloud.console.createGroup("demo", {
      uuid: uuidOf("acme"),
      displayName: "Acme",
      parentGroupUuid: ALL,
      description: "d",
      linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
    });
    const [all, , acme] = cloud.listDeviceGroups("demo", 0, "").items;
    expect(all).not.toHaveProperty("parentGroupUuid");
    expect(acme).toEqual({
      uuid: uuidOf("acme"),
      displayName: "Acme",
      parentGroupUuid: ALL,
      isSecurityGroup: true,
      linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
      etag: expect.any(String),
    });
  });

  test.each([
    ["a rename", (c: EsetCloud) => c.renameGroup("demo", G, "New"), true],
    ["a move", (c: EsetCloud) => c.moveGroup("demo", G, LOST), true],
    ["a rename to the same name", (c: EsetCloud) => c.renameGroup("demo", G, "G"), false],
    ["a move to the same parent", (c: EsetCloud) => c.moveGroup("demo", G, ALL), false],
    ["a change of another group", (c: EsetCloud) => c.console.renameGroup("demo", LOST, "Unassigned"), false],
  ])("%s changes the etag: %p", (_name, change, changes) => {
    const cloud = new EsetCloud();
    cloud.createGroup("demo", { uuid: G, displayName: "G", parentGroupUuid: ALL });
    const etag = () => cloud.listDeviceGroups("demo", 0, "").items.find((g) => g.uuid === G)?.etag;
    const before = etag();
    change(cloud);
    expect(etag() !== before).toBe(changes);
  });

  test("lists devices of a group, or of its subtree", () => {
    const cloud = new EsetCloud();
    applySeed(cloud, {
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: A, displayName: "A" },
            { uuid: B, displayName: "B", parentGroupUuid: A },
          ],
          devices: [
            { uuid: D1, displayName: "D1", groupUuid: A },
            { uuid: D2, displayName: "D2", groupUuid: B },
          ],
        },
      ],
    });
    const list = (recurse: unknown) =>
      cloud.listDevices("demo", A, { recurseSubgroups: recurse, pageSize: 0, pageToken: "" });
    expect(list("false").items.map((d) => d.uuid)).toEqual([D1]);
    expect(list("true")).toEqual({
      items: [
        { uuid: D1, displayName: "D1", groupUuid: A },
        { uuid: D2, displayName: "D2", groupUuid: B },
      ],
      nextPageToken: "",
      totalSize: 2,
    });
  });
});

describe("pagination", () => {
  test.each([
    [undefined, 50],
    ["", 50],
    ["0", 50],
    [0, 50],
    ["7", 7],
    ["1000", 1000],
    ["1001", 1000],
    [5000, 1000],
  ])("pageSize %p means %i", (given, expected) => {
    expect(parsePageSize(given)).toBe(expected);
  });

  test.each([["-1"], ["1.5"], ["ten"]])("pageSize %p is refused", (given) => {
    expect(failure(() => parsePageSize(given))).toBe(
      `invalid: pageSize must be a whole number from 0 to 1000 (got ${JSON.stringify(given)})`,
    );
  });

  test("walks every item exactly once and ends with an empty token", () => {
    const items = Array.from({ length: 123 }, (_, i) => i);
    const seen: number[] = [];
    let token = "";
    let pages = 0;
    do {
      const page = paginate(items, "50", token);
      seen.push(...page.items);
      token = page.nextPageToken;
      pages++;
    } while (token !== "");
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  test("an exact multiple of the page size ends without an empty extra page", () => {
    const first = paginate([1, 2, 3, 4], 2, "");
    expect(paginate([1, 2, 3, 4], 2, first.nextPageToken)).toEqual({
      items: [3, 4],
      nextPageToken: "",
      totalSize: 4,
    });
  });

  test("a made-up token is refused", () => {
    expect(failure(() => paginate([1], 1, "garbage"))).toBe(
      "invalid: pageToken is not a token this server issued: pass the nextPageToken of the previous page",
    );
  });
});

describe("seed", () => {
  test("refuses unknown fields, naming them", () => {
    expect(failure(() => applySeed(new EsetCloud(), { tenants: [{ id: "x", groupz: [] }] }))).toMatch(
      /^invalid: seed: .*groupz/s,
    );
  });

  test("is all or nothing: a bad group leaves the cloud untouched", () => {
    const cloud = new EsetCloud();
    const bad = {
      tenants: [
        {
          id: "new",
          groups: [
            { uuid: OK, displayName: "Ok" },
            { displayName: "Orphan", parentGroupUuid: NOPE },
          ],
        },
      ],
    };
    expect(failure(() => applySeed(cloud, bad))).toBe(
      `invalid: seed: tenants[0].groups[1]: parent group ${NOPE} not found`,
    );
    expect([...cloud.tenants.keys()]).toEqual(["demo"]);
  });

  test("adds to what is there and can name earlier groups as parents", () => {
    const cloud = new EsetCloud();
    applySeed(cloud, {
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: P, displayName: "P" },
            { uuid: C, displayName: "C", parentGroupUuid: P },
          ],
        },
      ],
    });
    expect(cloud.tenant("demo").group(C).parentGroupUuid).toBe(P);
  });
});

describe("snapshot", () => {
  test("restores trees, devices, deletions and users (by hash) exactly", () => {
    const cloud = twoTenants();
    cloud.addDevice("demo", { uuid: D, displayName: "D", groupUuid: MINE, otherGroupUuids: [LOST] });
    cloud.createGroup("demo", { uuid: GONE, displayName: "Gone", parentGroupUuid: ALL });
    cloud.deleteGroup("demo", GONE, true);
    const copy = new EsetCloud();
    restoreSnapshot(copy, JSON.parse(JSON.stringify(snapshotOf(cloud))));
    expect(copy.state()).toEqual(cloud.state());
    expect(copy.authenticate("api@acme.test", "acme-pass").tenant).toBe("acme");
    expect(JSON.stringify(snapshotOf(cloud))).not.toContain("acme-pass");
  });

  test("etags keep changing after a restore", () => {
    const cloud = new EsetCloud();
    cloud.createGroup("demo", { uuid: G, displayName: "G", parentGroupUuid: ALL });
    const copy = new EsetCloud();
    restoreSnapshot(copy, snapshotOf(cloud));
    const etags = new Set(copy.listDeviceGroups("demo", 0, "").items.map((g) => g.etag));
    copy.renameGroup("demo", G, "H");
    expect(etags.has(copy.listDeviceGroups("demo", 0, "").items.find((g) => g.uuid === G)?.etag ?? "")).toBe(
      false,
    );
  });
});

describe("GPO/SCCM file", () => {
  const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
  const ini = (text: string) =>
    Object.fromEntries(
      text
        .split("\r\n")
        .filter((l) => l.startsWith("P_"))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );

  test("is an install_config.ini naming the group and the telemetry choice, fresh secrets each time", () => {
    const cloud = twoTenants();
    const at = new Date("2030-01-02T03:04:05.000Z");
    const generate = () =>
      decode(
        cloud.generateGpoSccmFile("demo", { securityGroupUuid: MINE, sendAnonymousDiagnosticData: true }, at),
      );
    const one = generate();
    const two = generate();
    expect(one.split("\r\n")).toContain("[ERA_AGENT_PROPERTIES]");
    const keys = ini(one);
    expect(keys).toEqual({
      P_HOSTNAME: expect.stringMatching(/^[0-9a-f]{8}\.a\.ecaserver\.emulator\.invalid$/),
      P_PORT: "443",
      P_CERT_CONTENT: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      P_CERT_PASSWORD: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      P_CERT_AUTH_CONTENT: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      P_INITIAL_STATIC_GROUP: MINE,
      P_ENABLE_TELEMETRY: "1",
    });
    // A DER SEQUENCE holding version 3, as a PKCS#12 file starts.
    expect([...Buffer.from(keys.P_CERT_CONTENT, "base64").subarray(0, 2)]).toEqual([0x30, 0x82]);
    expect(ini(two).P_CERT_CONTENT).not.toBe(keys.P_CERT_CONTENT);
    expect(ini(two).P_CERT_PASSWORD).not.toBe(keys.P_CERT_PASSWORD);
  });

  test("without a group names none, telemetry off by default; an unknown group is not found", () => {
    const text = gpoSccmFileText({
      ownerUuid: uuidOf("owner"),
      sendAnonymousDiagnosticData: false,
      generatedAt: new Date(0),
    });
    expect(ini(text)).toMatchObject({ P_INITIAL_STATIC_GROUP: "", P_ENABLE_TELEMETRY: "0" });
    expect(
      failure(() => new EsetCloud().generateGpoSccmFile("demo", { securityGroupUuid: NOPE }, new Date())),
    ).toBe(`not-found: security group ${NOPE} not found`);
  });
});

describe("snapshot of an older state file", () => {
  test("devices without otherGroupUuids load as members of their group only", () => {
    const cloud = twoTenants();
    cloud.addDevice("demo", { uuid: D, displayName: "D", groupUuid: MINE });
    const saved = JSON.parse(JSON.stringify(snapshotOf(cloud)));
    for (const t of saved.tenants) for (const d of t.devices) delete d.otherGroupUuids;
    const copy = new EsetCloud();
    restoreSnapshot(copy, saved);
    expect(copy.state().tenants[0].devices).toEqual([{ uuid: D, displayName: "D", groupUuid: MINE }]);
  });

  test("a restored deletion still blocks reuse of its uuids", () => {
    const cloud = twoTenants();
    cloud.deleteGroup("demo", MINE, false);
    const copy = new EsetCloud();
    restoreSnapshot(copy, JSON.parse(JSON.stringify(snapshotOf(cloud))));
    expect(
      failure(() => copy.createGroup("demo", { displayName: "Mine", parentGroupUuid: ALL, uuid: MINE })),
    ).toBe(
      `already-exists: group ${MINE} already exists: a deleted group had this uuid and it cannot be used again`,
    );
  });
});
