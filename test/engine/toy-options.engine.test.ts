// Resource options the engine implements (protect, retainOnDelete, deletedWith, ignoreChanges,
// aliases), told as one stack's story so each harness run proves several of them.
import { assertBuilt, RUN_TIMEOUT_MS, errorsOf, ops, step } from "./run-engine";
import { ToyWorld } from "./toy-world";
import type { ToySpec } from "./fixtures/toy/spec";

beforeAll(assertBuilt);
// Several harness runs per test, each a few seconds (more on a loaded machine).
jest.setTimeout(3 * RUN_TIMEOUT_MS);

const world = new ToyWorld();
afterAll(() => world.cleanup());

const base: ToySpec["resources"] = [
  { name: "box", props: {} },
  { name: "inner", props: {}, options: { deletedWith: "box" } },
  { name: "ign", props: { size: 1, label: "one" }, options: { ignoreChanges: ["size"] } },
  { name: "grp", component: true },
];

let ids: Record<string, string | undefined> = {};

it("up creates everything", async () => {
  world.spec({
    resources: [
      ...base,
      { name: "prot", props: {}, options: { protect: true } },
      { name: "keep", props: {}, options: { retainOnDelete: true } },
      { name: "old-name", props: {} },
      { name: "mover", props: {} },
    ],
  });
  const up = await world.run("up");
  expect(up.code).toBe(0);
  ids = Object.fromEntries(["old-name", "mover", "ign", "keep"].map((n) => [n, world.resource(n)?.id]));
  expect(world.resource("prot")?.protect).toBe(true);
});

it("aliases keep objects through a rename and a move; ignoreChanges hides a change; retainOnDelete keeps the object", async () => {
  const logStart = world.log().length;
  world.spec({
    resources: [
      ...base.map((r) => (r.name === "ign" ? { ...r, props: { size: 2, label: "one" } } : r)),
      { name: "prot", props: {}, options: { protect: true } },
      { name: "new-name", props: {}, options: { aliases: [{ name: "old-name" }] } },
      // Was at the top level, now under the component.
      { name: "mover", props: {}, options: { parent: "grp", aliases: [{ noParent: true }] } },
    ],
  });
  const up = await world.run("up");
  expect(up.code).toBe(0);
  // Renamed in place: the toy's `name` input follows the resource name, hence an update, not a replace.
  expect(step(up.report, "new-name")).toMatchObject({ op: "update", id: ids["old-name"], diffs: ["name"] });
  expect(step(up.report, "mover")).toMatchObject({ op: "same", id: ids.mover });
  expect(world.resource("mover")!.urn).toContain("toy:index:Group$pulumi-nodejs:dynamic/toy:Toy::mover");
  expect(world.resource("old-name")).toBeUndefined();
  expect(step(up.report, "ign").op).toBe("same");
  expect(step(up.report, "keep")).toMatchObject({ op: "delete", retained: true });
  expect(up.report.changeSummary).toEqual({ update: 1, delete: 1, same: 7 });
  // Nothing created or deleted: the renamed object is updated, the retained one left alone.
  expect(world.log().slice(logStart)).toEqual(["update new-name"]);
  expect(world.liveNames()).toContain("keep");
  expect(world.resource("keep")).toBeUndefined();

  // Another change to the same resource goes through, and the ignored property keeps its old value.
  world.spec({
    resources: [
      ...base.map((r) => (r.name === "ign" ? { ...r, props: { size: 3, label: "two" } } : r)),
      { name: "prot", props: {}, options: { protect: true } },
      { name: "new-name", props: {}, options: { aliases: [{ name: "old-name" }] } },
      { name: "mover", props: {}, options: { parent: "grp", aliases: [{ noParent: true }] } },
    ],
  });
  const second = await world.run("up");
  expect(step(second.report, "ign")).toMatchObject({ op: "update", diffs: ["label"] });
  expect(world.store().objects[ids.ign!]).toMatchObject({ size: 1, label: "two" });
});

it("refuses to delete a protected resource until the program unprotects it", async () => {
  const declared: ToySpec["resources"] = [
    ...base,
    { name: "new-name", props: {} },
    { name: "mover", props: {}, options: { parent: "grp" } },
  ];
  world.spec({ resources: declared });
  const refused = await world.run("up");
  expect(refused.code).toBe(1);
  expect(errorsOf(refused.report).join("\n")).toMatch(
    /unable to delete resource ".*::prot" as it is marked for protection/,
  );
  expect(world.resource("prot")).toBeDefined();
  expect(world.liveNames()).toContain("prot");

  world.spec({ resources: [...declared, { name: "prot", props: {}, options: { protect: false } }] });
  expect((await world.run("up")).code).toBe(0);
  expect(world.resource("prot")?.protect).toBeUndefined();
});

it("destroy skips the provider for deletedWith resources whose container goes too, and leaves retained objects", async () => {
  const logStart = world.log().length;
  const destroy = await world.run("destroy");
  expect(destroy.code).toBe(0);
  expect(step(destroy.report, "inner", "destroy")).toMatchObject({
    op: "delete",
    deletedWith: expect.stringContaining("::box"),
  });
  const log = world.log().slice(logStart);
  expect(log).toEqual(
    expect.arrayContaining(["delete box", "delete prot", "delete new-name", "delete mover", "delete ign"]),
  );
  expect(log).not.toContain("delete inner");
  // inner only disappears with its container in a real system; the toy keeps it, which shows no delete was sent.
  expect(world.liveNames()).toEqual(["inner", "keep"]);
  expect(world.state().resources).toEqual([]);
  expect(ops(destroy.report, "destroy")).toHaveLength(8);
});
