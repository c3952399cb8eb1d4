// Policies in hierarchy.yaml through the engine harness and the real dynamic-provider host, against
// the emulator: up assigns the declared policies (names resolved), a policy assigned by hand on a
// managed group shows in `eset-connect plan` and fails `preview --refresh --expect-no-changes`,
// `up --refresh` takes it away again, a reorder in the file costs only re-rankings, and destroy
// leaves no assignment; a node removed with its policies, under both answers to what ESET does with
// a deleted group's assignments. None of these calls meets a user error: they run in the 400 mode.
import * as fs from "node:fs";
import { runCli } from "../../provider/cli/program";
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID as MAXIMUM,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB,
  LOGGING_FULL_DIAGNOSTIC_POLICY_UUID as LOGGING,
} from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, type EngineRun } from "../engine/run-engine";
import { HierarchyStack } from "./hierarchy-stack";

jest.setTimeout(600_000);

const CUSTOMERS = "60000000-0000-4000-8000-000000000001";
const ACME = "60000000-0000-4000-8000-000000000002";

const V1 = `
parent: Customers
groups:
  - name: Acme
    key: acme
    anchor: true
    existingUuid: ${ACME}
    policies: [Antivirus - Balanced]
    children:
      - name: Servers
        key: servers
        policies:
          - Antivirus - Maximum security
          - Device control - Maximum security
      - name: Sales
        key: sales
`;

