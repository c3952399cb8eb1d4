// The guard around writes: each rule decided once per listing, a break confirmed on a young
// listing, and a refusal judged on a fresh one. A fake client hands out the listings.
import { ApiError, type EsetConnectClient, type GroupTree, type TreeFreshness } from "../../provider/client";
import { applyWrite, buildTree } from "../../provider/client/tree";
import { TREE_FRESHNESS } from "../../provider/client/freshness";
import {
  FORBIDDEN_NOTE,
  confirmedBreaks,
  guardWrite,
  judgeRefusal,
  ruleBreaks,
} from "../../provider/tree/guard";
import { TreeRuleError, type TreeChange } from "../../provider/tree/rules";

const ALL = "00000000-0000-0000-7001-000000000001";
const group = (uuid: string, displayName: string, parentGroupUuid = ALL) => ({
  uuid,
  displayName,
  parentGroupUuid,
  isSecurityGroup: true,
  linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
});
const root = {
  uuid: ALL,
  displayName: "All",
  isSecurityGroup: true,
  linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
};
const withTaken = buildTree([root, group("sales", "Sales"), group("taken", "Sales EU")]);
const freed = applyWrite(withTaken, { kind: "rename", uuid: "taken", displayName: "Sales EU (old)" });
const rename: TreeChange = {
  kind: "place",
  uuid: "sales",
  from: { displayName: "Sales", parentGroupUuid: ALL },
  to: { displayName: "Sales EU", parentGroupUuid: ALL },
};

/** A client whose listings are `trees`, one per readTree call (the last one repeats). */
function listings(...trees: GroupTree[]) {
  const asked: TreeFreshness[] = [];
  const client = {
    readTree: async (freshness: TreeFreshness = {}) => {
      asked.push(freshness);
      return trees[Math.min(asked.length, trees.length) - 1];
    },
  } as unknown as EsetConnectClient;
  return { client, asked };
}

const refusal = (status: number) =>
  new ApiError(`${status} refused while renaming group sales`, {
    status,
    operation: { name: "renameGroup", description: "renaming group sales" },
  });

describe("ruleBreaks", () => {
  it("decides a change once per listing: the same listing answers with its first verdict", () => {
    const first = ruleBreaks(withTaken, rename);
    expect(first.map((b) => b.rule)).toEqual(["name-taken"]);
    expect(ruleBreaks(withTaken, rename)).toBe(first);
    expect(ruleBreaks(withTaken, { ...rename, to: { ...rename.to, displayName: "Other" } })).toEqual([]);
  });

  it("decides again on a newer listing (a write or a new listing is a new tree)", () => {
    expect(ruleBreaks(withTaken, rename)).toHaveLength(1);
    expect(ruleBreaks(freed, rename)).toEqual([]);
  });
});

describe("confirmedBreaks and guardWrite", () => {
  it("uses one listing when it shows no break", async () => {
    const { client, asked } = listings(freed);
    await expect(guardWrite(client, TREE_FRESHNESS.placement, "group", rename)).resolves.toBe(freed);
    expect(asked).toEqual([TREE_FRESHNESS.placement]);
  });

  it("confirms a break seen in an older listing on a young one, where a name freed by hand passes", async () => {
    const { client, asked } = listings(withTaken, freed);
    const { breaks } = await confirmedBreaks(client, TREE_FRESHNESS.wholeRun, (t) => ruleBreaks(t, rename));
    expect(breaks).toEqual([]);
    expect(asked).toEqual([TREE_FRESHNESS.wholeRun, TREE_FRESHNESS.confirm]);
  });

  it("does not confirm on a listing that is already young", async () => {
    const { client, asked } = listings(withTaken, freed);
    await expect(guardWrite(client, TREE_FRESHNESS.fresh, 'group "Sales" (sales)', rename)).rejects.toThrow(
      /^group "Sales" \(sales\): displayName: "All" \(.*\) already holds another group named "Sales EU" \(taken\)/,
    );
    expect(asked).toEqual([TREE_FRESHNESS.fresh]);
  });

  it("leaves out the rules the caller decides itself", async () => {
    const { client } = listings(withTaken);
    await expect(guardWrite(client, TREE_FRESHNESS.fresh, "group", rename, ["name-taken"])).resolves.toBe(
      withTaken,
    );
  });
});

describe("judgeRefusal", () => {
  it("passes on an error that is not a user error", async () => {
    const { client, asked } = listings(withTaken);
    const error = refusal(500);
    await expect(judgeRefusal(client, error, "group", rename)).resolves.toBe(error);
    expect(asked).toEqual([]);
  });

  it("names the rule a fresh listing shows broken, quoting ESET", async () => {
    const { client, asked } = listings(withTaken);
    const judged = await judgeRefusal(client, refusal(400), "group", rename);
    expect(judged).toBeInstanceOf(TreeRuleError);
    expect(judged?.message).toMatch(
      /already holds another group named "Sales EU".* \(ESET answered: 400 refused/,
    );
    expect(asked).toEqual([TREE_FRESHNESS.fresh]);
  });

  it("carries on when the fresh listing shows the change made (an earlier attempt)", async () => {
    const { client } = listings(freed);
    await expect(judgeRefusal(client, refusal(403), "group", rename, () => true)).resolves.toBeUndefined();
  });

  it("says what a 403 can mean when no rule is broken", async () => {
    const { client } = listings(freed);
    const judged = await judgeRefusal(client, refusal(403), "group", rename);
    expect(judged?.message).toBe(`403 refused while renaming group sales. ${FORBIDDEN_NOTE}.`);
  });
});
