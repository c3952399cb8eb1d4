/**
 * 5xx, dropped connections, 429s and 202 chains on every operation, against the emulator. The
 * emulator's state is the proof: the write happened exactly once, and no group was made twice.
 */
import { EsetConnectClient } from "../../provider/client/client";
import { FAULT_KINDS, type FaultKind } from "../../emulator";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { BERLIN, EMEA, US, demoGroups, harness, resetToDemoTree } from "./harness";

let emulator: TestEmulator;
let userCount = 0;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

beforeEach(() =>
  resetToDemoTree(emulator, {
    devices: [{ uuid: "d0000000-0000-4000-8000-000000000001", displayName: "pc-1", groupUuid: BERLIN }],
  }),
);

/** A client for a user of its own, so that it has to sign in (tokens are cached per process). */
async function freshClient(config = {}) {
  const username = `fault-user-${++userCount}@example.com`;
  await emulator.seed({
    tenants: [{ id: emulator.tenant, users: [{ username, password: "pw-" + userCount }] }],
  });
  return harness(emulator, { username, password: "pw-" + userCount, ...config });
}

interface Case {
  method: string;
  path: string;
  run(client: EsetConnectClient): Promise<unknown>;
  /** Checks the result and the emulator's state; `applied` says whether the fault applied the write. */
  verify(result: unknown, afterFault: boolean): Promise<void>;
}

const munichUnderEmea = async (result: unknown) => {
  const tenant = await demoGroups(emulator);
  const munich = tenant.groups.filter((g) => g.displayName === "Munich");
  expect(munich).toHaveLength(1);
  expect(munich[0]).toMatchObject({ parentGroupUuid: EMEA, description: "south" });
  expect((result as { uuid: string }).uuid).toBe(munich[0].uuid);
};

const OPERATIONS: Record<string, Case> = {
  createGroup: {
    method: "POST",
    path: "/v1/groups",
    run: (c) => c.createGroup({ displayName: "Munich", parentGroupUuid: EMEA, description: "south" }),
    verify: munichUnderEmea,
  },
  moveGroup: {
    method: "POST",
    path: ":move",
    run: (c) => c.moveGroup(BERLIN, US),
    verify: async (result) => {
      expect(result).toMatchObject({ uuid: BERLIN, parentGroupUuid: US });
      const tenant = await demoGroups(emulator);
      expect(tenant.groups.find((g) => g.uuid === BERLIN)?.parentGroupUuid).toBe(US);
    },
  },
  renameGroup: {
    method: "POST",
    path: ":rename",
    run: (c) => c.renameGroup(BERLIN, "Berlin-Mitte"),
    verify: async (result) => {
      expect(result).toMatchObject({ uuid: BERLIN, displayName: "Berlin-Mitte" });
      const tenant = await demoGroups(emulator);
      expect(
        tenant.groups.filter((g) => g.displayName.startsWith("Berlin")).map((g) => g.displayName),
      ).toEqual(["Berlin-Mitte"]);
    },
  },
  deleteGroup: {
    method: "DELETE",
    path: "/v1/groups/",
    run: (c) => c.deleteGroup(EMEA, { releaseConsumedUnits: false }),
    verify: async (result, afterFault) => {
      // When the first answer was lost after the delete, the resend finds the group gone.
      expect(result).toBe(afterFault ? "not-found" : "deleted");
      const tenant = await demoGroups(emulator);
      expect(tenant.groups.map((g) => g.displayName).sort()).toEqual(["All", "Lost & found", "US"]);
      expect(tenant.deletions).toHaveLength(1);
    },
  },
  listDeviceGroups: {
    method: "GET",
    path: "/v1/device_groups",
    run: (c) => c.listDeviceGroups(),
    verify: async (result) => {
      expect((result as Array<{ displayName: string }>).map((g) => g.displayName).sort()).toEqual([
        "All",
        "Berlin",
        "EMEA",
        "Lost & found",
        "US",
      ]);
    },
  },
  listGroupDevices: {
    method: "GET",
    path: "/devices",
    run: (c) => c.listGroupDevices(EMEA, { recurseSubgroups: true }),
    verify: async (result) => {
      expect(result).toEqual([
        { uuid: "d0000000-0000-4000-8000-000000000001", displayName: "pc-1", groupUuid: BERLIN },
      ]);
    },
  },
  generateGpoSccmFile: {
    method: "POST",
    path: "gpo-sccm-files",
    run: (c) => c.generateGpoSccmFile({ securityGroupUuid: BERLIN, sendAnonymousDiagnosticData: true }),
    verify: async (result) => {
      expect(Buffer.from(result as string, "base64").toString("utf8")).toContain(BERLIN);
    },
  },
  signIn: {
    method: "POST",
    path: "/oauth/token",
    run: (c) => c.listDeviceGroups(),
    verify: async (result) => {
      expect(result).toHaveLength(5);
    },
  },
};

