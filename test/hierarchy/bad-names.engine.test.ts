// A hierarchy.yaml that names what ESET does not hold — a misspelt policy, a parent path that
// matches no group — through the engine harness and the real dynamic-provider host: preview and up
// end with the error the user needs (exit 1, the did-you-mean when there is one), no API write, and
// once the file is mended the same stack goes through. Both names are resolved inside an output's
// apply, which the harness must end as the nodejs runtime does (docs/engine-harness.md).
import { ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED } from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, errorsOf, type EngineRun } from "../engine/run-engine";
import { groupSteps, HierarchyStack } from "./hierarchy-stack";

// A hang is a failure, not a stuck suite: four or five runs of a few seconds per test.
jest.setTimeout(180_000);

const CUSTOMERS = "61000000-0000-4000-8000-000000000001";
const SEED = { tenants: [{ id: "demo", groups: [{ uuid: CUSTOMERS, displayName: "Customers" }] }] };

const MENDED = `
parent: Customers
groups:
  - name: Acme
    key: acme
    policies: [Antivirus - Balanced]
`;

describe("names in hierarchy.yaml that ESET does not hold", () => {
  let emulator: TestEmulator;
  let stack: HierarchyStack;

  beforeAll(async () => {
    assertBuilt({ provider: true });
    emulator = await startTestEmulator();
  });
  beforeEach(async () => {
    await emulator.reset();
    await emulator.seed(SEED);
    stack = new HierarchyStack({
      ESET_CONNECT_ENDPOINT: emulator.url,
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_PASSWORD: emulator.password,
    });
  });
  afterEach(() => stack.cleanup());
  afterAll(async () => {
    await emulator?.close();
  });

  async function writes(): Promise<string[]> {
    return (await emulator.requests())
      .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, "<uuid>")}`);
  }

  /** Runs preview, then up: both fail with `message`, write nothing and leave no Group. */
  async function expectRefused(message: string): Promise<void> {
    for (const command of ["preview", "up"] as const) {
      const run: EngineRun = await stack.run(command);
      expect({ command, code: run.code, result: run.report.result }).toEqual({
        command,
        code: 1,
        result: "failed",
      });
      const errors = errorsOf(run.report);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(message);
      // The message alone, as the runtime shows a RunError: no stack frames.
      expect(errors[0]).not.toMatch(/\n\s+at /);
      expect(groupSteps(run.report)).toEqual([]);
    }
    expect(await writes()).toEqual([]);
  }

  async function expectMendedRunGoesThrough(): Promise<void> {
    stack.write(MENDED);
    const up = await stack.run("up");
    if (up.code !== 0) throw new Error(`up failed: ${JSON.stringify(up.report.diagnostics)}\n${up.stderr}`);
    expect(groupSteps(up.report)).toEqual(["create msp/acme"]);
    const groups = (await emulator.state()).tenants.find((t) => t.id === emulator.tenant)!.groups;
    const acme = groups.find((g) => g.displayName === "Acme");
    expect(acme?.parentGroupUuid).toBe(CUSTOMERS);
    const assigned = (await emulator.policyAssignments()).filter(
      (a) => a.target.deviceGroupUuid === acme?.uuid,
    );
    expect(assigned.map((a) => a.policyUuid)).toEqual([BALANCED]);
  }

  it("a misspelt policy name: the error with its did-you-mean, nothing written", async () => {
    stack.write(MENDED.replace("Antivirus - Balanced", "Antivirus - Balancd"));
    await expectRefused(
      'policies[0] "Antivirus - Balancd" matches no policy in ESET; did you mean "Antivirus - Balanced"? Names are compared exactly, as ESET PROTECT shows them',
    );
    await expectMendedRunGoesThrough();
  });

  it("a parent path that matches no group: the error naming it, nothing written", async () => {
    stack.write(MENDED.replace("parent: Customers", "parent: Customers/Nowhere"));
    await expectRefused(
      'parent "Customers/Nowhere" matches no group in ESET (neither a uuid nor a path below All); give an existing group\'s uuid or path, `eset-connect tree` lists them',
    );
    await expectMendedRunGoesThrough();
  });
});
