// GroupPolicies and PolicyAnchor through their whole life, through the engine harness (real SDK,
// real dynamic-provider host) against the emulator: assign, reorder, unassign, drift made in the
// console found by `preview --refresh --expect-no-changes` and repaired by `up --refresh`, destroy.
// Run once per emulator mode, so each user-error style and each value of the policy switches that
// touch this lifecycle is met (the steps no switch touches, once): duplicatePolicyAssignment refuse|allow, policyAssignmentsOnGroupDelete
// drop|keep, policiesOnSpecialGroups allow|refuse (a GroupPolicies on All: done, or refused naming it).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB,
  FIREWALL_BLOCK_ALL_POLICY_UUID as FIREWALL,
  LOGGING_FULL_DIAGNOSTIC_POLICY_UUID as LOGGING,
  BUILT_IN_POLICIES,
  startEmulator,
  type EmulatorSettingsPatch,
  type RunningEmulator,
} from "../../emulator";
import { emulatorControl, type EmulatorControl } from "../../emulator/control-client";
import { assertBuilt, errorsOf, RUN_TIMEOUT_MS, runEngineCli, step, type EngineRun } from "./run-engine";
import { wireCandidate, wireCandidateLabel } from "../support/wire-candidate";

beforeAll(() => assertBuilt({ provider: true }));
jest.setTimeout(4 * RUN_TIMEOUT_MS);

const PROGRAM = path.join(__dirname, "fixtures", "policies");
const nameOf = (uuid: string): string => BUILT_IN_POLICIES.find((p) => p.uuid === uuid)!.displayName;

interface Declared {
  key: string;
  name: string;
  policies: string[];
  exclusive?: boolean;
  groupUuid?: string;
}