// Every fault that fails a call; "pending" (202) has its own test below.
const KINDS = FAULT_KINDS.filter((kind) => kind !== "pending");

const table = Object.keys(OPERATIONS).flatMap((op) => KINDS.map((kind) => [op, kind] as [string, FaultKind]));

describe("faults on every operation", () => {
  it.each(table)("%s survives two %s faults in a row", async (op, kind) => {
    const c = OPERATIONS[op];
    await emulator.settings({ faults: { script: [{ kind, count: 2, method: c.method, path: c.path }] } });
    const { client } = await freshClient();
    const result = await c.run(client);
    await c.verify(result, kind.endsWith("-after"));
    const faults = (await emulator.requests()).filter((r) => r.fault === kind);
    // Both faults happened, except for a create applied by the first: it is found, not resent.
    expect(faults).toHaveLength(op === "createGroup" && kind.endsWith("-after") ? 1 : 2);
  });

  it.each(Object.keys(OPERATIONS))("%s waits through a chain of 202s", async (op) => {
    const c = OPERATIONS[op];
    await emulator.settings({
      faults: { script: [{ kind: "pending", polls: 3, method: c.method, path: c.path }] },
    });
    const h = await freshClient();
    const result = await c.run(h.client);
    await c.verify(result, false);
    const calls = h.sent.filter((r) => r.method === c.method && r.path.includes(c.path));
    // One request, then three polls answered 202 and the poll that fetched the result: all with response-id.
    expect(calls.map((r) => r.headers?.["response-id"] !== undefined)).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(h.client.metrics.pendingPolls).toBe(4);
  });
});

