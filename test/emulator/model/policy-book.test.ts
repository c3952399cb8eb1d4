import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  BUILT_IN_POLICIES,
} from "../../../emulator/model/built-in-policies";
import { PolicyBook } from "../../../emulator/model/policy-book";
import { uuidOf } from "../../support/uuids";
import { outcome } from "./fixtures";

const GROUP = uuidOf("group");
const OTHER_GROUP = uuidOf("other-group");
const [A, B, C, D] = ["a", "b", "c", "d"].map((n) => uuidOf(`assignment-${n}`));
const NAMED: Record<string, string> = { A, B, C, D };
const [P1, P2, P3, P4] = ["p1", "p2", "p3", "p4"].map((n) => uuidOf(`policy-${n}`));

/** A book whose GROUP has A..D (policies P1..P4) at ranks 1..4, and OTHER_GROUP one assignment. */
function stacked(): PolicyBook {
  const book = new PolicyBook();
  [A, B, C, D].forEach((uuid, i) =>
    book.assign({ uuid, policyUuid: [P1, P2, P3, P4][i], kind: "deviceGroupUuid", targetUuid: GROUP }),
  );
  book.assign({
    uuid: uuidOf("elsewhere"),
    policyUuid: P1,
    kind: "deviceGroupUuid",
    targetUuid: OTHER_GROUP,
  });
  return book;
}

const order = (book: PolicyBook) => book.stackOf("deviceGroupUuid", GROUP).map((a) => [a.uuid, a.rank]);

describe("a tenant's policy book", () => {
  // [assumed] built-ins: fixed uuids and names, the same in every tenant.
  test("starts with the built-in policies, each marked builtIn", () => {
    const book = new PolicyBook();
    expect([...book.policies.values()]).toEqual(BUILT_IN_POLICIES);
    expect(book.policy(BALANCED).displayName).toBe("Antivirus - Balanced");
    expect(BUILT_IN_POLICIES.every((p) => p.builtIn)).toBe(true);
    expect(book.customPolicies()).toEqual([]);
  });

  // [spec] POST /v2/policy-assignments: "put at the end of the stack", rank = the target's count.
  test("a new assignment goes to the end of its target's stack", () => {
    expect(order(stacked())).toEqual([
      [A, 1],
      [B, 2],
      [C, 3],
      [D, 4],
    ]);
  });

  // [spec] DELETE /v2/policy-assignments/{uuid}: "The remaining assignments to the target are reordered."
  test("unassigning renumbers the target's others 1..n and leaves other targets alone", () => {
    const book = stacked();
    book.unassign(B);
    expect(order(book)).toEqual([
      [A, 1],
      [C, 2],
      [D, 3],
    ]);
    expect(book.stackOf("deviceGroupUuid", OTHER_GROUP).map((a) => a.rank)).toEqual([1]);
  });

  // [spec] updateRanking body, rank: the others are reordered around the new rank.
  test.each([
    ["D", 1, "DABC"],
    ["A", 4, "BCDA"],
    ["B", 3, "ACBD"],
    ["C", 3, "ABCD"],
  ])("ranking %s at %i gives %s", (name, rank, expected) => {
    const book = stacked();
    expect(book.rank(NAMED[name], rank).rank).toBe(rank);
    expect(order(book)).toEqual([...expected].map((n, i) => [NAMED[n], i + 1]));
  });

  // [spec] rank 0 -> 400 (invalid); above the target's count -> 412 (failed precondition).
  test.each([
    [0, "invalid: rank must be a whole number from 1 (the highest priority) (got 0)"],
    [-1, "invalid: rank must be a whole number from 1 (the highest priority) (got -1)"],
    [5, `failed-precondition: rank 5 is above the number of assignments to group ${GROUP} (4)`],
  ])("rank %i is refused", (rank, expected) => {
    const book = stacked();
    expect(outcome(() => book.rank(A, rank))).toBe(expected);
    expect(order(book).map(([u]) => u)).toEqual([A, B, C, D]);
  });

  test("an unknown assignment or policy is not found", () => {
    const book = stacked();
    expect(outcome(() => book.rank(uuidOf("nope"), 1))).toBe(
      `not-found: policy assignment ${uuidOf("nope")} not found`,
    );
    expect(outcome(() => book.policy(uuidOf("nope")))).toBe(`not-found: policy ${uuidOf("nope")} not found`);
  });

  // [assumed] switch policyAssignmentsOnGroupDelete: "drop" forgets deleted groups' and devices' stacks.
  test.each([
    ["drop", [uuidOf("elsewhere")]],
    ["keep", [A, B, C, D, uuidOf("elsewhere")]],
  ] as const)(
    "a group delete under %s drops or keeps the group's and its devices' assignments",
    (rule, left) => {
      const book = stacked();
      book.assign({
        uuid: uuidOf("on-device"),
        policyUuid: P2,
        kind: "deviceUuid",
        targetUuid: uuidOf("pc"),
      });
      book.groupsDeleted(
        { groupUuid: GROUP, releaseConsumedUnits: false, groupUuids: [GROUP], deviceUuids: [uuidOf("pc")] },
        rule,
      );
      const expected = rule === "keep" ? [...left, uuidOf("on-device")] : left;
      expect(book.list().map((a) => a.uuid)).toEqual(expected);
    },
  );

  test("removing a policy removes its assignments and renumbers each target", () => {
    const book = stacked();
    book.addPolicy({ uuid: P1, displayName: "Custom", description: "", builtIn: false, features: [] });
    book.removePolicy(P1);
    expect(order(book)).toEqual([
      [B, 1],
      [C, 2],
      [D, 3],
    ]);
    expect(book.stackOf("deviceGroupUuid", OTHER_GROUP)).toEqual([]);
    expect(book.policies.has(P1)).toBe(false);
  });

  test("restore rebuilds the same stacks from list() order", () => {
    const book = stacked();
    book.rank(D, 2);
    book.addPolicy({ uuid: P1, displayName: "Custom", description: "d", builtIn: false, features: [] });
    const copy = new PolicyBook();
    copy.restore(book.customPolicies(), book.list());
    expect(copy.list()).toEqual(book.list());
    expect(copy.customPolicies()).toEqual(book.customPolicies());
  });
});
