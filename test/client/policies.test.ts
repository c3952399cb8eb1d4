import { isApiError } from "../../provider/client";
import { ALL, FakePolicyServer, uuidOf } from "./policies-fake";

const GROUP = uuidOf(1, "g");
const A = uuidOf(1, "p");
const B = uuidOf(2, "p");

function world(): FakePolicyServer {
  const server = new FakePolicyServer();
  server.groups.push({ uuid: GROUP, displayName: "Servers", parentGroupUuid: ALL });
  server.policies.push(
    { uuid: A, displayName: "Antivirus - Balanced", builtIn: true },
    { uuid: B, displayName: "Strict USB" },
  );
  return server;
}

describe("policy calls", () => {
  it("lists policies, with zero values left out read as their zero value", async () => {
    const server = world();
    const policies = await server.client().listPolicies();
    expect(policies).toEqual([
      { uuid: A, displayName: "Antivirus - Balanced", description: "", builtIn: true },
      { uuid: B, displayName: "Strict USB", description: "", builtIn: false },
    ]);
  });

  it("assigns at the end and sends the target as ESET's spec names it", async () => {
    const server = world();
    const client = server.client();
    await client.assignPolicy(A, { deviceGroupUuid: GROUP });
    const made = await client.assignPolicy(B, { deviceGroupUuid: GROUP });
    expect(made).toMatchObject({ policyUuid: B, target: { deviceGroupUuid: GROUP }, rank: 2 });
    expect(server.groupOrder(GROUP)).toEqual([A, B]);
  });

  it.each(["500-after", "drop-after"] as const)(
    "an assign whose answer is lost (%s) reads the group again instead of assigning twice",
    async (fault) => {
      const server = world();
      server.duplicates = "allow"; // a resend would make a second assignment here
      server.fail(/^POST \/v2\/policy-assignments$/, fault);
      const client = server.client();
      const made = await client.assignPolicy(A, { deviceGroupUuid: GROUP });
      expect(server.ofGroup(GROUP).map((a) => a.uuid)).toEqual([made.uuid]);
      expect(server.log.filter((l) => l === "POST /v2/policy-assignments")).toHaveLength(1);
      expect(client.metrics.assignChecks).toBe(1);
    },
  );

  it("an assign refused before any work is resent after the look finds nothing", async () => {
    const server = world();
    server.fail(/^POST \/v2\/policy-assignments$/, "drop-before");
    const client = server.client();
    await client.assignPolicy(A, { deviceGroupUuid: GROUP });
    expect(server.groupOrder(GROUP)).toEqual([A]);
    expect(server.log.filter((l) => l === "POST /v2/policy-assignments")).toHaveLength(2);
  });

  it.each([400, 403] as const)(
    "an unassign of an assignment already gone is done, judged on a fresh listing (user errors %s)",
    async (status) => {
      const server = world();
      server.userErrorStatus = status;
      const gone = server.assignByHand(A, GROUP);
      server.unassignByHand(gone.uuid);
      const result = await server.client().unassignPolicy(gone);
      expect(result).toBe("not-found");
      expect(server.log.at(-1)).toBe("GET /v2/policy-assignments");
    },
  );

  it("an unassign refused while the assignment is still there is an error naming the call", async () => {
    const server = world();
    const kept = server.assignByHand(A, GROUP);
    server.fail(/^DELETE /, { status: 403 });
    const error = await server
      .client()
      .unassignPolicy(kept)
      .catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(403);
    expect(String(error)).toContain(`unassigning policy assignment ${kept.uuid} from group`);
  });

  it("a rank refused with 412 is done when a fresh listing shows it at that rank already", async () => {
    const server = world();
    const first = server.assignByHand(A, GROUP);
    server.assignByHand(B, GROUP);
    server.fail(/:updateRanking$/, { status: 412 });
    await server.client().rankPolicyAssignment(first, 1);
    expect(server.groupOrder(GROUP)).toEqual([A, B]);
  });

  it("refuses a rank below 1 before any call", async () => {
    const server = world();
    await expect(
      server.client().rankPolicyAssignment({ uuid: "x", target: { deviceGroupUuid: GROUP } }, 0),
    ).rejects.toThrow("rank must be a whole number from 1");
    expect(server.log).toEqual([]);
  });

  it("one tenant-wide listing serves many reads, and the client's writes keep it current", async () => {
    const server = world();
    const client = server.client();
    const other = uuidOf(2, "g");
    server.groups.push({ uuid: other, displayName: "Laptops", parentGroupUuid: ALL });
    server.assignByHand(A, GROUP);
    server.assignByHand(A, other);
    const freshness = { maxAgeMs: 60_000 };
    await client.readPolicyAssignments(freshness);
    const made = await client.assignPolicy(B, { deviceGroupUuid: GROUP });
    const reads = await Promise.all([1, 2, 3].map(() => client.readPolicyAssignments(freshness)));
    expect(
      reads[2].filter((a) => a.target.deviceGroupUuid === GROUP).map((a) => [a.policyUuid, a.rank]),
    ).toEqual([
      [A, 1],
      [B, 2],
    ]);
    await client.unassignPolicy(made);
    expect((await client.readPolicyAssignments(freshness)).map((a) => a.uuid)).not.toContain(made.uuid);
    expect(server.log.filter((l) => l === "GET /v2/policy-assignments")).toHaveLength(1);
    expect(client.metrics.assignmentListings).toBe(1);
    expect(client.metrics.assignmentReadsFromSnapshot).toBe(4);
  });
});
