import { checkGroupPolicies } from "../../../provider/resources/group-policies/check";
import { UNKNOWN } from "../../../provider/resources/inputs";

const GROUP = "5d1c7a2e-0000-4000-8000-000000000001";
const A = "6e2d8b3f-0000-4000-8000-000000000001";
const B = "6e2d8b3f-0000-4000-8000-000000000002";

describe("GroupPolicies check", () => {
  it("fills in exclusive (default true) and keeps the order", () => {
    expect(checkGroupPolicies({ groupUuid: GROUP, policies: [B, A] })).toEqual({
      inputs: { groupUuid: GROUP, policies: [B, A], exclusive: true },
      failures: [],
    });
  });

  it.each([
    ["a missing group", { policies: [A] }, "groupUuid", "is required: the uuid of the group"],
    [
      "policies that are not a list",
      { groupUuid: GROUP, policies: A },
      "policies",
      "must be a list of policy uuids",
    ],
    [
      "a non-boolean exclusive",
      { groupUuid: GROUP, policies: [], exclusive: "yes" },
      "exclusive",
      "must be true or false (default true",
    ],
    [
      "a policy name instead of a uuid",
      { groupUuid: GROUP, policies: [A, "Antivirus - Balanced"] },
      "policies",
      '[1] is "Antivirus - Balanced", which is not a policy uuid: to refer to a policy by its name, declare a PolicyAnchor',
    ],
    [
      "a policy listed twice",
      { groupUuid: GROUP, policies: [A, B, A] },
      "policies",
      `lists ${A} twice ([0] and [2])`,
    ],
    [
      "a misspelt input",
      { groupUuid: GROUP, policies: [], exclusiv: false },
      "exclusiv",
      "did you mean exclusive?",
    ],
  ])("refuses %s, naming the field and the fix", (_name, news, property, reason) => {
    const { failures } = checkGroupPolicies(news);
    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });

  it("passes values not known in preview through", () => {
    expect(checkGroupPolicies({ groupUuid: UNKNOWN, policies: [A, UNKNOWN] }).failures).toEqual([]);
    expect(checkGroupPolicies({ groupUuid: GROUP, policies: UNKNOWN }).failures).toEqual([]);
  });
});
