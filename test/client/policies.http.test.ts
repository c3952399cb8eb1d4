/**
 * The policy calls against the emulator, in both user-error styles: the wire (paths, bodies,
 * filters, ranks as ESET numbers them), refusals judged from a fresh listing, and an assign whose
 * answer is lost, proven by the emulator's state: exactly one assignment.
 */
import { isApiError } from "../../provider/client";
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB,
  FIREWALL_BLOCK_ALL_POLICY_UUID as FIREWALL,
} from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { describeEachUserErrorMode, userErrorSettings } from "../support/user-error-modes";
import { harness } from "./harness";

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

const ofGroup = async () =>
  (await emulator.policyAssignments())
    .filter((a) => a.target.deviceGroupUuid === group)
    .sort((a, b) => a.rank - b.rank)
    .map((a) => a.policyUuid);

describeEachUserErrorMode("policy calls on the emulator", (mode) => {
  it("lists the built-in policies and reads one", async () => {
    const { client } = harness(emulator);
    const policies = await client.listPolicies();
    expect(policies.find((p) => p.uuid === BALANCED)).toMatchObject({
      builtIn: true,
      displayName: "Antivirus - Balanced",
    });
    expect(await client.getPolicy(BALANCED)).toEqual(policies.find((p) => p.uuid === BALANCED));
    const custom = await emulator.console.createPolicy({ displayName: "Strict USB" });
    expect(await client.getPolicy(custom.uuid)).toEqual({
      uuid: custom.uuid,
      displayName: "Strict USB",
      description: "",
      builtIn: false,
    });
  });

  it("assigns at the end, ranks, lists by group and unassigns as ESET numbers them", async () => {
    const { client } = harness(emulator);
    const a = await client.assignPolicy(BALANCED, { deviceGroupUuid: group });
    const b = await client.assignPolicy(USB, { deviceGroupUuid: group });
    expect([a.rank, b.rank]).toEqual([1, 2]);
    await client.rankPolicyAssignment(b, 1);
    expect(await ofGroup()).toEqual([USB, BALANCED]);
    const listed = await client.listPolicyAssignments({ deviceGroupUuid: group });
    expect(listed.map((x) => [x.policyUuid, x.rank])).toEqual([
      [USB, 1],
      [BALANCED, 2],
    ]);
    expect(await client.unassignPolicy(b)).toBe("unassigned");
    expect(await ofGroup()).toEqual([BALANCED]);
  });

  it(`an unassign of an assignment already gone is done, whatever ESET answers (${mode.status})`, async () => {
    const { client } = harness(emulator);
    const a = await client.assignPolicy(BALANCED, { deviceGroupUuid: group });
    await emulator.console.unassignPolicy(a.uuid);
    expect(await client.unassignPolicy(a)).toBe("not-found");
  });

  it("a second assign of one policy (refused by ESET) is a clear ApiError", async () => {
    await emulator.settings({ duplicatePolicyAssignment: "refuse" });
    const { client } = harness(emulator);
    await client.assignPolicy(BALANCED, { deviceGroupUuid: group });
    const error = await client.assignPolicy(BALANCED, { deviceGroupUuid: group }).catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(mode.status);
    expect(String(error)).toContain(`while assigning policy ${BALANCED} to group ${group}`);
  });

  it("a rank above the group's count is ESET's 412 (403 where every user error is), named", async () => {
    const { client } = harness(emulator);
    const a = await client.assignPolicy(BALANCED, { deviceGroupUuid: group });
    const error = await client.rankPolicyAssignment(a, 3).catch((e: unknown) => e);
    const status = mode.status === 403 ? 403 : 412;
    expect(isApiError(error) && error.status).toBe(status);
    expect(String(error)).toContain(
      `${status} ${status === 412 ? "Precondition failed" : "Access denied"} while ranking`,
    );
  });

  it.each(["500-after", "drop-after"] as const)(
    "an assign whose answer is lost (%s) makes one assignment, even where ESET allows duplicates",
    async (kind) => {
      await emulator.settings({
        duplicatePolicyAssignment: "allow",
        faults: { script: [{ kind, method: "POST", path: "/v2/policy-assignments" }] },
      });
      const { client } = harness(emulator);
      await client.assignPolicy(FIREWALL, { deviceGroupUuid: group });
      expect(await ofGroup()).toEqual([FIREWALL]);
    },
  );
});
