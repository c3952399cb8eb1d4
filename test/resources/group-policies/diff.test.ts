import { diffGroupPolicies } from "../../../provider/resources/group-policies/diff";
import { UNKNOWN } from "../../../provider/resources/inputs";

const olds = {
  groupUuid: "g1",
  policies: ["a", "b"],
  exclusive: true,
  assignments: [{ policyUuid: "a", assignmentUuid: "x", rank: 1 }],
};

describe("GroupPolicies diff", () => {
  it("no change when the inputs are equal (outputs only ignored)", () => {
    expect(diffGroupPolicies("g1", olds, { groupUuid: "g1", policies: ["a", "b"], exclusive: true })).toEqual(
      {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      },
    );
  });

  it.each([
    ["a reorder", { policies: ["b", "a"] }],
    ["an added policy", { policies: ["a", "b", "c"] }],
    ["exclusive turned off", { exclusive: false }],
    ["policies not known yet", { policies: UNKNOWN }],
  ])("%s is an update in place", (_name, change) => {
    const result = diffGroupPolicies("g1", olds, {
      groupUuid: "g1",
      policies: ["a", "b"],
      exclusive: true,
      ...change,
    });
    expect(result).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("another group is a replacement that removes the old assignments first", () => {
    expect(diffGroupPolicies("g1", olds, { groupUuid: "g2", policies: ["a", "b"], exclusive: true })).toEqual(
      {
        changes: true,
        replaces: ["groupUuid"],
        deleteBeforeReplace: true,
      },
    );
  });
});
