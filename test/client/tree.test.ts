import { newMetrics } from "../../provider/client/observe";
import { DeviceGroup } from "../../provider/client/schemas";
import { TreeSnapshot } from "../../provider/client/snapshot";
import {
  ancestryOf,
  applyWrite,
  buildTree,
  descendantsOf,
  subtreeOf,
  TreeWrite,
} from "../../provider/client/tree";
import { FakeClock } from "./fake-clock";

const g = (uuid: string, displayName: string, parentGroupUuid?: string): DeviceGroup => ({
  uuid,
  displayName,
  ...(parentGroupUuid ? { parentGroupUuid } : {}),
  isSecurityGroup: true,
  linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
});

const listing = [
  g("all", "All"),
  g("emea", "EMEA", "all"),
  g("ber", "Berlin", "emea"),
  g("muc", "Munich", "emea"),
  g("us", "US", "all"),
];

/** parent/name pairs, so that a table can state a whole tree in one line. */
const shape = (groups: readonly DeviceGroup[]) =>
  groups.map((x) => `${x.parentGroupUuid ?? "-"}/${x.uuid}=${x.displayName}`).sort();

describe("buildTree", () => {
  const tree = buildTree(listing);
  it("indexes children and paths", () => {
    expect(tree.childrenOf("emea").map((x) => x.uuid)).toEqual(["ber", "muc"]);
    expect(tree.childrenOf("nope")).toEqual([]);
    expect(tree.pathOf("ber")).toEqual(["All", "EMEA", "Berlin"]);
    expect(tree.pathOf("all")).toEqual(["All"]);
    expect(tree.pathOf("nope")).toBeUndefined();
  });
  it("gives no path for a broken chain or a loop", () => {
    expect(buildTree([g("a", "A", "missing")]).pathOf("a")).toBeUndefined();
    expect(buildTree([g("a", "A", "b"), g("b", "B", "a")]).pathOf("a")).toBeUndefined();
  });
});

describe("the walks down and up the tree", () => {
  const deep = buildTree([...listing, g("mitte", "Mitte", "ber"), g("ny", "New York", "us")]);
  it("lists the groups below one, nearer groups first, each level in listing order", () => {
    expect(descendantsOf(deep, "all").map((x) => x.uuid)).toEqual([
      "emea",
      "us",
      "ber",
      "muc",
      "ny",
      "mitte",
    ]);
    expect(descendantsOf(deep, "emea").map((x) => x.uuid)).toEqual(["ber", "muc", "mitte"]);
    expect(descendantsOf(deep, "mitte")).toEqual([]);
    expect(descendantsOf(deep, "nope")).toEqual([]);
  });
  it("gives a subtree with the group itself first, even for an unknown uuid", () => {
    expect([...subtreeOf(deep, "emea")]).toEqual(["emea", "ber", "muc", "mitte"]);
    expect([...subtreeOf(deep, "nope")]).toEqual(["nope"]);
  });
  it("ends a walk down a loop instead of repeating it", () => {
    const loop = buildTree([g("a", "A", "b"), g("b", "B", "a")]);
    expect(descendantsOf(loop, "a").map((x) => x.uuid)).toEqual(["b"]);
    expect([...subtreeOf(loop, "b")]).toEqual(["b", "a"]);
  });
  it("walks up to the root, and says when the chain breaks or loops", () => {
    expect(ancestryOf(deep, "mitte")).toEqual({
      groups: [
        deep.byUuid.get("mitte"),
        deep.byUuid.get("ber"),
        deep.byUuid.get("emea"),
        deep.byUuid.get("all"),
      ],
      complete: true,
    });
    expect(ancestryOf(buildTree([g("a", "A", "missing")]), "a")).toMatchObject({ complete: false });
    expect(
      ancestryOf(buildTree([g("a", "A", "b"), g("b", "B", "a")]), "a").groups.map((x) => x.uuid),
    ).toEqual(["a", "b"]);
    expect(ancestryOf(deep, "nope")).toEqual({ groups: [], complete: false });
  });
});

describe("applyWrite", () => {
  const cases: Array<[string, TreeWrite, string[]]> = [
    [
      "create adds a group",
      { kind: "create", group: g("par", "Paris", "emea") },
      ["-/all=All", "all/emea=EMEA", "all/us=US", "emea/ber=Berlin", "emea/muc=Munich", "emea/par=Paris"],
    ],
    [
      "create of a listed uuid updates it (the listing already saw it)",
      { kind: "create", group: g("ber", "Berlin", "emea") },
      ["-/all=All", "all/emea=EMEA", "all/us=US", "emea/ber=Berlin", "emea/muc=Munich"],
    ],
    [
      "move changes the parent",
      { kind: "move", uuid: "ber", parentGroupUuid: "us" },
      ["-/all=All", "all/emea=EMEA", "all/us=US", "emea/muc=Munich", "us/ber=Berlin"],
    ],
    [
      "rename changes the name",
      { kind: "rename", uuid: "muc", displayName: "München" },
      ["-/all=All", "all/emea=EMEA", "all/us=US", "emea/ber=Berlin", "emea/muc=München"],
    ],
    ["delete drops the whole subtree", { kind: "delete", uuid: "emea" }, ["-/all=All", "all/us=US"]],
    [
      "delete of an unknown group changes nothing",
      { kind: "delete", uuid: "gone" },
      ["-/all=All", "all/emea=EMEA", "all/us=US", "emea/ber=Berlin", "emea/muc=Munich"],
    ],
    [
      "move of an unknown group changes nothing",
      { kind: "move", uuid: "gone", parentGroupUuid: "us" },
      ["-/all=All", "all/emea=EMEA", "all/us=US", "emea/ber=Berlin", "emea/muc=Munich"],
    ],
  ];
  it.each(cases)("%s", (_name, write, expected) => {
    const before = buildTree(listing);
    const after = applyWrite(before, write);
    expect(shape(after.groups)).toEqual(expected);
    expect(shape(before.groups)).toHaveLength(5); // the old tree is left as it was
  });
});

