/**
 * GroupPolicies' methods against the emulator, in both user-error styles and under each policy
 * switch where it matters: calls counted in the emulator's request log, drift made in its console,
 * refusals explained naming the input.
 */
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB,
  FIREWALL_BLOCK_ALL_POLICY_UUID as FIREWALL,
  VISIBILITY_INVISIBLE_POLICY_UUID as INVISIBLE,
} from "../../../emulator";
import { groupPoliciesMethods } from "../../../provider/resources/group-policies/provider";
import { harness } from "../../client/harness";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { describeEachUserErrorMode, userErrorSettings } from "../../support/user-error-modes";

let emulator: TestEmulator;
let group: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.reset();
  await emulator.settings(userErrorSettings());
  group = (await emulator.console.createGroup({ displayName: "Servers" })).uuid;
});

/** A new run's methods (a client of its own: no listing shared with an earlier run). */
const run = () => {
  const { client } = harness(emulator);
  return groupPoliciesMethods(() => client);
};
const order = async (uuid = group) =>
  (await emulator.policyAssignments())
    .filter((a) => a.target.deviceGroupUuid === uuid)
    .sort((a, b) => a.rank - b.rank)
    .map((a) => a.policyUuid);
const writes = async () =>
  (await emulator.requests())
    .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
    .map((r) => r.path);
const quietly = async <T>(f: () => Promise<T>): Promise<T> => {
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    return await f();
  } finally {
    log.mockRestore();
  }
};

