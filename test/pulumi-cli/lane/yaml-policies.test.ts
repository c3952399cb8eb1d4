// Policies from Pulumi YAML over the eset plugin, through the real CLI against the emulator: a
// Hierarchy node's `policies:` (names, built by `construct`) and a GroupPolicies listing a
// PolicyAnchor. Up assigns them in order; a reorder in the program is one update (a re-ranking);
// a policy assigned by hand fails `preview --refresh --expect-no-changes` and `up --refresh` takes
// it away; removing one policy and then a node's whole `policies:` unassigns; destroy leaves none.
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID as MAXIMUM,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB,
  LOGGING_FULL_DIAGNOSTIC_POLICY_UUID as LOGGING,
} from "../../../emulator";
import { PLUGIN, managedTree, pluginLane } from "./plugin-lane";

jest.setTimeout(15 * 60_000);

const lane = pluginLane("yaml-policies");

/** Each group's assigned policies by path below All, rank order. */
async function assigned(): Promise<Record<string, string[]>> {
  const { uuids, paths } = await managedTree(lane.emulator);
  const all = await lane.emulator.policyAssignments();
  return Object.fromEntries(
    paths.map((p) => [
      p,
      all
        .filter((a) => a.target.deviceGroupUuid === uuids[p])
        .sort((a, b) => a.rank - b.rank)
        .map((a) => a.policyUuid),
    ]),
  );
}

test("YAML policies: assign, reorder, drift repaired, unassign, destroy", async () => {
  const { cli, emulator } = lane;
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why

  const up = await cli.run("up");
  expect(up.errors).toEqual([]);
  expect(up).toMatchObject({
    code: 0,
    changes: [
      "create baseline",
      "create emea",
      "create emeaPolicies",
      "create tree",
      "create tree/laptops",
      "create tree/servers",
      "create tree/servers:policies",
    ],
  });
  expect(up.output).toContain("eset:index:GroupPolicies tree/servers:policies");
  expect(await assigned()).toEqual({
    "All/EMEA": [BALANCED],
    "All/Laptops": [],
    "All/Servers": [MAXIMUM, USB],
  });
  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  // Reorder: the second becomes the first.
  cli.edit(
    "Pulumi.yaml",
    "- Antivirus - Maximum security\n              - Device control - Maximum security",
    "- Device control - Maximum security\n              - Antivirus - Maximum security",
  );
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: ["update tree/servers:policies"] });
  expect((await assigned())["All/Servers"]).toEqual([USB, MAXIMUM]);

  // Drift: a policy assigned by hand to a managed group.
  const { uuids } = await managedTree(emulator);
  await emulator.console.assignPolicy(LOGGING, { deviceGroupUuid: uuids["All/EMEA"] });
  expect((await cli.run("preview", ["--refresh", "--expect-no-changes"])).code).not.toBe(0);
  expect(await cli.run("up", ["--refresh"])).toMatchObject({ code: 0, changes: ["update emeaPolicies"] });
  expect((await assigned())["All/EMEA"]).toEqual([BALANCED]);
  expect(await cli.run("preview", ["--refresh", "--expect-no-changes"])).toMatchObject({ code: 0 });

  // Unassign one, then leave the node's policies unmanaged (its GroupPolicies is deleted).
  cli.edit("Pulumi.yaml", "              - Antivirus - Maximum security\n", "");
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: ["update tree/servers:policies"] });
  expect((await assigned())["All/Servers"]).toEqual([USB]);
  cli.edit("Pulumi.yaml", "            policies:\n              - Device control - Maximum security\n", "");
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: ["delete tree/servers:policies"] });
  expect((await assigned())["All/Servers"]).toEqual([]);

  expect(await cli.run("destroy")).toMatchObject({ code: 0 });
  expect((await managedTree(emulator)).paths).toEqual([]);
  expect(await emulator.policyAssignments()).toEqual([]);
  expect((await emulator.policies()).map((p) => p.uuid)).toContain(BALANCED);
});
