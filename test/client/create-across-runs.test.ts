/** The across-runs create's decisions from the tree, on in-memory trees and a scripted create. */
import { clientUuidCandidates, groupClientUuid } from "../../provider/client/client-uuid";
import {
  ClientUuidTakenError,
  createOwnGroup,
  readRefusal,
  RefusalReading,
} from "../../provider/client/create-across-runs";
import { ApiError } from "../../provider/client/errors";
import { DeviceGroup, Group } from "../../provider/client/schemas";
import { buildTree, GroupTree } from "../../provider/client/tree";
import { uuidOf } from "../support/uuids";

const ALL = uuidOf("all");
const EMEA = uuidOf("emea");
const GONE = uuidOf("gone");
const clientUuid = groupClientUuid("shop", "prod", "munich");
const candidates = clientUuidCandidates(clientUuid);
const [first, second] = candidates;
const wanted = { displayName: "Munich", parentGroupUuid: EMEA };

const group = (uuid: string, displayName: string, parentGroupUuid?: string): DeviceGroup => ({
  uuid,
  displayName,
  ...(parentGroupUuid ? { parentGroupUuid } : {}),
  isSecurityGroup: true,
  linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED",
});
const tree = (...extra: DeviceGroup[]) => buildTree([group(ALL, "All"), group(EMEA, "EMEA", ALL), ...extra]);

describe("readRefusal", () => {
  const cases: Array<[string, GroupTree, typeof wanted, RefusalReading["kind"]]> = [
    ["its group, made by an earlier run", tree(group(second, "Munich", EMEA)), wanted, "made-earlier"],
    ["a parent that is not there", tree(), { ...wanted, parentGroupUuid: GONE }, "refusal-stands"],
    ["its uuid held by a renamed group", tree(group(first, "Munich (renamed)", EMEA)), wanted, "uuid-taken"],
    ["its uuid held by a moved group", tree(group(first, "Munich", ALL)), wanted, "uuid-taken"],
    ["a same-named sibling", tree(group(uuidOf("by-hand"), "Munich", EMEA)), wanted, "refusal-stands"],
    ["nothing the tree explains", tree(), wanted, "try-next-uuid"],
  ];
  it.each(cases)("%s: %s", (_name, fresh, w, kind) => {
    expect(readRefusal(fresh, w, first, candidates).kind).toBe(kind);
  });

  it("names the holder of a taken uuid by its path", () => {
    expect(
      readRefusal(tree(group(first, "Munich (renamed)", EMEA)), wanted, first, candidates),
    ).toMatchObject({
      kind: "uuid-taken",
      holderPath: "All / EMEA / Munich (renamed)",
    });
  });
});

describe("createOwnGroup", () => {
  const refusal = (status: number) =>
    new ApiError(`${status} refused`, {
      status,
      operation: { name: "createGroup", description: "creating" },
    });

  function deps(fresh: GroupTree, answers: Array<Group | ApiError>) {
    const asked: string[] = [];
    let freshReads = 0;
    return {
      asked,
      freshReads: () => freshReads,
      deps: {
        knownTree: async () => tree(),
        freshTree: async () => {
          freshReads++;
          return fresh;
        },
        create: async (uuid: string) => {
          asked.push(uuid);
          const answer = answers.shift();
          if (!answer) throw new Error("no more scripted answers");
          if (answer instanceof Error) throw answer;
          return answer;
        },
      },
    };
  }

  it.each([404, 403])(
    "stops at the first refusal (%i) when the fresh tree lacks the parent, instead of walking every uuid",
    async (status) => {
      const d = deps(tree(), [refusal(status), refusal(status), refusal(status)]);
      const error = await createOwnGroup(d.deps, { ...wanted, parentGroupUuid: GONE }, clientUuid).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status });
      expect(d.asked).toEqual([first]);
      expect(d.freshReads()).toBe(1);
    },
  );

  it("asks for the next derived uuid when the tree does not explain a refusal", async () => {
    const made: Group = { uuid: second, displayName: "Munich", parentGroupUuid: EMEA, linkedEntityType: "x" };
    const d = deps(tree(), [refusal(403), made]);
    expect(await createOwnGroup(d.deps, wanted, clientUuid)).toEqual({ group: made, madeEarlier: false });
    expect(d.asked).toEqual([first, second]);
  });

  it("refuses with ClientUuidTakenError when its uuid belongs to another group", async () => {
    const d = deps(tree(group(first, "Munich (renamed)", EMEA)), [refusal(409)]);
    const error = await createOwnGroup(d.deps, wanted, clientUuid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientUuidTakenError);
  });

  it("passes on anything that is not a user error at once", async () => {
    const d = deps(tree(), [refusal(500)]);
    await expect(createOwnGroup(d.deps, wanted, clientUuid)).rejects.toMatchObject({ status: 500 });
    expect(d.freshReads()).toBe(0);
  });
});