describe("safe creates", () => {
  it.each([false, true])(
    "never makes two groups when answers are lost (server ignores client uuid: %s)",
    async (ignoreClientUuid) => {
      await emulator.settings({
        ignoreClientUuid,
        faults: {
          script: [
            { kind: "500-after", method: "POST", path: "/v1/groups" },
            { kind: "drop", method: "GET", path: "/v1/device_groups" },
          ],
        },
      });
      const { client } = await freshClient();
      await munichUnderEmea(
        await client.createGroup({ displayName: "Munich", parentGroupUuid: EMEA, description: "south" }),
      );
      expect(client.metrics.createChecks).toBe(1);
    },
  );

  it("looks before resending when a pending create's result is lost, and never resends the POST without response-id", async () => {
    await emulator.settings({
      faults: {
        script: [
          { kind: "pending", polls: 0, method: "POST", path: "/v1/groups" },
          { kind: "drop-after", method: "POST", path: "/v1/groups" },
        ],
      },
    });
    const h = await freshClient();
    await munichUnderEmea(
      await h.client.createGroup({ displayName: "Munich", parentGroupUuid: EMEA, description: "south" }),
    );
    const posts = h.sent.filter((r) => r.method === "POST" && r.path === "/v1/groups");
    expect(posts.map((r) => r.headers?.["response-id"] !== undefined)).toEqual([false, true, true]);
    expect(h.client.metrics.createChecks).toBe(1);
  });

  it("sends a create again as new after ESET abandons it (504 after 120 s), having looked first", async () => {
    await emulator.settings({
      faults: { script: [{ kind: "pending", polls: 100, method: "POST", path: "/v1/groups" }] },
    });
    const h = harness(emulator, {}, { onSleep: (ms) => emulator.advanceClock(ms + 50_000) });
    await munichUnderEmea(
      await h.client.createGroup({ displayName: "Munich", parentGroupUuid: EMEA, description: "south" }),
    );
    const order = h.sent
      .filter((r) => r.path !== "/oauth/token")
      .map((r) => `${r.method} ${r.path}${r.headers?.["response-id"] ? " +id" : ""}`);
    expect(order[0]).toBe("POST /v1/groups");
    const listing = order.indexOf("GET /v1/device_groups");
    expect(order.slice(1, listing).every((x) => x === "POST /v1/groups +id")).toBe(true);
    expect(order.slice(listing + 1)).toEqual(["POST /v1/groups"]);
  });

  it("stops at the pending deadline with a PendingTimeoutError and creates nothing", async () => {
    await emulator.settings({
      faults: { script: [{ kind: "pending", polls: 1000, method: "POST", path: "/v1/groups" }] },
    });
    let time = 0;
    const h = harness(
      emulator,
      { pendingDeadlineMs: 20_000 },
      { now: () => time, onSleep: async (ms) => void (time += ms) },
    );
    const error = await h.client
      .createGroup({ displayName: "Munich", parentGroupUuid: EMEA })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PendingTimeoutError", operation: "createGroup" });
    expect((error as Error).message).toMatch(
      /^ESET Connect had no result after 20 s while creating group "Munich" under group 10000000-0000-4000-8000-000000000001 \(response-id [0-9a-f-]{36}\); the work may still complete/,
    );
    expect((await demoGroups(emulator)).groups.filter((g) => g.displayName === "Munich")).toHaveLength(0);
  });

  it("fails with a clear error when retries run out, saying that nothing was created", async () => {
    await emulator.settings({
      faults: { script: [{ kind: "503", count: 10, method: "POST", path: "/v1/groups" }] },
    });
    const { client } = await freshClient({ maxRetries: 2 });
    const error = await client
      .createGroup({ displayName: "Munich", parentGroupUuid: EMEA })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^503 Service unavailable while creating group "Munich" under group 10000000-0000-4000-8000-000000000001: ESET Connect is unavailable \(maybe maintenance\) after 2 retries; try again later \(ESET: service unavailable: maintenance \(injected fault\)\); a fresh listing shows no such group, so nothing was created \(request-id [0-9a-f-]{36}\)$/,
    );
    expect((await demoGroups(emulator)).groups.filter((g) => g.displayName === "Munich")).toHaveLength(0);
  });
});

describe("random faults", () => {
  it("ends in exactly the intended tree after a run under 30% faults and 20% pending answers", async () => {
    await emulator.settings({
      faults: { rate: 0.3, kinds: [...KINDS] },
      pending: { rate: 0.2, polls: 2 },
    });
    // Twelve retries, not the 15 s connection budget, bound a call here: at 30 % faults a call can
    // meet seven connection faults in a row, and their backoffs pass 15 s (a CI run met it).
    const { client } = await freshClient({ maxRetries: 12, connectionRetryBudgetMs: 300_000 });
    const sites = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.createGroup({ displayName: `site-${i}`, parentGroupUuid: EMEA }),
      ),
    );
    await Promise.all(sites.slice(0, 6).map((s) => client.moveGroup(s.uuid, US)));
    await Promise.all(sites.slice(0, 3).map((s) => client.renameGroup(s.uuid, `moved-${s.displayName}`)));
    await Promise.all(sites.slice(9).map((s) => client.deleteGroup(s.uuid, { releaseConsumedUnits: false })));
    await emulator.settings({ faults: { rate: 0 }, pending: { rate: 0 } });

    const tenant = await demoGroups(emulator);
    const names = (parent: string) =>
      tenant.groups
        .filter((g) => g.parentGroupUuid === parent)
        .map((g) => g.displayName)
        .sort();
    expect(names(US)).toEqual(["moved-site-0", "moved-site-1", "moved-site-2", "site-3", "site-4", "site-5"]);
    expect(names(EMEA)).toEqual(["Berlin", "site-6", "site-7", "site-8"]);
    expect(tenant.groups).toHaveLength(5 + 9);
    const faults = (await emulator.requests()).filter((r) => r.fault);
    expect(faults.length).toBeGreaterThan(5);
  });
});
