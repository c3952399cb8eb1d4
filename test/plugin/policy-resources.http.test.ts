// eset:index:GroupPolicies and PolicyAnchor through the plugin's provider, in-process against the
// emulator: the same CRUD code as the dynamic resources (assign in order, re-rank, unassign on
// delete; find a policy by name, never delete it), with the plugin's wire conventions (no
// `__provider` stored).
import { EsetProvider } from "../../provider/plugin/provider";
import { stackConfigFromVariables } from "../../provider/plugin/stack-config";
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID as MAXIMUM,
} from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const urn = (type: string, name: string) => `urn:pulumi:dev::plugin-test::${type}::${name}`;
const GROUP_POLICIES = urn("eset:index:GroupPolicies", "servers:policies");

let emulator: TestEmulator;
let provider: EsetProvider;

beforeAll(async () => {
  emulator = await startTestEmulator();
  provider = new EsetProvider("0.1.0", "{}");
  provider.configure(
    stackConfigFromVariables({
      "eset:config:endpoint": emulator.url,
      "eset:config:username": emulator.username,
      "eset:config:password": emulator.password,
    }),
  );
});
afterAll(() => emulator.close());

async function ranked(groupUuid: string): Promise<string[]> {
  return (await emulator.policyAssignments())
    .filter((a) => a.target.deviceGroupUuid === groupUuid)
    .sort((a, b) => a.rank - b.rank)
    .map((a) => a.policyUuid);
}

test("a GroupPolicies assigns in order, re-ranks in place, and unassigns on delete", async () => {
  const group = await emulator.console.createGroup({ displayName: "Servers" });
  const checked = await provider.check(
    GROUP_POLICIES,
    {},
    { groupUuid: group.uuid, policies: [MAXIMUM, BALANCED] },
  );
  expect(checked.failures).toEqual([]);
  const created = await provider.create(GROUP_POLICIES, checked.inputs);
  expect(JSON.stringify(created.outs)).not.toContain("__provider");
  expect(created.outs).toMatchObject({
    groupUuid: group.uuid,
    policies: [MAXIMUM, BALANCED],
    exclusive: true,
  });
  expect(await ranked(group.uuid)).toEqual([MAXIMUM, BALANCED]);

  const news = (
    await provider.check(GROUP_POLICIES, checked.inputs, {
      groupUuid: group.uuid,
      policies: [BALANCED, MAXIMUM],
    })
  ).inputs;
  const diff = await provider.diff(created.id, GROUP_POLICIES, created.outs, news);
  expect(diff).toMatchObject({ changes: true });
  expect(diff.replaces ?? []).toEqual([]);
  const updated = await provider.update(created.id, GROUP_POLICIES, created.outs, news);
  expect(await ranked(group.uuid)).toEqual([BALANCED, MAXIMUM]);

  const read = await provider.read(created.id, GROUP_POLICIES, updated.outs);
  expect(read.props).toMatchObject({ policies: [BALANCED, MAXIMUM] });

  await provider.delete(created.id, GROUP_POLICIES, updated.outs);
  expect(await ranked(group.uuid)).toEqual([]);
});

test("a GroupPolicies with a misspelt input fails check, naming the valid ones", async () => {
  const checked = await provider.check(
    GROUP_POLICIES,
    {},
    { groupUuid: emulator.allGroupUuid, policy: [BALANCED] },
  );
  expect(checked.failures).toEqual(expect.arrayContaining([expect.objectContaining({ property: "policy" })]));
});

test("a PolicyAnchor finds a built-in policy by name, and its delete leaves the policy", async () => {
  const name = urn("eset:index:PolicyAnchor", "baseline");
  const checked = await provider.check(name, {}, { displayName: "Antivirus - Balanced" });
  expect(checked.failures).toEqual([]);
  const anchor = await provider.create(name, checked.inputs);
  expect(anchor.id).toBe(BALANCED);
  expect(anchor.outs).toMatchObject({ uuid: BALANCED, displayName: "Antivirus - Balanced", builtIn: true });
  await provider.delete(anchor.id, name, anchor.outs);
  expect((await emulator.policies()).map((p) => p.uuid)).toContain(BALANCED);
});

test("a PolicyAnchor with a misspelt name fails check with the closest name", async () => {
  const checked = await provider.check(
    urn("eset:index:PolicyAnchor", "typo"),
    {},
    { displayName: "Antivirus - Balancd" },
  );
  expect(JSON.stringify(checked.failures)).toContain("Antivirus - Balanced");
});
