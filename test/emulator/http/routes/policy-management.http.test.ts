import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB_LOCKED,
  FIREWALL_BLOCK_ALL_POLICY_UUID as ISOLATED,
  type RunningEmulator,
} from "../../../../emulator";
import { Api, startForTest } from "../api";
import { SALES_UUID, TWO_TENANTS_SEED } from "./two-tenants";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({ seed: TWO_TENANTS_SEED }));
  token = await api.signIn();
});
afterAll(() => emulator.close());

const assign = (policyUuid: string, target: Record<string, string>) =>
  api.call("POST", "/v2/policy-assignments", { token, json: { assignment: { policyUuid, target } } });
const ranks = async (groupUuid: string) =>
  (
    await api.call("GET", `/v2/policy-assignments?target.deviceGroupUuid=${groupUuid}`, { token })
  ).body.assignments.map((a: { policyUuid: string; rank: number }) => [a.policyUuid, a.rank]);

// [spec] POST /v2/policy-assignments, DELETE, :updateRanking: new ones at the end, renumbering, reorder.
test("assigns at the end, renumbers on unassign and reorders on updateRanking", async () => {
  const one = await assign(BALANCED, { deviceGroupUuid: SALES_UUID });
  const two = await assign(USB_LOCKED, { deviceGroupUuid: SALES_UUID });
  const three = await assign(ISOLATED, { deviceGroupUuid: SALES_UUID });
  expect([
    one.status,
    one.body.assignment.rank,
    two.body.assignment.rank,
    three.body.assignment.rank,
  ]).toEqual([200, 1, 2, 3]);
  const moved = await api.call("POST", `/v2/policy-assignments/${three.body.assignment.uuid}:updateRanking`, {
    token,
    json: { rank: 1 },
  });
  expect([moved.status, moved.body]).toEqual([200, {}]);
  expect(await ranks(SALES_UUID)).toEqual([
    [ISOLATED, 1],
    [BALANCED, 2],
    [USB_LOCKED, 3],
  ]);
  expect(
    (await api.call("DELETE", `/v2/policy-assignments/${one.body.assignment.uuid}`, { token })).status,
  ).toBe(200);
  expect(await ranks(SALES_UUID)).toEqual([
    [ISOLATED, 1],
    [USB_LOCKED, 2],
  ]);
});
