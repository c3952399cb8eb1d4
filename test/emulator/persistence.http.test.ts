import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ANTIVIRUS_BALANCED_POLICY_UUID, startEmulator } from "../../emulator";
import { emulatorControl } from "../../emulator/control-client";
import { ALL, Api } from "./http/api";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "eset-emulator-state-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("--state keeps groups, devices, deletions, users and settings across a restart", async () => {
  const stateFile = join(dir, "state.json");
  const seed = { tenants: [{ id: "acme", users: [{ username: "api@acme.test", password: "acme-secret" }] }] };
  const first = await startEmulator({ stateFile, seed });
  const api = new Api(first.url);
  const token = await api.signIn();
  const kept = (await api.createGroup(token, { displayName: "Kept", parentGroupUuid: ALL })).body.group.uuid;
  const gone = (await api.createGroup(token, { displayName: "Gone", parentGroupUuid: ALL })).body.group.uuid;
  await api.control("POST", "seed", {
    tenants: [
      {
        id: "demo",
        devices: [
          {
            uuid: "0000aaaa-0000-4000-8000-000000000001",
            displayName: "PC",
            groupUuid: kept,
            groupUuids: [ALL],
          },
        ],
      },
    ],
  });
  await api.call("DELETE", `/v1/groups/${gone}?releaseConsumedUnits=true`, { token });
  await api.control("PUT", "settings", { allowDuplicateSiblingNames: true });
  const before = (await api.control("GET", "state")).body;
  await first.close();

  // The seed is not applied again over a restored state (acme's user would be re-added otherwise).
  const second = await startEmulator({ stateFile, seed });
  try {
    const again = new Api(second.url);
    expect((await again.control("GET", "state")).body).toEqual(before);
    expect((await again.control("GET", "settings")).body.allowDuplicateSiblingNames).toBe(true);
    expect(await again.signIn("api@acme.test", "acme-secret")).toEqual(expect.any(String));
    const listed = await again.call("GET", "/v1/device_groups", { token: await again.signIn() });
    expect(listed.body.deviceGroups.map((g: { uuid: string }) => g.uuid)).toContain(kept);
  } finally {
    await second.close();
  }

  const text = readFileSync(stateFile, "utf8");
  expect(text).not.toContain("acme-secret");
  expect(text).not.toContain("demo-password");
  expect(readdirSync(dir)).toEqual(["state.json"]); // no temp file left behind
});

test("every change is on disk at once, not only at shutdown", async () => {
  const stateFile = join(dir, "state.json");
  const emulator = await startEmulator({ stateFile });
  try {
    const api = new Api(emulator.url);
    await api.createGroup(await api.signIn(), { displayName: "Written now", parentGroupUuid: ALL });
    expect(readFileSync(stateFile, "utf8")).toContain('"displayName":"Written now"');
    await api.control("POST", "reset");
    expect(readFileSync(stateFile, "utf8")).not.toContain("Written now");
  } finally {
    await emulator.close();
  }
});

test.each([
  ["not JSON", "{oops", /^cannot read emulator state .*state\.json: /],
  [
    "another file",
    '{"hello":1}',
    /is not an emulator state file \(format "undefined"\): pass another --state file$/,
  ],
  [
    "a damaged state",
    '{"format":"eset-connect-emulator-state","version":1,"settings":{},"cloud":{"tenants":[{"id":""}],"users":[]}}',
    /^not an emulator state: /,
  ],
])("refuses to start from %s, saying why", async (_name, content, message) => {
  const stateFile = join(dir, "state.json");
  writeFileSync(stateFile, content);
  await expect(startEmulator({ stateFile })).rejects.toThrow(message);
  expect(readFileSync(stateFile, "utf8")).toBe(content); // left as it was
});

test("--state keeps custom policies and assignments with their ranks; state files without them still load", async () => {
  const stateFile = join(dir, "state.json");
  const first = await startEmulator({ stateFile });
  const control = emulatorControl(first.url);
  const group = (await control.console.createGroup({ displayName: "Servers" })).uuid;
  const custom = await control.console.createPolicy({ displayName: "Strict", description: "USB off" });
  await control.console.assignPolicy(ANTIVIRUS_BALANCED_POLICY_UUID, { deviceGroupUuid: group });
  const moved = await control.console.assignPolicy(custom.uuid, { deviceGroupUuid: group });
  await control.console.rankPolicyAssignment(moved.uuid, 1);
  const [policies, assignments] = [await control.policies(), await control.policyAssignments()];
  await first.close();

  const second = await startEmulator({ stateFile });
  try {
    const again = emulatorControl(second.url);
    expect([await again.policies(), await again.policyAssignments()]).toEqual([policies, assignments]);
  } finally {
    await second.close();
  }

  // A file written before policies existed: its tenants have no policy fields.
  const saved = JSON.parse(readFileSync(stateFile, "utf8"));
  for (const t of saved.cloud.tenants) {
    delete t.policies;
    delete t.policyAssignments;
  }
  writeFileSync(stateFile, JSON.stringify(saved));
  const third = await startEmulator({ stateFile });
  try {
    const old = emulatorControl(third.url);
    expect([(await old.policies()).length, await old.policyAssignments()]).toEqual([10, []]);
  } finally {
    await third.close();
  }
});