describe("policies in hierarchy.yaml", () => {
  let emulator: TestEmulator;
  let stack: HierarchyStack;
  let uuids: Record<string, string> = {};

  beforeAll(async () => {
    assertBuilt({ provider: true });
    emulator = await startTestEmulator({
      seed: {
        tenants: [
          {
            id: "demo",
            groups: [
              { uuid: CUSTOMERS, displayName: "Customers" },
              {
                uuid: ACME,
                displayName: "Acme",
                parentGroupUuid: CUSTOMERS,
                linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
              },
            ],
          },
        ],
      },
    });
    stack = new HierarchyStack({
      ESET_CONNECT_ENDPOINT: emulator.url,
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_PASSWORD: emulator.password,
    });
  });
  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  /** Each group's assigned policies, rank order, by key (Acme, Servers and Sales). */
  async function assigned(): Promise<Record<string, string[]>> {
    const all = await emulator.policyAssignments();
    const of = (uuid: string) =>
      all
        .filter((a) => a.target.deviceGroupUuid === uuid)
        .sort((a, b) => a.rank - b.rank)
        .map((a) => a.policyUuid);
    return { acme: of(ACME), servers: of(uuids.servers), sales: of(uuids.sales) };
  }

  async function writes(): Promise<string[]> {
    return (await emulator.requests())
      .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, "<uuid>")}`);
  }

  function expectSuccess(run: EngineRun): void {
    if (run.code !== 0)
      throw new Error(
        `engine failed (${run.code}): ${JSON.stringify(run.report.diagnostics)}\n${run.stderr}`,
      );
  }

  async function plan(): Promise<{ code: number; stdout: string; stderr: string }> {
    const out = { code: -1, stdout: "", stderr: "" };
    const files: Record<string, string> = { "uuids.json": JSON.stringify(uuids) };
    out.code = await runCli(["plan", stack.file, "--uuids", "uuids.json"], {
      stdout: (t) => (out.stdout += t),
      stderr: (t) => (out.stderr += t),
      env: {
        ESET_CONNECT_ENDPOINT: emulator.url,
        ESET_CONNECT_USERNAME: emulator.username,
        ESET_CONNECT_PASSWORD: emulator.password,
      },
      readFile: (p) => files[p] ?? fs.readFileSync(p, "utf8"),
    });
    return out;
  }

  it("assigns the declared policies in order; preview and plan are then empty", async () => {
    stack.write(V1);
    const up = await stack.run("up");
    expectSuccess(up);
    uuids = up.report.outputs.uuidsByKey as Record<string, string>;
    expect(up.report.outputs.policyUuidsByKey).toEqual({ acme: [BALANCED], servers: [MAXIMUM, USB] });
    expect(await assigned()).toEqual({ acme: [BALANCED], servers: [MAXIMUM, USB], sales: [] });
    expect((await stack.run("preview", ["--expect-no-changes"])).code).toBe(0);
    expect(await plan()).toMatchObject({ code: 0, stderr: "" });
  });

  it("sees a policy assigned by hand, and up --refresh takes it away", async () => {
    await emulator.console.assignPolicy(LOGGING, { deviceGroupUuid: uuids.servers });
    const seen = await plan();
    expect(seen.code).toBe(2);
    expect(seen.stdout).toContain('*     └── Servers (policies: - "Logging - Full diagnostic logging")');
    expect((await stack.run("preview", ["--refresh", "--expect-no-changes"])).code).not.toBe(0);

    await emulator.clearRequests();
    expectSuccess(await stack.run("up", ["--refresh"]));
    expect(await writes()).toEqual(["DELETE /v2/policy-assignments/<uuid>"]);
    expect(await assigned()).toEqual({ acme: [BALANCED], servers: [MAXIMUM, USB], sales: [] });
    expect((await plan()).code).toBe(0);
  });

  it("reorders with re-rankings only, never touching an assignment in place", async () => {
    stack.write(
      V1.replace(
        "- Antivirus - Maximum security\n          - Device control - Maximum security",
        "- Device control - Maximum security\n          - Antivirus - Maximum security",
      ),
    );
    const before = await plan();
    expect(before.stdout).toContain(
      '*     └── Servers (policies: reorder "Antivirus - Maximum security", "Device control - Maximum security" → "Device control - Maximum security", "Antivirus - Maximum security")',
    );
    await emulator.clearRequests();
    expectSuccess(await stack.run("up"));
    expect(await writes()).toEqual(["POST /v2/policy-assignments/<uuid>:updateRanking"]);
    expect(await assigned()).toEqual({ acme: [BALANCED], servers: [USB, MAXIMUM], sales: [] });
  });

  it("destroy unassigns every declared policy, the anchor's too, and deletes the groups", async () => {
    expectSuccess(await stack.run("destroy"));
    expect(await emulator.policyAssignments()).toEqual([]);
  });
});

// What ESET does with a deleted group's assignments is not documented: the emulator plays both.
describe.each(["drop", "keep"] as const)(
  "removing a node with policies (policyAssignmentsOnGroupDelete %s)",
  (policyAssignmentsOnGroupDelete) => {
    let emulator: TestEmulator;
    let stack: HierarchyStack;

    beforeAll(async () => {
      assertBuilt({ provider: true });
      emulator = await startTestEmulator({
        settings: { policyAssignmentsOnGroupDelete },
        seed: { tenants: [{ id: "demo", groups: [{ uuid: CUSTOMERS, displayName: "Customers" }] }] },
      });
      stack = new HierarchyStack({
        ESET_CONNECT_ENDPOINT: emulator.url,
        ESET_CONNECT_USERNAME: emulator.username,
        ESET_CONNECT_PASSWORD: emulator.password,
      });
    });
    afterAll(async () => {
      stack?.cleanup();
      await emulator?.close();
    });

    it("plans the assignments that go with the group; up unassigns the declared one, then deletes the group", async () => {
      const withServers =
        "parent: Customers\ngroups:\n  - name: Servers\n    key: servers\n    policies: [Antivirus - Maximum security]\n  - name: Sales\n    key: sales\n";
      stack.write(withServers);
      const up = await stack.run("up");
      if (up.code !== 0) throw new Error(`up failed: ${JSON.stringify(up.report.diagnostics)}`);
      const uuids = up.report.outputs.uuidsByKey as Record<string, string>;
      await emulator.console.assignPolicy(LOGGING, { deviceGroupUuid: uuids.servers }); // by hand

      stack.write("parent: Customers\ngroups:\n  - name: Sales\n    key: sales\n");
      const out = { stdout: "" };
      const code = await runCli(["plan", stack.file, "--uuids", "uuids.json"], {
        stdout: (t) => (out.stdout += t),
        stderr: () => undefined,
        env: {
          ESET_CONNECT_ENDPOINT: emulator.url,
          ESET_CONNECT_USERNAME: emulator.username,
          ESET_CONNECT_PASSWORD: emulator.password,
        },
        readFile: (p) => (p === "uuids.json" ? JSON.stringify(uuids) : fs.readFileSync(p, "utf8")),
      });
      expect(code).toBe(2);
      expect(out.stdout).toContain(
        `- └── Servers (no longer declared: key servers, ${uuids.servers}; it holds no devices; its 2 policy assignments ("Antivirus - Maximum security", "Logging - Full diagnostic logging") go with it)`,
      );

      const removed = await stack.run("up");
      if (removed.code !== 0) throw new Error(`up failed: ${JSON.stringify(removed.report.diagnostics)}`);
      // Pulumi deletes the GroupPolicies (a child of the Group) first: the declared one is unassigned
      // by it; the one made by hand goes with the group, or stays behind a gone group ("keep").
      const left = (await emulator.policyAssignments()).filter(
        (a) => a.target.deviceGroupUuid === uuids.servers,
      );
      expect(left.map((a) => a.policyUuid)).toEqual(
        policyAssignmentsOnGroupDelete === "keep" ? [LOGGING] : [],
      );
      expect((await emulator.state()).tenants[0].groups.map((g) => g.uuid)).not.toContain(uuids.servers);
    });
  },
);
