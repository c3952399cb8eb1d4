import { runCli } from "../../provider/cli/program";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const U = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CUSTOMERS = U(1);
const ACME = U(2);
const BERLIN = U(3);
const GLOBEX = U(4);
const PARIS = U(5);

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
          // Static groups: a linked (customer, site) group can only be an anchor, never renamed.
          { uuid: ACME, displayName: "Acme", parentGroupUuid: CUSTOMERS },
          { uuid: BERLIN, displayName: "Berlin", parentGroupUuid: ACME },
          { uuid: GLOBEX, displayName: "Globex", parentGroupUuid: CUSTOMERS },
          { uuid: PARIS, displayName: "Paris", parentGroupUuid: GLOBEX },
        ],
      },
    ],
  });
  await emulator.clearRequests();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  written: Record<string, string>;
}

async function run(
  argv: string[],
  files: Record<string, string> = {},
  env?: NodeJS.ProcessEnv,
): Promise<Run> {
  const out: Run = { code: -1, stdout: "", stderr: "", written: {} };
  out.code = await runCli(argv, {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env: env ?? {
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

/** The calls that reached the API (the control plane is not logged). */
async function apiCalls(): Promise<string[]> {
  return (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
}

describe("eset-connect tree", () => {
  it("prints the live tree with uuids and entity types", async () => {
    const result = await run(["tree"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      [
        `All  ${emulator.allGroupUuid}`,
        `├── Customers  ${CUSTOMERS}`,
        `│   ├── Acme  ${ACME}`,
        `│   │   └── Berlin  ${BERLIN}`,
        `│   └── Globex  ${GLOBEX}`,
        `│       └── Paris  ${PARIS}`,
        `└── Lost & found  ${emulator.lostAndFoundUuid}`,
        "",
      ].join("\n"),
    );
  });

  it("starts from --root given as a path or a uuid", async () => {
    const byPath = await run(["tree", "--root", "Customers/Globex"]);
    const byUuid = await run(["tree", "--root", GLOBEX]);
    expect(byPath.stdout).toBe(`Customers/Globex  ${GLOBEX}\n└── Paris  ${PARIS}\n`);
    expect(byUuid.stdout).toBe(byPath.stdout);
  });

  it("fails with exit code 1 and a fix when --root matches nothing", async () => {
    const result = await run(["tree", "--root", "Customers/Nobody"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'eset-connect: --root "Customers/Nobody" matches no group; give a group\'s uuid or its path below All (e.g. "Customers/Europe"); `eset-connect tree` lists them\n',
    );
  });
});

describe("eset-connect export", () => {
  it("writes YAML that adopts every group and plans no change (zero creates)", async () => {
    const exported = await run(["export"]);
    expect(exported).toMatchObject({ code: 0, stderr: "" });
    expect(exported.stdout).toContain(
      [
        "groups:",
        "  - name: Customers",
        "    key: customers",
        `    existingUuid: ${CUSTOMERS}`,
        "    children:",
        "      - name: Acme",
        "        key: customers/acme",
        `        existingUuid: ${ACME}`,
      ].join("\n"),
    );
    expect(exported.stdout).not.toContain("Lost & found");
    await emulator.clearRequests();
    const plan = await run(["plan", "hierarchy.yaml"], { "hierarchy.yaml": exported.stdout });
    expect(plan).toMatchObject({ code: 0, stderr: "" });
    expect(plan.stdout).toBe("No differences: the groups under All match hierarchy.yaml (5 groups).\n");
  });

  it("exports a subtree under --root to --output, with parent set to the root's uuid", async () => {
    const result = await run(["export", "--root", "Customers", "--output", "customers.yaml"]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    const text = result.written["customers.yaml"];
    expect(text).toContain(`parent: ${CUSTOMERS} # Customers\ngroups:\n  - name: Acme\n    key: acme\n`);
    const plan = await run(["plan", "customers.yaml"], { "customers.yaml": text });
    expect(plan.code).toBe(0);
  });
});

describe("eset-connect plan", () => {
  const declared = [
    "parent: Customers",
    "groups:",
    "  - name: Acme Corp", // renamed
    "    existingUuid: " + ACME,
    "    children:",
    "      - name: Berlin",
    "        existingUuid: " + BERLIN,
    "      - name: Paris", // moved here from Globex
    "        existingUuid: " + PARIS,
    "      - name: Munich", // new
    "  - name: Globex",
    "    existingUuid: " + GLOBEX,
    "",
  ].join("\n");

  it("prints each change kind as a tree and exits 2, using only listing calls", async () => {
    await emulator.seed({
      tenants: [
        { id: emulator.tenant, groups: [{ uuid: U(9), displayName: "By hand", parentGroupUuid: GLOBEX }] },
      ],
    });
    await emulator.clearRequests();
    const result = await run(["plan", "h.yaml"], { "h.yaml": declared });
    expect(result).toMatchObject({ code: 2, stderr: "" });
    expect(result.stdout).toBe(
      [
        `Plan for h.yaml under Customers (${CUSTOMERS}):`,
        "",
        "  Customers",
        "~ ├── Acme → Acme Corp",
        "→ │   ├── Paris (from Customers/Globex/Paris → Customers/Acme Corp/Paris)",
        "+ │   └── Munich",
        "  └── Globex",
        `?     └── By hand (in ESET, not declared: ${U(9)})`,
        "",
        "1 to create, 1 to rename, 1 to move, 1 not declared; 2 unchanged.",
        "",
      ].join("\n"),
    );
    const calls = await apiCalls();
    expect(calls.filter((call) => call !== "POST /oauth/token" && call !== "GET /v1/device_groups")).toEqual(
      [],
    );
    expect(calls).toContain("GET /v1/device_groups");
    const state = await emulator.state();
    expect(state.tenants[0].groups.find((g) => g.uuid === ACME)?.displayName).toBe("Acme");
  });

  it("prints Markdown for a pull-request comment and JSON for machines", async () => {
    const markdown = await run(["plan", "h.yaml", "--format", "markdown"], { "h.yaml": declared });
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toMatch(
      /^<!-- eset-connect-plan -->\n### ESET group hierarchy plan for `h.yaml`\n/,
    );
    expect(markdown.stdout).toContain("```diff\n  Customers\n~ └── Acme → Acme Corp\n");
    const json = await run(["plan", "h.yaml", "--format", "json"], { "h.yaml": declared });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).summary).toEqual({
      create: 1,
      remove: 0,
      rename: 1,
      move: 1,
      retype: 0,
      unmanaged: 0,
      policies: 0,
      unchanged: 2,
      anchors: 0,
    });
  });

  it("uses the uuids Pulumi recorded (--uuids) to see removals", async () => {
    const file =
      "parent: Customers\ngroups:\n  - name: Acme\n    key: acme\n    children:\n      - name: Berlin\n        key: berlin\n";
    const outputs = JSON.stringify({
      uuidsByKey: { acme: ACME, berlin: BERLIN, globex: GLOBEX, paris: PARIS },
    });
    const result = await run(["plan", "h.yaml", "--uuids", "out.json"], {
      "h.yaml": file,
      "out.json": outputs,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `-     └── Paris (no longer declared: key paris, ${PARIS}; it holds no devices)`,
    );
    expect(result.stdout).toContain(
      `- └── Globex (no longer declared: key globex, ${GLOBEX}; it holds no devices)`,
    );
  });

  describe("blast radius", () => {
    const file =
      "parent: Customers\ngroups:\n  - name: Acme\n    key: acme\n    children:\n      - name: Berlin\n        key: berlin\n";
    const files = {
      "h.yaml": file,
      "out.json": JSON.stringify({ acme: ACME, berlin: BERLIN, globex: GLOBEX, paris: PARIS }),
    };
    beforeEach(async () => {
      await emulator.seed({
        tenants: [
          {
            id: emulator.tenant,
            groups: [{ uuid: U(9), displayName: "By hand", parentGroupUuid: PARIS }],
            devices: [
              { uuid: U(21), displayName: "globex-pc", groupUuid: GLOBEX },
              { uuid: U(22), displayName: "paris-pc", groupUuid: PARIS },
              { uuid: U(23), displayName: "by-hand-pc", groupUuid: U(9) },
              { uuid: U(24), displayName: "berlin-pc", groupUuid: BERLIN },
            ],
          },
        ],
      });
      await emulator.clearRequests();
    });

    it("says what ESET deletes with each removal, with one device listing below the removals", async () => {
      const result = await run(["plan", "h.yaml", "--uuids", "out.json"], files);
      expect(result).toMatchObject({ code: 2, stderr: "" });
      expect(result.stdout).toBe(
        [
          `Plan for h.yaml under Customers (${CUSTOMERS}):`,
          "",
          "  Customers",
          `- └── Globex (no longer declared: key globex, ${GLOBEX}; ESET deletes with it 1 device ("globex-pc"))`,
          `-     └── Paris (no longer declared: key paris, ${PARIS}; ESET deletes with it 2 devices ("by-hand-pc", "paris-pc") and 1 undeclared group ("By hand"))`,
          `-         └── By hand (in ESET, not declared: ${U(9)}; deleted with Paris)`,
          "",
          "2 to delete, 1 not declared; 2 unchanged.",
          "Deleting the removed groups also deletes 3 devices and 1 undeclared group in ESET.",
          "",
        ].join("\n"),
      );
      const calls = (await apiCalls()).filter((call) => call !== "POST /oauth/token");
      // The tenant's policies and assignments too: the plan says which assignments go with a removal.
      expect(calls).toEqual([
        "GET /v1/device_groups",
        "GET /v2/policies",
        "GET /v2/policy-assignments",
        `GET /v1/device_groups/${GLOBEX}/devices`,
      ]);
      const state = await emulator.state();
      expect(state.tenants[0].devices).toHaveLength(4); // read-only: nothing deleted
    });

    it("exits 1 with --fail-on-device-loss, after printing the plan", async () => {
      const result = await run(["plan", "h.yaml", "--uuids", "out.json", "--fail-on-device-loss"], files);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("Deleting the removed groups also deletes 3 devices");
      expect(result.stderr).toBe(
        "eset-connect: the plan deletes 3 devices with the removed groups (--fail-on-device-loss); move them out of those groups in ESET PROTECT, or keep the groups declared\n",
      );
    });

    it("keeps exit code 2 with --fail-on-device-loss when no device would be deleted, listing no devices", async () => {
      const kept = `${file}  - name: Globex\n    key: globex\n    children:\n      - name: Paris\n        key: paris\n`;
      const result = await run(["plan", "h.yaml", "--uuids", "out.json", "--fail-on-device-loss"], {
        ...files,
        "h.yaml": kept,
      });
      expect(result).toMatchObject({ code: 2, stderr: "" });
      expect(result.stdout).toContain(`?         └── By hand (in ESET, not declared: ${U(9)})`);
      const calls = (await apiCalls()).filter((call) => call !== "POST /oauth/token");
      expect(calls).toEqual(["GET /v1/device_groups"]);
    });

    it("prints the Mermaid picture alone with --format mermaid", async () => {
      const result = await run(["plan", "h.yaml", "--uuids", "out.json", "--format", "mermaid"], files);
      expect(result.code).toBe(2);
      expect(result.stdout).toMatch(/^flowchart TD\n {2}n0\(\["Customers"\]\)\n/);
      expect(result.stdout).toContain(
        '  n1["Globex<br/>delete with 1 device<br/>devices: globex-pc"]:::remove\n',
      );
      expect(result.stdout).toContain(
        '  n3["By hand<br/>not declared<br/>deleted with Paris"]:::deletedWith\n',
      );
    });
  });

  it("reports an invalid file as file:line:column with exit code 1 and no API call", async () => {
    const result = await run(["plan", "h.yaml"], { "h.yaml": "groups:\n  - name: Acme\n    colour: red\n" });
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toBe(
      'h.yaml:3:5: unknown field "colour"; a group\'s fields are name, key, anchor, description, linkedEntityType, existingUuid, forceDestroy, policies, children\n',
    );
    expect(await apiCalls()).toEqual([]);
  });

  it("reports a parent that matches no group at its position", async () => {
    const result = await run(["plan", "h.yaml"], { "h.yaml": "parent: Customers/Nowhere\ngroups: []\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'eset-connect: h.yaml:1:9: parent "Customers/Nowhere" matches no group in ESET (neither a uuid nor a path below All); give an existing group\'s uuid or path, `eset-connect tree` lists them\n',
    );
  });

  it("reports a missing file", async () => {
    const result = await run(["plan", "missing.yaml"]);
    expect(result).toMatchObject({
      code: 1,
      stderr: "eset-connect: cannot read or write missing.yaml: ENOENT\n",
    });
  });

  it("rejects an unknown --format with the valid ones", async () => {
    const result = await run(["plan", "h.yaml", "--format", "html"], { "h.yaml": declared });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Allowed choices are text, markdown, mermaid, json.");
  });
});

describe("connection settings", () => {
  it("takes the password from ESET_CONNECT_PASSWORD only and says why", async () => {
    const result = await run(["tree", "--endpoint", emulator.url, "--username", emulator.username], {}, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "eset-connect: no password; set ESET_CONNECT_PASSWORD (there is no --password flag on purpose: it would be kept in shell history and CI logs)\n",
    );
    const flag = await run(["tree", "--password", "x"], {}, {});
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("unknown option '--password'");
  });

  it("lists every missing setting with its flag and variable", async () => {
    const result = await run(["tree"], {}, {});
    expect(result.stderr).toBe(
      [
        "eset-connect: no ESET address; pass --region (eu, de, us, ca, jpn), --endpoint URL or, for ESET PROTECT On-Prem, --server-url URL; or set ESET_CONNECT_REGION, ESET_CONNECT_ENDPOINT or ESET_CONNECT_SERVER_URL",
        "eset-connect: no API user; pass --username or set ESET_CONNECT_USERNAME",
        "eset-connect: no password; set ESET_CONNECT_PASSWORD (there is no --password flag on purpose: it would be kept in shell history and CI logs)",
        "",
      ].join("\n"),
    );
  });

  it("lets flags win over environment variables", async () => {
    const result = await run(
      ["--endpoint", emulator.url, "tree"],
      {},
      {
        ESET_CONNECT_ENDPOINT: "http://127.0.0.1:9",
        ESET_CONNECT_USERNAME: emulator.username,
        ESET_CONNECT_PASSWORD: emulator.password,
      },
    );
    expect(result.code).toBe(0);
  });

  it("rejects a wrong password without printing it", async () => {
    // Other tests signed in as this user in this process: a cached token must not let a wrong password in.
    const result = await run(
      ["tree"],
      {},
      {
        ESET_CONNECT_ENDPOINT: emulator.url,
        ESET_CONNECT_USERNAME: emulator.username,
        ESET_CONNECT_PASSWORD: "wrong-secret-123",
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^eset-connect: /);
    expect(result.stderr + result.stdout).not.toContain("wrong-secret-123");
  });
});
