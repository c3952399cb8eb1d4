// The GroupPolicies methods over a client whose transport is an in-memory stand-in: refresh cost,
// drift as the engine sees it (read, then diff with the program's inputs), delete.
import { groupPoliciesMethods } from "../../../provider/resources/group-policies/provider";
import { ALL, FakePolicyServer, uuidOf } from "../../client/policies-fake";

const [A, B, C] = [1, 2, 3].map((n) => uuidOf(n, "p"));
const groups = Array.from({ length: 30 }, (_, i) => uuidOf(i + 1, "g"));

function world(): FakePolicyServer {
  const server = new FakePolicyServer();
  for (const [i, uuid] of groups.entries())
    server.groups.push({ uuid, displayName: `G${i}`, parentGroupUuid: ALL });
  for (const uuid of [A, B, C]) server.policies.push({ uuid, displayName: uuid });
  return server;
}

describe("GroupPolicies provider methods", () => {
  it("a refresh of 30 groups costs one group listing and one assignment listing", async () => {
    const server = world();
    const client = server.client();
    const methods = groupPoliciesMethods(() => client);
    const stored: { id: string; outs: Record<string, unknown> }[] = [];
    for (const groupUuid of groups) {
      const inputs = { groupUuid, policies: [A, B], exclusive: true };
      stored.push({ id: groupUuid, outs: (await methods.create!(inputs)).outs });
    }
    const before = server.log.length;
    const refresh = groupPoliciesMethods(() => refreshing); // a new run: nothing listed yet
    const refreshing = server.client();
    const reads = await Promise.all(stored.map((s) => refresh.read!(s.id, s.outs)));
    const calls = server.log.slice(before).filter((l) => !l.includes("/oauth/token"));
    expect(calls).toEqual(["GET /v1/device_groups", "GET /v2/policy-assignments"]);
    expect(
      reads.every((r) => JSON.stringify(r.props) === JSON.stringify(stored[reads.indexOf(r)].outs)),
    ).toBe(true);
  });

  it("drift by hand shows up as a change of policies after a read, and update restores the order", async () => {
    const server = world();
    const client = server.client();
    const methods = groupPoliciesMethods(() => client);
    const [group] = groups;
    const inputs = { groupUuid: group, policies: [A, B], exclusive: true };
    const created = await methods.create!(inputs);
    server.rankByHand(server.ofGroup(group)[1].uuid, 1); // B above A
    server.assignByHand(C, group);
    const fresh = groupPoliciesMethods(() => server.client()); // a new run: no snapshot
    const read = await fresh.read!(created.id, created.outs);
    expect(read.inputs).toEqual({ groupUuid: group, policies: [B, A, C], exclusive: true });
    expect((await fresh.diff!(created.id, read.props, inputs)).changes).toBe(true);
    await fresh.update!(created.id, read.props, inputs);
    expect(server.groupOrder(group)).toEqual([A, B]);
  });

  it("a group deleted in ESET reads as gone", async () => {
    const server = world();
    const [group] = groups;
    const created = await groupPoliciesMethods(() => server.client()).create!({
      groupUuid: group,
      policies: [A],
      exclusive: true,
    });
    server.groups = server.groups.filter((g) => g.uuid !== group);
    expect(await groupPoliciesMethods(() => server.client()).read!(created.id, created.outs)).toEqual({});
  });

  it("delete unassigns only the declared policies", async () => {
    const server = world();
    const [group] = groups;
    const methods = groupPoliciesMethods(() => server.client());
    const created = await methods.create!({ groupUuid: group, policies: [A, B], exclusive: false });
    server.assignByHand(C, group);
    await methods.delete!(created.id, created.outs);
    expect(server.groupOrder(group)).toEqual([C]);
  });

  it.each([400, 403] as const)(
    "delete of a gone group, or of assignments already gone, is done (user errors %s)",
    async (status) => {
      const server = world();
      server.userErrorStatus = status;
      const [group] = groups;
      const methods = groupPoliciesMethods(() => server.client());
      const created = await methods.create!({ groupUuid: group, policies: [A, B], exclusive: true });
      server.unassignByHand(server.ofGroup(group)[0].uuid);
      // The listing still shows the other one, but ESET refuses its delete now (the group went meanwhile).
      server.fail(/^DELETE /, { status });
      server.groups = server.groups.filter((g) => g.uuid !== group);
      const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
      await expect(methods.delete!(created.id, created.outs)).resolves.toBeUndefined();
      expect(log.mock.calls.flat().join("\n")).toContain("the group no longer exists in ESET");
      log.mockRestore();
    },
  );
});
