import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB_LOCKED,
  VISIBILITY_INVISIBLE_POLICY_UUID as INVISIBLE,
  BUILT_IN_POLICIES,
  type RunningEmulator,
} from "../../../../emulator";
import { emulatorControl, type EmulatorControl } from "../../../../emulator/control-client";
import { uuidOf } from "../../../support/uuids";
import { ALL, Api, startForTest } from "../api";

const SERVERS = uuidOf("servers");
const MISSING = uuidOf("missing");

let emulator: RunningEmulator;
let api: Api;
let control: EmulatorControl;

beforeAll(async () => {
  ({ emulator, api } = await startForTest());
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
  await control.settings({ rateLimit: { perSecond: 0 }, jsonZeroValues: "emit" });
  await control.console.createGroup({ uuid: SERVERS, displayName: "Servers" });
});

const onServers = async () =>
  (await control.policyAssignments())
    .filter((a) => a.target.deviceGroupUuid === SERVERS)
    .map((a) => [a.policyUuid, a.rank]);

describe("console policy operations (drift by hand) and the control client's views", () => {
  test("assign, reorder and unassign by hand; the API lists what the console did", async () => {
    const first = await control.console.assignPolicy(BALANCED, { deviceGroupUuid: SERVERS });
    await control.console.assignPolicy(USB_LOCKED, { deviceGroupUuid: SERVERS });
    const third = await control.console.assignPolicy(INVISIBLE, { deviceGroupUuid: SERVERS });
    expect(third).toEqual({
      uuid: expect.any(String),
      policyUuid: INVISIBLE,
      target: { deviceGroupUuid: SERVERS },
      rank: 3,
    });
    expect(await control.console.rankPolicyAssignment(third.uuid, 1)).toEqual({ ...third, rank: 1 });
    await control.console.unassignPolicy(first.uuid);
    expect(await onServers()).toEqual([
      [INVISIBLE, 1],
      [USB_LOCKED, 2],
    ]);
    const token = await api.signIn();
    const listed = await api.call("GET", `/v2/policy-assignments?target.deviceGroupUuid=${SERVERS}`, {
      token,
    });
    expect(listed.body.assignments).toEqual(await control.policyAssignments());
  });

  test("create and delete a custom policy by hand; policies() lists built-ins first", async () => {
    const made = await control.console.createPolicy({ displayName: "Made by hand", uuid: MISSING });
    expect(made).toEqual({
      uuid: MISSING,
      displayName: "Made by hand",
      description: "",
      builtIn: false,
      features: [],
    });
    expect(await control.policies()).toEqual([...BUILT_IN_POLICIES, made]);
    await control.console.assignPolicy(MISSING, { deviceGroupUuid: SERVERS });
    // [assumed] the console deletes an assigned policy with its assignments.
    await control.console.deletePolicy(MISSING);
    expect(await control.policies()).toEqual(BUILT_IN_POLICIES);
    expect(await onServers()).toEqual([]);
  });

  test("the console may assign to All even when the API may not; built-ins stay", async () => {
    await control.settings({ policiesOnSpecialGroups: "refuse" });
    expect((await control.console.assignPolicy(BALANCED, { deviceGroupUuid: ALL })).rank).toBe(1);
    await expect(control.console.deletePolicy(BALANCED)).rejects.toThrow(
      /answered 400: .*is built in and cannot be deleted/,
    );
  });

  // [spec] updateRanking: above the count -> 412; the console answers like the API's default mode.
  test("a rank above the count is refused with 412", async () => {
    const only = await control.console.assignPolicy(BALANCED, { deviceGroupUuid: SERVERS });
    await expect(control.console.rankPolicyAssignment(only.uuid, 2)).rejects.toThrow(/answered 412: /);
  });

  test("are not API calls: no rate limit, not in the request log, free of faults", async () => {
    await control.settings({ rateLimit: { perSecond: 1 }, faults: { rate: 1, kinds: ["503"] } });
    await control.clearRequests();
    for (const policy of [BALANCED, USB_LOCKED, INVISIBLE]) {
      await control.console.assignPolicy(policy, { deviceGroupUuid: SERVERS });
    }
    expect(await control.requests()).toEqual([]);
    expect((await onServers()).length).toBe(3);
  });

  test("act in another tenant when told", async () => {
    await control.seed({
      tenants: [{ id: "acme", groups: [{ uuid: uuidOf("acme-servers"), displayName: "S" }] }],
    });
    const theirs = await control.console.assignPolicy(
      BALANCED,
      { deviceGroupUuid: uuidOf("acme-servers") },
      { tenant: "acme" },
    );
    expect(await control.policyAssignments({ tenant: "acme" })).toEqual([theirs]);
    expect(await control.policyAssignments()).toEqual([]);
    await expect(control.policies({ tenant: "nobody" })).rejects.toThrow("emulator has no tenant nobody");
  });
});