class PolicyStack {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "policies-engine-"));
  private groups: Declared[] = [];
  constructor(private readonly emulator: RunningEmulator) {}

  declare(groups: Declared[]): this {
    this.groups = groups;
    return this;
  }

  run(command: "up" | "preview" | "refresh" | "destroy", flags: string[] = []): Promise<EngineRun> {
    const { username, password } = this.emulator.defaults;
    return runEngineCli([
      command,
      PROGRAM,
      "--stack",
      "test",
      "--state",
      path.join(this.dir, "state.json"),
      "--config",
      `policies:groups=${JSON.stringify(this.groups)}`,
      "--config",
      `eset:endpoint=${this.emulator.url}`,
      "--config",
      `eset:username=${username}`,
      "--secret-config",
      `eset:password=${password}`,
      ...flags,
    ]);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function expectOk(run: EngineRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${errorsOf(run.report).join("\n")}\n${run.stderr}`);
}

const modes: [string, EmulatorSettingsPatch][] = [
  [
    "user errors 400, duplicates refused, assignments dropped with their group, special groups allowed",
    {
      userErrorStatus: 400,
      duplicatePolicyAssignment: "refuse",
      policyAssignmentsOnGroupDelete: "drop",
      policiesOnSpecialGroups: "allow",
    },
  ],
  [
    "user errors 403, duplicates allowed, assignments kept with their group, special groups refused",
    {
      userErrorStatus: 403,
      duplicatePolicyAssignment: "allow",
      policyAssignmentsOnGroupDelete: "keep",
      policiesOnSpecialGroups: "refuse",
    },
  ],
];

describe.each(modes)(`policies on the tree (%s)${wireCandidateLabel()}`, (_label, settings) => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let stack: PolicyStack;

  /** Policy uuids of the group named `name`, rank 1 first. */
  const policiesOf = async (name: string): Promise<string[]> => {
    const state = await control.state();
    const group = state.tenants[0].groups.find((g) => g.displayName === name);
    if (!group) return [];
    return (await control.policyAssignments())
      .filter((a) => a.target.deviceGroupUuid === group.uuid)
      .sort((a, b) => a.rank - b.rank)
      .map((a) => a.policyUuid);
  };
  const assignmentOf = async (name: string, policyUuid: string) => {
    const group = (await control.state()).tenants[0].groups.find((g) => g.displayName === name)!;
    return (await control.policyAssignments()).find(
      (a) => a.target.deviceGroupUuid === group.uuid && a.policyUuid === policyUuid,
    )!;
  };
  const policyWrites = async (from: number) =>
    (await control.requests())
      .slice(from)
      .filter((r) => r.method !== "GET" && r.path.startsWith("/v2/"))
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, "<uuid>")}`);

  const servers = (policies: string[]): Declared => ({
    key: "servers",
    name: "Servers",
    policies: policies.map(nameOf),
  });
  const laptops = (policies: string[]): Declared => ({
    key: "laptops",
    name: "Laptops",
    policies: policies.map(nameOf),
  });

  beforeAll(async () => {
    emulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      settings: { ...wireCandidate(), ...settings, rateLimit: { perSecond: 1000 } },
    });
    control = emulatorControl(emulator.url);
    stack = new PolicyStack(emulator);
  });
  afterAll(async () => {
    stack.cleanup();
    await emulator.close();
  });

  // Assigning and reordering meet none of the switches above (no user error, no duplicate, no
  // group deleted, no special group), so they are checked in the first mode only; the other modes
  // start from where they leave the stack, in one up.
  if (settings === modes[0][1]) {
    it("up assigns each group's policies in order; preview and refresh right after find nothing", async () => {
      stack.declare([servers([USB, BALANCED]), laptops([BALANCED, LOGGING])]);
      expectOk(await stack.run("up"));
      expect(await policiesOf("Servers")).toEqual([USB, BALANCED]);
      expect(await policiesOf("Laptops")).toEqual([BALANCED, LOGGING]);
      expectOk(await stack.run("preview", ["--expect-no-changes"]));
      expectOk(await stack.run("refresh", ["--expect-no-changes"]));
    });

    it("a reorder is one rank call; a removed policy is one unassign; nothing else is written", async () => {
      stack.declare([servers([BALANCED, USB]), laptops([BALANCED])]);
      const from = (await control.requests()).length;
      const up = await stack.run("up");
      expectOk(up);
      expect(await policiesOf("Servers")).toEqual([BALANCED, USB]);
      expect(await policiesOf("Laptops")).toEqual([BALANCED]);
      expect((await policyWrites(from)).sort()).toEqual([
        "DELETE /v2/policy-assignments/<uuid>",
        "POST /v2/policy-assignments/<uuid>:updateRanking",
      ]);
    });
  } else {
    it("up to the reordered policies (assign and reorder are checked in the first mode)", async () => {
      stack.declare([servers([BALANCED, USB]), laptops([BALANCED])]);
      expectOk(await stack.run("up"));
      expect(await policiesOf("Servers")).toEqual([BALANCED, USB]);
      expect(await policiesOf("Laptops")).toEqual([BALANCED]);
    });
  }

  it("drift made in the console fails preview --refresh --expect-no-changes, and up --refresh repairs it", async () => {
    await control.console.rankPolicyAssignment((await assignmentOf("Servers", USB)).uuid, 1);
    await control.console.unassignPolicy((await assignmentOf("Laptops", BALANCED)).uuid);
    await control.console.assignPolicy(FIREWALL, {
      deviceGroupUuid: (await assignmentOf("Servers", USB)).target.deviceGroupUuid!,
    });
    if (settings.duplicatePolicyAssignment === "allow") {
      const serversUuid = (await assignmentOf("Servers", USB)).target.deviceGroupUuid!;
      await control.console.assignPolicy(BALANCED, { deviceGroupUuid: serversUuid });
    }

    const preview = await stack.run("preview", ["--refresh", "--expect-no-changes"]);
    expect(preview.code).not.toBe(0);
    expect(step(preview.report, "servers-policies")).toMatchObject({ op: "update", diffs: ["policies"] });
    expect(step(preview.report, "laptops-policies")).toMatchObject({ op: "update", diffs: ["policies"] });
    expect(errorsOf(preview.report)).toContain("no changes were expected but changes were proposed");

    expectOk(await stack.run("up", ["--refresh"]));
    expect(await policiesOf("Servers")).toEqual([BALANCED, USB]);
    expect(await policiesOf("Laptops")).toEqual([BALANCED]);
    expectOk(await stack.run("preview", ["--refresh", "--expect-no-changes"]));
  });

  it("policies on All: assigned where ESET allows it, refused naming the group where it does not", async () => {
    const all = {
      key: "all",
      name: "All",
      policies: [nameOf(LOGGING)],
      exclusive: false,
      groupUuid: emulator.defaults.allGroupUuid,
    };
    stack.declare([servers([BALANCED, USB]), laptops([BALANCED]), all]);
    const up = await stack.run("up");
    if (settings.policiesOnSpecialGroups === "allow") {
      expectOk(up);
      expect(
        (await control.policyAssignments())
          .filter((a) => a.target.deviceGroupUuid === emulator.defaults.allGroupUuid)
          .map((a) => a.policyUuid),
      ).toEqual([LOGGING]);
    } else {
      expect(up.code).not.toBe(0);
      expect(errorsOf(up.report).join("\n")).toContain(
        `groupUuid: "All" (${emulator.defaults.allGroupUuid}) is the special group All, and ESET refused`,
      );
      stack.declare([servers([BALANCED, USB]), laptops([BALANCED])]);
    }
  });

  it("destroy removes every assignment it made, then the groups", async () => {
    expectOk(await stack.run("destroy"));
    expect(await control.policyAssignments()).toEqual([]);
    expect((await control.state()).tenants[0].groups.map((g) => g.displayName).sort()).toEqual([
      "All",
      "Lost & found",
    ]);
  });
});