describe("TreeSnapshot", () => {
  function setup() {
    const clock = new FakeClock();
    const metrics = newMetrics();
    const calls: Array<(groups: DeviceGroup[]) => void> = [];
    const list = () => new Promise<DeviceGroup[]>((resolve) => calls.push(resolve));
    return { clock, metrics, calls, snapshot: new TreeSnapshot(list, clock.now, metrics) };
  }

  it("serves many readers, concurrent or later, from one listing", async () => {
    const { clock, metrics, calls, snapshot } = setup();
    const readers = Array.from({ length: 50 }, () => snapshot.read(clock.now() - 5000));
    expect(calls).toHaveLength(1);
    calls[0](listing);
    const trees = await Promise.all(readers);
    expect(new Set(trees).size).toBe(1);
    clock.time += 4000;
    await snapshot.read(clock.now() - 5000);
    expect(calls).toHaveLength(1);
    expect(metrics.treeListings).toBe(1);
    expect(metrics.treeReadsFromSnapshot).toBe(1);
  });

  it("lists again once the snapshot is older than allowed", async () => {
    const { clock, calls, snapshot } = setup();
    const first = snapshot.read(clock.now());
    calls[0](listing);
    await first;
    clock.time += 5001;
    const second = snapshot.read(clock.now() - 5000);
    expect(calls).toHaveLength(2);
    calls[1]([g("all", "All")]);
    expect((await second).groups).toHaveLength(1);
  });

  it("applies writes made while a listing runs, and writes made afterwards", async () => {
    const { clock, calls, snapshot } = setup();
    const read = snapshot.read(clock.now());
    snapshot.record({ kind: "rename", uuid: "ber", displayName: "Berlin-Mitte" });
    calls[0](listing); // read before the rename reached the server
    expect((await read).byUuid.get("ber")?.displayName).toBe("Berlin-Mitte");
    snapshot.record({ kind: "delete", uuid: "emea" });
    const later = await snapshot.read(clock.now() - 5000);
    expect(shape(later.groups)).toEqual(["-/all=All", "all/us=US"]);
    expect(calls).toHaveLength(1);
  });

  it("shares a failure with every waiting reader, then lists again", async () => {
    const { clock, snapshot } = setup();
    let fail = true;
    const failing = new TreeSnapshot(
      async () => {
        if (fail) throw new Error("boom");
        return listing;
      },
      clock.now,
      newMetrics(),
    );
    await expect(Promise.all([failing.read(0), failing.read(0)])).rejects.toThrow("boom");
    fail = false;
    expect((await failing.read(0)).groups).toHaveLength(5);
    expect(snapshot.peek()).toBeUndefined();
  });

  it("keeps one listing for reads that come less than idleGapMs apart, whatever its age", async () => {
    const { clock, metrics, calls, snapshot } = setup();
    const gap = { idleGapMs: 5000 };
    const first = snapshot.read(clock.now() - 5000, gap);
    calls[0](listing);
    const tree = await first;
    // A long refresh: a read every 4 s for a minute, far past the snapshot's 5 s age limit.
    for (let i = 0; i < 15; i++) {
      clock.time += 4000;
      expect(await snapshot.read(clock.now() - 5000, gap)).toBe(tree);
    }
    expect(calls).toHaveLength(1);
    expect(metrics.treeReadsFromSnapshot).toBe(15);
    // Plain reads still follow the age limit.
    void snapshot.read(clock.now() - 5000);
    expect(calls).toHaveLength(2);
  });

  it("applies writes to the session's tree, and lists again after the idle gap", async () => {
    const { clock, calls, snapshot } = setup();
    const gap = { idleGapMs: 5000 };
    const first = snapshot.read(clock.now(), gap);
    const concurrent = snapshot.read(clock.now(), gap);
    calls[0](listing);
    expect(await concurrent).toBe(await first);
    clock.time += 60_000;
    snapshot.record({ kind: "rename", uuid: "ber", displayName: "Berlin-Mitte" });
    // 60 s without a read: the session is over, a new one lists afresh.
    const later = snapshot.read(clock.now() - 5000, gap);
    expect(calls).toHaveLength(2);
    calls[1](listing);
    expect((await later).byUuid.get("ber")?.displayName).toBe("Berlin");
    snapshot.record({ kind: "rename", uuid: "muc", displayName: "München" });
    clock.time += 1000;
    const patched = await snapshot.read(clock.now() - 5000, gap);
    expect(patched.byUuid.get("muc")?.displayName).toBe("München");
    expect(calls).toHaveLength(2);
  });

  it("ends a session whose listing failed, so the next read lists again", async () => {
    const { clock } = setup();
    let fail = true;
    const failing = new TreeSnapshot(
      async () => {
        if (fail) throw new Error("boom");
        return listing;
      },
      clock.now,
      newMetrics(),
    );
    await expect(failing.read(0, { idleGapMs: 5000 })).rejects.toThrow("boom");
    fail = false;
    expect((await failing.read(0, { idleGapMs: 5000 })).groups).toHaveLength(5);
  });
});
