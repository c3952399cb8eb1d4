// Ordering and replacement, through the harness and the real dynamic-provider host, on the toy
// provider (its store logs every operation the engine asked for, in order).
import { assertBuilt, RUN_TIMEOUT_MS, ops, step } from "./run-engine";
import { ToyWorld } from "./toy-world";

beforeAll(assertBuilt);
// Several harness runs per test, each a few seconds (more on a loaded machine).
jest.setTimeout(3 * RUN_TIMEOUT_MS);

describe("order of operations", () => {
  const world = new ToyWorld();
  afterAll(() => world.cleanup());

  it("creates parents, dependsOn targets and output producers first, and an empty preview follows", async () => {
    world.spec({
      resources: [
        { name: "a", props: { size: 1 } },
        { name: "b", props: { fromA: { $ref: "a.outId" } } },
        { name: "c", props: {}, options: { dependsOn: ["b"] } },
        { name: "d", props: {}, options: { parent: "c" } },
      ],
      outputs: { dId: "d.outId" },
    });
    const up = await world.run("up");
    expect(up.code).toBe(0);
    expect(world.log()).toEqual(["create a", "create b", "create c", "create d"]);
    // The output of a flowed into b's inputs.
    expect(world.store().objects[world.resource("b")!.id!].fromA).toBe(world.resource("a")!.id);
    expect(up.report.outputs).toEqual({ dId: world.resource("d")!.id });
    expect(up.report.changeSummary).toEqual({ create: 5 }); // four toys and the stack

    const preview = await world.run("preview", ["--expect-no-changes"]);
    expect(preview.code).toBe(0);
    expect(preview.report.changeSummary).toEqual({ same: 5 });
  });

  it("destroys in reverse dependency order and leaves nothing", async () => {
    const destroy = await world.run("destroy");
    expect(destroy.code).toBe(0);
    expect(world.log().slice(4)).toEqual(["delete d", "delete c", "delete b", "delete a"]);
    expect(world.liveNames()).toEqual([]);
    expect(world.state().resources).toEqual([]);
    expect(destroy.report.changeSummary).toEqual({ delete: 5 });
  });
});

describe("delete rounds", () => {
  const world = new ToyWorld();
  afterAll(() => world.cleanup());

  it("deletes a lone resource in the engine's last round, with the roots, not first", async () => {
    // The real engine deletes in antichains (ScheduleDeletes in step_generator.go): "solo" depends on
    // nothing, so it goes in the last round with "top", after the deeper rounds have finished.
    world.spec({
      resources: [
        { name: "solo", props: {} },
        { name: "top", props: {} },
        { name: "mid", props: {}, options: { parent: "top" } },
        { name: "leaf", props: {}, options: { parent: "mid" } },
      ],
    });
    expect((await world.run("up")).code).toBe(0);
    const destroy = await world.run("destroy");
    expect(destroy.code).toBe(0);
    const log = world.log().slice(4);
    expect(log.slice(0, 2)).toEqual(["delete leaf", "delete mid"]);
    expect([...log.slice(2)].sort()).toEqual(["delete solo", "delete top"]);
  });
});

describe("replacement", () => {
  const world = new ToyWorld();
  afterAll(() => world.cleanup());

  it("creates before deleting by default, deletes first with deleteBeforeReplace, and runs deletes last", async () => {
    world.spec({
      resources: [
        { name: "x", props: { kind: "v1" } },
        { name: "w", props: { kind: "v1" }, options: { deleteBeforeReplace: true } },
        { name: "p", props: { kind: "v1", providerWantsDeleteFirst: true } },
        { name: "gone", props: {} },
      ],
    });
    expect((await world.run("up")).code).toBe(0);
    const before = { x: world.resource("x")!.id, w: world.resource("w")!.id, p: world.resource("p")!.id };
    const logStart = world.log().length;

    world.spec({
      resources: [
        { name: "x", props: { kind: "v2" } },
        { name: "w", props: { kind: "v2" }, options: { deleteBeforeReplace: true } },
        { name: "p", props: { kind: "v2", providerWantsDeleteFirst: true } },
        { name: "fresh", props: {} },
      ],
    });
    const preview = await world.run("preview");
    expect(step(preview.report, "x")).toMatchObject({
      op: "replace",
      replaceKeys: ["kind"],
      diffs: ["kind"],
    });
    expect(world.log().length).toBe(logStart); // a preview changes nothing

    const up = await world.run("up", ["--parallel", "1"]);
    expect(up.code).toBe(0);
    const log = world.log().slice(logStart);
    // deleteBeforeReplace (the option, or the provider's diff answer): delete, then create.
    expect(log.indexOf("delete w")).toBeLessThan(log.indexOf("create w"));
    expect(log.indexOf("delete p")).toBeLessThan(log.indexOf("create p"));
    // Default: the new x exists before the old x goes, and that delete waits for the end of the run,
    // after every create, like the delete of the resource the program dropped.
    const lastCreateOrUpdate = Math.max(...log.map((l, i) => (/^(create|update)/.test(l) ? i : -1)));
    expect(log.indexOf("delete x")).toBeGreaterThan(lastCreateOrUpdate);
    expect(log.indexOf("delete gone")).toBeGreaterThan(lastCreateOrUpdate);
    expect(ops(up.report)).toEqual(
      expect.arrayContaining(["replace x", "replace w", "replace p", "create fresh", "delete gone"]),
    );
    expect(up.report.changeSummary).toMatchObject({ replace: 3, create: 1, delete: 1 });
    // New objects, old ones gone, one copy of each in the state.
    expect(world.resource("x")!.id).not.toBe(before.x);
    expect(world.resource("w")!.id).not.toBe(before.w);
    expect(world.liveNames()).toEqual(["fresh", "p", "w", "x"]);
    expect(world.state().resources.filter((r) => r.delete)).toEqual([]);
  });
});
