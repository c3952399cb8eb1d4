// Failures: a failed operation stops the run and leaves a state the next run continues from;
// "created with errors" keeps the object and updates it next time; check failures name the property.
import * as fs from "fs";
import { assertBuilt, RUN_TIMEOUT_MS, errorsOf, step } from "./run-engine";
import { ToyWorld } from "./toy-world";
import type { ToySpec } from "./fixtures/toy/spec";

beforeAll(assertBuilt);
// Several harness runs per test, each a few seconds (more on a loaded machine).
jest.setTimeout(3 * RUN_TIMEOUT_MS);

const world = new ToyWorld();
afterAll(() => world.cleanup());

const chain: ToySpec["resources"] = [
  { name: "a", props: {} },
  { name: "b", props: {}, options: { dependsOn: ["a"] } },
  { name: "c", props: {}, options: { dependsOn: ["b"] } },
];

it("stops at a failed create, keeps what was done, and the next run continues from there", async () => {
  world.spec({ resources: chain });
  const failed = await world.run("up", ["--config", "toy:fail=create:b"]);
  expect(failed.code).toBe(1);
  expect(failed.report.result).toBe("failed");
  expect(errorsOf(failed.report)).toEqual(["toy: create of b failed (toy:fail)"]);
  expect(step(failed.report, "b").error).toBe("toy: create of b failed (toy:fail)");
  expect(world.log()).toEqual(["create a"]);
  expect(world.resource("a")?.id).toBe("a-1");
  expect(world.resource("b")).toBeUndefined();
  expect(world.state().pendingOperations).toEqual([]);

  const next = await world.run("up");
  expect(next.code).toBe(0);
  expect(step(next.report, "a").op).toBe("same");
  expect(world.log()).toEqual(["create a", "create b", "create c"]);
});

it("keeps an object created with errors and updates it (same id) on the next run", async () => {
  world.spec({ resources: [...chain, { name: "f", props: { failAfterCreate: true } }] });
  const failed = await world.run("up");
  expect(failed.code).toBe(1);
  expect(errorsOf(failed.report)).toEqual(["toy: f was created but did not become ready"]);
  const kept = world.resource("f");
  expect(kept).toMatchObject({ id: "f-4", initErrors: ["f did not become ready"] });
  expect(world.liveNames()).toContain("f");

  world.spec({ resources: [...chain, { name: "f", props: { failAfterCreate: false } }] });
  const retried = await world.run("up");
  expect(retried.code).toBe(0);
  expect(step(retried.report, "f")).toMatchObject({ op: "update", id: "f-4" });
  expect(world.resource("f")?.initErrors).toBeUndefined();
  expect(world.log().filter((l) => l.endsWith(" f"))).toEqual(["create f", "update f"]);
});

it("reports check failures with the property and the reason, and changes nothing", async () => {
  const before = world.stateText();
  world.spec({
    resources: [
      ...chain,
      { name: "f", props: { failAfterCreate: false } },
      { name: "bad", props: { invalid: true } },
    ],
  });
  const failed = await world.run("up");
  expect(failed.code).toBe(1);
  expect(errorsOf(failed.report)).toEqual([
    "pulumi-nodejs:dynamic/toy:Toy resource 'bad' has a problem:\ninvalid: must not be set",
  ]);
  expect(world.stateText()).toBe(before);
});

it("keeps a create an earlier run left unfinished, warning, until refresh --clear-pending-creates", async () => {
  const state = JSON.parse(world.stateText()) as { pendingOperations: unknown[] };
  const urn = world.resource("c")!.urn;
  state.pendingOperations = [{ urn, type: "creating" }];
  fs.writeFileSync(world.stateFile, JSON.stringify(state));
  world.spec({ resources: [...chain, { name: "f", props: { failAfterCreate: false } }] });
  const warning = {
    severity: "warning",
    urn,
    message:
      `an earlier run was interrupted while creating ${urn}: the object may exist without being in the ` +
      `state. If it exists, run refresh with --import-pending-creates ${urn} --import-pending-creates <its id>; ` +
      "if not, run refresh with --clear-pending-creates",
  };

  const up = await world.run("up");
  expect(up.code).toBe(0);
  expect(up.report.diagnostics).toEqual([warning]);
  expect(world.state().pendingOperations).toEqual([{ urn, type: "creating" }]);

  // A non-interactive refresh keeps it (pkg/backend/snapshot.go carries pending creates forward).
  const refresh = await world.run("refresh");
  expect(refresh.report.diagnostics).toEqual([warning]);
  expect(world.state().pendingOperations).toEqual([{ urn, type: "creating" }]);

  const cleared = await world.run("refresh", ["--clear-pending-creates"]);
  expect(cleared.code).toBe(0);
  expect(world.state().pendingOperations).toEqual([]);
});

it("refuses --import-pending-creates with a URN and no ID, as the CLI does", async () => {
  const run = await world.run("refresh", ["--import-pending-creates", "urn:pulumi:x::y::t::n"]);
  expect(run.code).toBe(1);
  expect(errorsOf(run.report)[0]).toMatch(
    /^each URN must be followed by an ID: found an odd number of entries/,
  );
});
