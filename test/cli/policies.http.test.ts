// `eset-connect export` and `plan` with policies, against the emulator's Policy Management service:
// export writes each group's assignments and plans no change; plan shows assignments added,
// removed and reordered per group, names an unknown policy at its line, and lists the assignments
// a group removal takes with it.
import { runCli } from "../../provider/cli/program";
import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID as MAXIMUM,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB,
  LOGGING_FULL_DIAGNOSTIC_POLICY_UUID as LOGGING,
} from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const U = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CUSTOMERS = U(1);
const ACME = U(2);
const SERVERS = U(3);

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  await emulator.reset();
  await emulator.seed({
    tenants: [
      {
        id: emulator.tenant,
        groups: [
          { uuid: CUSTOMERS, displayName: "Customers" },
          { uuid: ACME, displayName: "Acme", parentGroupUuid: CUSTOMERS },
          { uuid: SERVERS, displayName: "Servers", parentGroupUuid: ACME },
        ],
      },
    ],
  });
  await emulator.console.assignPolicy(BALANCED, { deviceGroupUuid: ACME });
  await emulator.console.assignPolicy(MAXIMUM, { deviceGroupUuid: SERVERS });
  await emulator.console.assignPolicy(USB, { deviceGroupUuid: SERVERS });
  await emulator.clearRequests();
});

async function run(argv: string[], files: Record<string, string> = {}) {
  const out = { code: -1, stdout: "", stderr: "", written: {} as Record<string, string> };
  out.code = await runCli(argv, {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env: {
      ESET_CONNECT_ENDPOINT: emulator.url,
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_PASSWORD: emulator.password,
    },
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT ${path}`), { code: "ENOENT", path });
      return files[path];
    },
    writeFile: (path, text) => (out.written[path] = text),
  });
  return out;
}

async function apiCalls(): Promise<string[]> {
  return (await emulator.requests())
    .map((r) => `${r.method} ${r.path.split("?")[0]}`)
    .filter((call) => call !== "POST /oauth/token");
}

const DECLARED = [
  "parent: Customers",
  "groups:",
  "  - name: Acme",
  `    existingUuid: ${ACME}`,
  "    policies: [Antivirus - Balanced]",
  "    children:",
  "      - name: Servers",
  `        existingUuid: ${SERVERS}`,
  "        policies:",
  "          - Antivirus - Maximum security",
  "          - Device control - Maximum security",
  "",
].join("\n");

describe("eset-connect export with policies", () => {
  it("writes each group's policies in rank order, and the file plans no change", async () => {
    const exported = await run(["export", "--root", "Customers"]);
    expect(exported).toMatchObject({ code: 0, stderr: "" });
    expect(exported.stdout).toContain(
      [
        "  - name: Acme",
        "    key: acme",
        `    existingUuid: ${ACME}`,
        "    policies:",
        "      - Antivirus - Balanced",
        "    children:",
        "      - name: Servers",
        "        key: acme/servers",
        `        existingUuid: ${SERVERS}`,
        "        policies:",
        "          - Antivirus - Maximum security",
        "          - Device control - Maximum security",
      ].join("\n"),
    );
    expect(await apiCalls()).toEqual([
      "GET /v1/device_groups",
      "GET /v2/policies",
      "GET /v2/policy-assignments",
    ]);
    const plan = await run(["plan", "h.yaml"], { "h.yaml": exported.stdout });
    expect(plan).toMatchObject({ code: 0, stderr: "" });
  });

  it("leaves policies out with --no-policies, without listing them", async () => {
    const exported = await run(["export", "--no-policies"]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).not.toContain("policies");
    expect(await apiCalls()).toEqual(["GET /v1/device_groups"]);
  });
});

describe("eset-connect plan with policies", () => {
  it("finds no difference when the assignments are the declared ones", async () => {
    const result = await run(["plan", "h.yaml"], { "h.yaml": DECLARED });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe("No differences: the groups under Customers match h.yaml (2 groups).\n");
    expect(await apiCalls()).toEqual([
      "GET /v1/device_groups",
      "GET /v2/policies",
      "GET /v2/policy-assignments",
    ]);
  });

  it("shows assignments made, removed and reordered by hand, and exits 2", async () => {
    const maximum = (await emulator.policyAssignments()).find((a) => a.policyUuid === MAXIMUM)!;
    await emulator.console.rankPolicyAssignment(maximum.uuid, 2);
    await emulator.console.assignPolicy(LOGGING, { deviceGroupUuid: SERVERS });
    const acme = (await emulator.policyAssignments()).find((a) => a.target.deviceGroupUuid === ACME)!;
    await emulator.console.unassignPolicy(acme.uuid);
    const result = await run(["plan", "h.yaml"], { "h.yaml": DECLARED });
    expect(result).toMatchObject({ code: 2, stderr: "" });
    expect(result.stdout).toBe(
      [
        `Plan for h.yaml under Customers (${CUSTOMERS}):`,
        "",
        "  Customers",
        '* └── Acme (policies: + "Antivirus - Balanced" at rank 1)',
        '*     └── Servers (policies: - "Logging - Full diagnostic logging"; reorder "Device control - Maximum security", "Antivirus - Maximum security" → "Antivirus - Maximum security", "Device control - Maximum security")',
        "",
        "2 with policy changes; 0 unchanged.",
        "Policy assignments: 1 to add, 1 to remove, 1 group to reorder.",
        "",
      ].join("\n"),
    );
  });

  it("refuses an unknown policy name at its line, with the closest name, before printing a plan", async () => {
    const result = await run(["plan", "h.yaml"], {
      "h.yaml": DECLARED.replace("- Antivirus - Maximum security", "- Antivirus - Maximum securty"),
    });
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toBe(
      'h.yaml:10:13: Acme/Servers: policies[0] "Antivirus - Maximum securty" matches no policy in ESET; did you mean "Antivirus - Maximum security"? Names are compared exactly, as ESET PROTECT shows them\n',
    );
  });

  it("reads the former policies from a whole stack output: a removed policies: unassigns them", async () => {
    const file = DECLARED.replace("    policies: [Antivirus - Balanced]\n", "");
    const outputs = {
      uuidsByKey: {},
      policyUuidsByKey: { acme: [BALANCED], "acme/servers": [MAXIMUM, USB] },
    };
    const result = await run(["plan", "h.yaml", "--uuids", "out.json"], {
      "h.yaml": file,
      "out.json": JSON.stringify(outputs),
    });
    expect(result).toMatchObject({ code: 2, stderr: "" });
    expect(result.stdout).toContain(
      '* └── Acme (policies: no longer declared, unassigned: - "Antivirus - Balanced")',
    );
    expect(result.stdout).toContain("1 with policy changes; 1 unchanged.");
  });

  it("lists the assignments a group removal takes with it", async () => {
    const file = "parent: Customers\ngroups: []\n";
    const result = await run(["plan", "h.yaml", "--uuids", "uuids.json"], {
      "h.yaml": file,
      "uuids.json": JSON.stringify({ acme: ACME }),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `- └── Acme (no longer declared: key acme, ${ACME}; ESET deletes with it 1 undeclared group ("Servers"); its 3 policy assignments ("Antivirus - Balanced", "Antivirus - Maximum security on Servers", "Device control - Maximum security on Servers") go with it)`,
    );
    expect(result.stdout).toContain(
      "Deleting the removed groups also deletes 1 undeclared group in ESET, and drops 3 policy assignments.",
    );
  });
});
