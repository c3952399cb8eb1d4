// The claims of one run (preview refuses two resources of one stack claiming one place), and the
// note that tells an update's diff from a refresh's.
import { RunClaims } from "../../provider/tree/claims";

const ALL = "00000000-0000-0000-7001-000000000001";
const at = (displayName: string, parentGroupUuid: string) => ({ displayName, parentGroupUuid });

describe("RunClaims", () => {
  const p = (displayName: string) => at(displayName, ALL);

  it("lets each place be claimed once per run", () => {
    const claims = new RunClaims();
    const first = claims.newGroup();
    expect(claims.claim(p("Sales"), first)).toBeUndefined();
    expect(claims.claim(p("Sales"), claims.newGroup())).toEqual(first);
    expect(claims.claim(p("Sales"), { kind: "group", uuid: "g-1" })).toEqual(first);
    expect(claims.claim(p("Sales EU"), claims.newGroup())).toBeUndefined();
  });

  it("lets a group claim again, moving its claim", () => {
    const claims = new RunClaims();
    const g = { kind: "group", uuid: "g-1" } as const;
    expect(claims.claim(p("A"), g)).toBeUndefined();
    expect(claims.claim(p("A"), g)).toBeUndefined();
    expect(claims.claim(p("B"), g)).toBeUndefined();
    expect(claims.claim(p("A"), claims.newGroup())).toBeUndefined();
  });

  it("gives a created group the claim of its create, so a later diff of it is no clash", () => {
    const claims = new RunClaims();
    expect(claims.claim(p("A"), claims.newGroup())).toBeUndefined();
    claims.created(p("A"), "g-1");
    expect(claims.claim(p("A"), { kind: "group", uuid: "g-1" })).toBeUndefined();
    expect(claims.claim(p("A"), claims.newGroup())).toEqual({ kind: "group", uuid: "g-1" });
  });

  it("hands out each checked update once, so a diff without check (refresh) is told apart", () => {
    const claims = new RunClaims();
    claims.noteCheckedUpdate(p("A"));
    claims.noteCheckedUpdate(p("A"));
    expect([
      claims.takeCheckedUpdate(p("A")),
      claims.takeCheckedUpdate(p("A")),
      claims.takeCheckedUpdate(p("A")),
    ]).toEqual([true, true, false]);
  });
});
