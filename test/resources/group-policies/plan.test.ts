import {
  longestIncreasing,
  membershipPlan,
  rankPlan,
  reconcileCost,
  type PlannedAssignment,
} from "../../../provider/resources/group-policies/plan";

/** `["A", "B"]` as assignments whose uuids are `a0-A`, `a1-B`. */
const live = (policies: string[]): PlannedAssignment[] =>
  policies.map((p, i) => ({ uuid: `a${i}-${p}`, policyUuid: p }));

/** Runs a whole plan the way ESET applies each call (assign at the end, rank moves one, others keep order). */
function run(current: string[], declared: string[], exclusive: boolean): { order: string[]; calls: number } {
  const membership = membershipPlan(live(current), declared, exclusive);
  let sequence = live(current).filter((a) => !membership.unassign.some((u) => u.uuid === a.uuid));
  sequence.push(...membership.assign.map((p) => ({ uuid: `new-${p}`, policyUuid: p })));
  const moves = rankPlan(sequence, declared);
  for (const move of moves) {
    const moved = sequence.find((a) => a.uuid === move.uuid) as PlannedAssignment;
    expect(move.rank).toBeGreaterThanOrEqual(1);
    expect(move.rank).toBeLessThanOrEqual(sequence.length); // never ESET's 412
    sequence = sequence.filter((a) => a !== moved);
    sequence.splice(move.rank - 1, 0, moved);
  }
  return {
    order: sequence.map((a) => a.policyUuid),
    calls: membership.unassign.length + membership.assign.length + moves.length,
  };
}

describe("the reconcile plan", () => {
  it.each([
    ["nothing to do", ["A", "B"], ["A", "B"], { unassign: 0, assign: 0, rank: 0 }],
    [
      "reversing three costs 2 rank calls",
      ["A", "B", "C"],
      ["C", "B", "A"],
      { unassign: 0, assign: 0, rank: 2 },
    ],
    ["appending one costs 1 assign", ["A", "B"], ["A", "B", "C"], { unassign: 0, assign: 1, rank: 0 }],
    [
      "a new policy declared first costs 1 assign and 1 rank",
      ["A", "B"],
      ["N", "A", "B"],
      { unassign: 0, assign: 1, rank: 1 },
    ],
    [
      "the last of four to the top costs 1 rank call",
      ["A", "B", "C", "D"],
      ["D", "A", "B", "C"],
      { unassign: 0, assign: 0, rank: 1 },
    ],
    [
      "the first of four to the bottom costs 1 rank call",
      ["A", "B", "C", "D"],
      ["B", "C", "D", "A"],
      { unassign: 0, assign: 0, rank: 1 },
    ],
    [
      "dropping one costs 1 unassign and no rank",
      ["A", "B", "C"],
      ["A", "C"],
      { unassign: 1, assign: 0, rank: 0 },
    ],
    [
      "a duplicate made by hand costs 1 unassign",
      ["A", "B", "A"],
      ["A", "B"],
      { unassign: 1, assign: 0, rank: 0 },
    ],
    ["an empty declaration unassigns everything", ["A", "B"], [], { unassign: 2, assign: 0, rank: 0 }],
  ])("exclusive: %s", (_name, current, declared, cost) => {
    expect(reconcileCost(live(current), declared, true)).toEqual(cost);
    const result = run(current, declared, true);
    expect(result.order).toEqual(declared);
    expect(result.calls).toBe(cost.unassign + cost.assign + cost.rank);
  });

  it("non-exclusive: others are never touched and keep their relative order", () => {
    // X and Y are not declared: they stay; A and B swap around them with one call.
    const current = ["X", "B", "Y", "A"];
    expect(reconcileCost(live(current), ["A", "B"], false)).toEqual({ unassign: 0, assign: 0, rank: 1 });
    const result = run(current, ["A", "B"], false);
    expect(result.order.filter((p) => p === "X" || p === "Y")).toEqual(["X", "Y"]);
    expect(result.order.filter((p) => p === "A" || p === "B")).toEqual(["A", "B"]);
    expect(result.calls).toBe(1);
  });

  it("non-exclusive: an already ordered set costs nothing, whatever sits between", () => {
    expect(reconcileCost(live(["A", "X", "B", "Y"]), ["A", "B"], false)).toEqual({
      unassign: 0,
      assign: 0,
      rank: 0,
    });
  });

  it("reaches the declared order with the fewest rank calls on every permutation of five", () => {
    const five = ["A", "B", "C", "D", "E"];
    const permutations = (items: string[]): string[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((x, i) =>
            permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
          );
    for (const current of permutations(five)) {
      const result = run(current, five, true);
      expect(result.order).toEqual(five);
      const lis = longestIncreasing(current.map((p) => five.indexOf(p))).length;
      expect(result.calls).toBe(five.length - lis);
    }
  });

  it("keeps the others' order and ours declared on random non-exclusive cases", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const pool = ["A", "B", "C", "D", "E", "F", "X", "Y", "Z"];
      const current = pool.filter(() => random() < 0.6).sort(() => random() - 0.5);
      const declared = ["A", "B", "C", "D", "E", "F"].filter(() => random() < 0.6).sort(() => random() - 0.5);
      const result = run(current, declared, false);
      const others = current.filter((p) => !declared.includes(p));
      expect(result.order.filter((p) => !declared.includes(p))).toEqual(others);
      expect(result.order.filter((p) => declared.includes(p))).toEqual(declared);
    }
  });

  it("finds a longest increasing subsequence", () => {
    expect(longestIncreasing([3, 1, 2])).toEqual([1, 2]);
    expect(longestIncreasing([])).toEqual([]);
    expect(longestIncreasing([2, 1, 0]).length).toBe(1);
  });
});

describe("policies dropped from a non-exclusive declaration", () => {
  it("are unassigned, and others stay", () => {
    const plan = membershipPlan(
      [
        { uuid: "1", policyUuid: "A" },
        { uuid: "2", policyUuid: "X" },
        { uuid: "3", policyUuid: "B" },
      ],
      ["A"],
      false,
      ["B"],
    );
    expect(plan).toEqual({ unassign: [{ uuid: "3", policyUuid: "B" }], assign: [] });
  });
});