describeEachUserErrorMode("GroupPolicies on the emulator", () => {
  it("create, reorder (2 rank calls for three reversed), append (1 assign), no-op (0 calls), destroy", async () => {
    const inputs = { groupUuid: group, policies: [BALANCED, USB, FIREWALL], exclusive: true };
    const created = await run().create!(inputs);
    expect(await order()).toEqual([BALANCED, USB, FIREWALL]);

    await emulator.clearRequests();
    const reversed = { ...inputs, policies: [FIREWALL, USB, BALANCED] };
    const updated = await run().update!(created.id, created.outs, reversed);
    expect(await order()).toEqual([FIREWALL, USB, BALANCED]);
    expect((await writes()).filter((p) => p.endsWith(":updateRanking"))).toHaveLength(2);
    expect(await writes()).toHaveLength(2);

    await emulator.clearRequests();
    const appended = { ...reversed, policies: [...reversed.policies, INVISIBLE] };
    const outs = (await run().update!(created.id, updated.outs!, appended)).outs!;
    expect(await writes()).toEqual(["/v2/policy-assignments"]);
    expect(outs.assignments).toEqual(
      (await emulator.policyAssignments())
        .filter((a) => a.target.deviceGroupUuid === group)
        .sort((a, b) => a.rank - b.rank)
        .map((a) => ({ policyUuid: a.policyUuid, assignmentUuid: a.uuid, rank: a.rank })),
    );

    await emulator.clearRequests();
    expect((await run().diff!(created.id, outs, appended)).changes).toBe(false);
    expect(await emulator.requests()).toEqual([]);

    await run().delete!(created.id, outs);
    expect(await order()).toEqual([]);
  });

  it("drift made in the console is read as a change, and update repairs it", async () => {
    const inputs = { groupUuid: group, policies: [BALANCED, USB], exclusive: true };
    const created = await run().create!(inputs);
    const live = await emulator.policyAssignments();
    await emulator.console.rankPolicyAssignment(live.find((a) => a.policyUuid === USB)!.uuid, 1);
    await emulator.console.assignPolicy(FIREWALL, { deviceGroupUuid: group });
    const methods = run();
    const read = await methods.read!(created.id, created.outs);
    expect(read.inputs).toEqual({ groupUuid: group, policies: [USB, BALANCED, FIREWALL], exclusive: true });
    expect((await methods.diff!(created.id, read.props!, inputs)).changes).toBe(true);
    await methods.update!(created.id, read.props!, inputs);
    expect(await order()).toEqual([BALANCED, USB]);
  });

  it.each(["refuse", "allow"] as const)(
    "never makes a duplicate itself (duplicatePolicyAssignment %s), and removes one made by hand",
    async (duplicates) => {
      await emulator.settings({ duplicatePolicyAssignment: duplicates });
      const inputs = { groupUuid: group, policies: [BALANCED, USB], exclusive: false };
      const created = await run().create!(inputs);
      if (duplicates === "allow") await emulator.console.assignPolicy(BALANCED, { deviceGroupUuid: group });
      await run().update!(created.id, created.outs, inputs);
      expect(await order()).toEqual([BALANCED, USB]);
    },
  );

  it.each(["drop", "keep"] as const)(
    "a group deleted (assignments %s): refresh reads the resource gone, destroy leaves none",
    async (onGroupDelete) => {
      await emulator.settings({ policyAssignmentsOnGroupDelete: onGroupDelete });
      const created = await run().create!({ groupUuid: group, policies: [BALANCED], exclusive: true });
      await emulator.console.deleteGroup(group);
      expect(await run().read!(created.id, created.outs)).toEqual({});
      await quietly(() => run().delete!(created.id, created.outs));
      // Kept assignments (naming the gone group) are removed too: a group recreated under the same
      // uuid (a Group's derived uuid) must not get them back.
      expect(await order()).toEqual([]);
    },
  );

  it.each(["allow", "refuse"] as const)(
    "policies on All and linked groups (policiesOnSpecialGroups %s): done, or refused naming the group",
    async (special) => {
      await emulator.settings({ policiesOnSpecialGroups: special });
      const acme = await emulator.console.createGroup({
        displayName: "Acme",
        linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
      });
      for (const target of [emulator.allGroupUuid, acme.uuid]) {
        const attempt = run().create!({ groupUuid: target, policies: [BALANCED], exclusive: false });
        if (special === "allow") {
          await attempt;
          expect(await order(target)).toEqual([BALANCED]);
        } else {
          await expect(attempt).rejects.toThrow(
            target === acme.uuid
              ? `groupUuid: "All / Acme" (${acme.uuid}) is a group linked to an ESET entity (GROUP_ENTITY_TYPE_CUSTOMER)`
              : `groupUuid: "All" (${target}) is the special group All`,
          );
        }
      }
    },
  );

  it("a policy deleted in the console with its assignments (deleteAssignedPolicy cascade) is drift, then a clear error", async () => {
    await emulator.settings({ deleteAssignedPolicy: "cascade" });
    const custom = await emulator.console.createPolicy({ displayName: "Servers - strict USB" });
    const inputs = { groupUuid: group, policies: [custom.uuid, BALANCED], exclusive: true };
    const created = await run().create!(inputs);
    await emulator.console.deletePolicy(custom.uuid);
    const methods = run();
    const read = await methods.read!(created.id, created.outs);
    expect(read.inputs).toMatchObject({ policies: [BALANCED] });
    expect((await methods.diff!(created.id, read.props!, inputs)).changes).toBe(true);
    await expect(methods.update!(created.id, read.props!, inputs)).rejects.toThrow(
      `policies: ${custom.uuid} is not a policy of this tenant`,
    );
  });

  it("a policy that does not exist, and a group that does not exist, fail naming the input", async () => {
    const missingPolicy = "6e2d8b3f-0000-4000-8000-00000000ffff";
    await expect(
      run().create!({ groupUuid: group, policies: [missingPolicy], exclusive: true }),
    ).rejects.toThrow(`policies: ${missingPolicy} is not a policy of this tenant`);
    const missingGroup = "5d1c7a2e-0000-4000-8000-00000000ffff";
    await expect(
      run().create!({ groupUuid: missingGroup, policies: [BALANCED], exclusive: true }),
    ).rejects.toThrow(`groupUuid: group ${missingGroup} does not exist in ESET`);
  });
});
