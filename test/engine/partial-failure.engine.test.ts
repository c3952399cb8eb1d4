// A group left "updated/created with errors" (moved, then its rename refused because a group made
// by hand already has the name) never breaks the runs after it: `preview --refresh` and `refresh`
// (the daily drift job) succeed, the next `up` finishes the job once the clash is gone, and
// `destroy` removes everything. The engine stores exactly the error's properties as the outputs
// (pkg/resource/deploy/step.go), and the host looks for __provider there on read and delete.
// The rename fails by dropped connections, retried within a connection budget cut to one second
// (a 500 would be retried 8 times with backoff, about 50 s of waiting per failed up; how the client
// gives up on 5xx is test/client's subject, not this file's).
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, errorsOf, RUN_TIMEOUT_MS, step, type EngineRun } from "./run-engine";
import { TreeStack, type TreeNode } from "./tree-stack";

jest.setTimeout(12 * RUN_TIMEOUT_MS);

const ALL = "00000000-0000-0000-7001-000000000001";
/** Every rename dropped, more often than the client retries: the move lands, the rename does not. */
const RENAMES_FAIL = { faults: { script: [{ path: ":rename", kind: "drop" as const, count: 1000 }] } };
/** The failing up gives up on the dropped renames after about a second. */
const SHORT_CONNECTION_BUDGET = { ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS: "1000" };
let emulator: TestEmulator;

beforeAll(async () => {
  assertBuilt({ provider: true });
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
});
afterAll(async () => emulator?.close());

function expectOk(run: EngineRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${errorsOf(run.report).join("\n")}\n${run.stderr}`);
}

async function groups() {
  return (await emulator.state()).tenants.find((t) => t.id === emulator.tenant)!.groups;
}

/** Paths below All of every group, sorted. */
async function livePaths(): Promise<string[]> {
  const all = await groups();
  const byUuid = new Map(all.map((g) => [g.uuid, g]));
  const pathOf = (uuid: string): string => {
    const g = byUuid.get(uuid)!;
    return g.parentGroupUuid && g.parentGroupUuid !== ALL
      ? `${pathOf(g.parentGroupUuid)}/${g.displayName}`
      : g.displayName;
  };
  return all
    .filter((g) => g.parentGroupUuid)
    .map((g) => pathOf(g.uuid))
    .sort();
}

/** Runs the drift job, then the repair, then destroy, after a partial failure left `name` unfinished. */
async function finishesAfterPartialFailure(
  stack: TreeStack,
  name: string,
  finished: string[],
): Promise<void> {
  const state = JSON.parse(stack.stateText()) as {
    resources: { urn: string; outputs: object; initErrors?: string[] }[];
  };
  const partial = state.resources.find((r) => r.urn.endsWith(`::${name}`))!;
  expect(partial.initErrors?.[0]).toMatch(/but the rename to "Paris" failed/);
  expect(Object.keys(partial.outputs)).toContain("__provider");

  const drift = await stack.run("preview", ["--refresh"]);
  expectOk(drift);
  expect(step(drift.report, name, "refresh").error).toBeUndefined();
  expect(step(drift.report, name).op).toBe("update");
  expectOk(await stack.run("refresh"));

  // ESET answers renames again.
  await emulator.settings({ faults: { script: [] } });
  const repair = await stack.run("up");
  expectOk(repair);
  expect(step(repair.report, name).op).toBe("update");
  expect(await livePaths()).toEqual(finished);
  expect((await stack.run("preview", ["--expect-no-changes"])).code).toBe(0);

  expectOk(await stack.run("destroy"));
  expect(await livePaths()).toEqual(["Lost & found"]);
}

const base = (extra: TreeNode[] = []): TreeNode[] => [
  { name: "EMEA", key: "emea", children: [{ name: "Berlin", key: "berlin" }] },
  { name: "France", key: "france", children: extra },
];

describe("a partial failure, then preview --refresh, refresh, up and destroy", () => {
  beforeEach(async () => {
    await emulator.reset();
    await emulator.settings({ rateLimit: { perSecond: 0 } });
  });

  it("after an update with errors (moved, rename refused)", async () => {
    const stack = new TreeStack({
      url: emulator.url,
      username: emulator.username,
      password: emulator.password,
    });
    try {
      expectOk(await stack.declare(base(), []).run("up"));
      // The move lands, the rename does not ("updated with errors").
      await emulator.settings(RENAMES_FAIL);
      const moved: TreeNode[] = [
        { name: "EMEA", key: "emea" },
        { name: "France", key: "france", children: [{ name: "Paris", key: "berlin" }] },
      ];
      const failed = await stack.declare(moved, []).run("up", [], { env: SHORT_CONNECTION_BUDGET });
      expect(failed.code).toBe(1);
      await finishesAfterPartialFailure(stack, "tree/berlin", [
        "EMEA",
        "France",
        "France/Paris",
        "Lost & found",
      ]);
    } finally {
      stack.cleanup();
    }
  });

  it("after a create with errors (an adopted group moved, rename refused)", async () => {
    const stack = new TreeStack({
      url: emulator.url,
      username: emulator.username,
      password: emulator.password,
    });
    try {
      expectOk(await stack.declare(base(), []).run("up"));
      const adopted = "ad0b7ed0-0000-4000-8000-000000000001";
      await emulator.seed({
        tenants: [{ id: emulator.tenant, groups: [{ uuid: adopted, displayName: "Old office" }] }],
      });
      await emulator.settings(RENAMES_FAIL);
      const failed = await stack
        .declare(base([{ name: "Paris", key: "paris", existingUuid: adopted }]), [])
        .run("up", [], { env: SHORT_CONNECTION_BUDGET });
      expect(failed.code).toBe(1);
      await finishesAfterPartialFailure(stack, "tree/paris", [
        "EMEA",
        "EMEA/Berlin",
        "France",
        "France/Paris",
        "Lost & found",
      ]);
    } finally {
      stack.cleanup();
    }
  });
});
