import {
  reconcileGroupPolicies,
  type ReconcileCalls,
} from "../../../provider/resources/group-policies/reconcile";
import { ALL, FakePolicyServer, uuidOf } from "../../client/policies-fake";

const GROUP = uuidOf(1, "g");
const [A, B, C, D, X] = [1, 2, 3, 4, 9].map((n) => uuidOf(n, "p"));

function world(assigned: string[] = []): FakePolicyServer {
  const server = new FakePolicyServer();
  server.groups.push({ uuid: GROUP, displayName: "Servers", parentGroupUuid: ALL });
  for (const uuid of [A, B, C, D, X]) server.policies.push({ uuid, displayName: `policy ${uuid.slice(-1)}` });
  for (const p of assigned) server.assignByHand(p, GROUP);
  return server;
}

async function reconcile(
  server: FakePolicyServer,
  policies: string[],
  exclusive = true,
  dropped: string[] = [],
): Promise<{ writes: string[]; calls: ReconcileCalls; reads: number }> {
  const before = server.log.length;
  const calls = { unassign: 0, assign: 0, rank: 0 };
  const result = await reconcileGroupPolicies(
    server.client(),
    { groupUuid: GROUP, policies, exclusive },
    dropped,
    calls,
  );
  const exchanges = server.log.slice(before).filter((l) => !l.includes("/oauth/token"));
  expect(result.map((a) => a.policyUuid)).toEqual(server.groupOrder(GROUP));
  return {
    writes: exchanges.filter((l) => !l.startsWith("GET ")),
    calls,
    reads: exchanges.filter((l) => l.startsWith("GET ")).length,
  };
}

describe("reconciling a group's policies (calls counted on the wire)", () => {
  it("an unchanged group makes no write, and the plan reads one listing", async () => {
    const server = world([A, B]);
    const run = await reconcile(server, [A, B]);
    expect(run.writes).toEqual([]);
    expect(run.reads).toBe(1);
  });

  it("reversing three costs 2 rank calls and nothing else", async () => {
    const server = world([A, B, C]);
    const run = await reconcile(server, [C, B, A]);
    expect(server.groupOrder(GROUP)).toEqual([C, B, A]);
    expect(run.calls).toEqual({ unassign: 0, assign: 0, rank: 2 });
    expect(run.writes.every((w) => w.endsWith(":updateRanking"))).toBe(true);
    expect(run.writes).toHaveLength(2);
  });

  it("appending one costs 1 assign", async () => {
    const server = world([A, B]);
    const run = await reconcile(server, [A, B, C]);
    expect(run.writes).toEqual(["POST /v2/policy-assignments"]);
    expect(server.groupOrder(GROUP)).toEqual([A, B, C]);
  });

  it("exclusive: an assignment made by hand is removed with one call, the others untouched", async () => {
    const server = world([A, X, B]);
    const kept = server
      .ofGroup(GROUP)
      .filter((a) => a.policyUuid !== X)
      .map((a) => a.uuid);
    const run = await reconcile(server, [A, B]);
    expect(run.calls).toEqual({ unassign: 1, assign: 0, rank: 0 });
    expect(server.ofGroup(GROUP).map((a) => a.uuid)).toEqual(kept);
  });

  it("not exclusive: others are never touched and ours take the declared order among them", async () => {
    const server = world([X, B, A]);
    const run = await reconcile(server, [A, B], false);
    expect(run.calls).toEqual({ unassign: 0, assign: 0, rank: 1 });
    expect(server.groupOrder(GROUP)).toEqual([X, A, B]);
    expect(run.writes.some((w) => w.includes(server.ofGroup(GROUP)[0].uuid))).toBe(false);
  });

  it("not exclusive: a policy no longer declared is unassigned", async () => {
    const server = world([X, A, B]);
    const run = await reconcile(server, [A], false, [B]);
    expect(run.calls).toEqual({ unassign: 1, assign: 0, rank: 0 });
    expect(server.groupOrder(GROUP)).toEqual([X, A]);
  });

  it("a duplicate made by hand (ESET allowing it) is removed, never added", async () => {
    const server = world([A, B]);
    server.duplicates = "allow";
    server.assignByHand(A, GROUP);
    const run = await reconcile(server, [A, B]);
    expect(run.calls).toEqual({ unassign: 1, assign: 0, rank: 0 });
    expect(server.groupOrder(GROUP)).toEqual([A, B]);
  });

  it.each([400, 403] as const)(
    "a listing gone stale (reordered by hand meanwhile) is read afresh and planned again (user errors %s)",
    async (status) => {
      const server = world([A, B, C]);
      server.userErrorStatus = status;
      const client = server.client();
      await client.readPolicyAssignments(); // the run's listing, before the change by hand
      server.unassignByHand(server.ofGroup(GROUP)[2].uuid);
      const calls = { unassign: 0, assign: 0, rank: 0 };
      await reconcileGroupPolicies(
        client,
        { groupUuid: GROUP, policies: [C, B, A], exclusive: true },
        [],
        calls,
      );
      expect(server.groupOrder(GROUP)).toEqual([C, B, A]);
    },
  );

  it.each([400, 403] as const)(
    "a group that does not exist fails naming groupUuid (user errors %s)",
    async (status) => {
      const server = world();
      server.userErrorStatus = status;
      server.groups = server.groups.filter((g) => g.uuid !== GROUP);
      await expect(
        reconcileGroupPolicies(server.client(), { groupUuid: GROUP, policies: [A], exclusive: true }),
      ).rejects.toThrow(`groupUuid: group ${GROUP} does not exist in ESET`);
    },
  );

  it.each([400, 403] as const)(
    "a policy that does not exist fails naming policies (user errors %s)",
    async (status) => {
      const server = world();
      server.userErrorStatus = status;
      const missing = uuidOf(77, "p");
      await expect(
        reconcileGroupPolicies(server.client(), { groupUuid: GROUP, policies: [missing], exclusive: true }),
      ).rejects.toThrow(`policies: ${missing} is not a policy of this tenant`);
    },
  );

  it.each([400, 403] as const)(
    "a linked group whose policies ESET refuses fails naming the group and the fix (user errors %s)",
    async (status) => {
      const server = world();
      server.userErrorStatus = status;
      const acme = uuidOf(5, "g");
      server.groups.push({
        uuid: acme,
        displayName: "Acme",
        parentGroupUuid: ALL,
        linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_COMPANY",
      });
      server.fail(/^POST \/v2\/policy-assignments$/, { status });
      server.fail(/^POST \/v2\/policy-assignments$/, { status });
      await expect(
        reconcileGroupPolicies(server.client(), { groupUuid: acme, policies: [A], exclusive: true }),
      ).rejects.toThrow(
        /groupUuid: "All \/ Acme" \(.*\) is a group linked to an ESET entity \(GROUP_ENTITY_TYPE_CUSTOMER\)/,
      );
    },
  );

  it("a 403 that nothing explains says what else a 403 means", async () => {
    const server = world();
    server.fail(/^POST \/v2\/policy-assignments$/, { status: 403 });
    server.fail(/^POST \/v2\/policy-assignments$/, { status: 403 });
    await expect(
      reconcileGroupPolicies(server.client(), { groupUuid: GROUP, policies: [A], exclusive: true }),
    ).rejects.toThrow(/403 Access denied while assigning .* check the API user's rights/);
  });
});
