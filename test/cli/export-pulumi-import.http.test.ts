// `eset-connect export --format pulumi-import` against the emulator: the file `pulumi import --file`
// takes, for the same groups the YAML export adopts — every static group below the root as an
// eset:index:Group and every group carrying policies as an eset:index:GroupPolicies, each by its
// uuid; ESET's linked groups (and the static groups holding one) are left out. The round trip
// through the real CLI (import, printed code, empty preview) is in the real-CLI lane
// (test/pulumi-cli/lane/yaml-plugin.test.ts).
import { runCli } from "../../provider/cli/program";
import { ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED } from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const U = (n: number) => `21000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CUSTOMERS = U(1);
const ACME = U(2);
const SERVERS = U(3);
const SALES = U(4);
const EMEA = U(5);

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
  await emulator.seed({
    tenants: [
      {
        id: emulator.tenant,
        groups: [
          { uuid: CUSTOMERS, displayName: "Customers" },
          {
            uuid: ACME,
            displayName: "Acme",
            parentGroupUuid: CUSTOMERS,
            linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
          },
          { uuid: SERVERS, displayName: "Servers", parentGroupUuid: ACME },
          { uuid: SALES, displayName: "Sales & Marketing", parentGroupUuid: ACME },
          { uuid: EMEA, displayName: "EMEA", parentGroupUuid: CUSTOMERS },
        ],
      },
    ],
  });
  await emulator.console.assignPolicy(BALANCED, { deviceGroupUuid: ACME });
  await emulator.console.assignPolicy(BALANCED, { deviceGroupUuid: SERVERS });
});
afterAll(async () => emulator.close());

async function run(argv: string[]) {
  const out = { code: -1, stdout: "", stderr: "", written: {} as Record<string, string> };
  out.code = await runCli(argv, {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env: {
      ESET_CONNECT_ENDPOINT: emulator.url,
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_PASSWORD: emulator.password,
    },
    readFile: () => {
      throw new Error("no file is read");
    },
    writeFile: (path, text) => (out.written[path] = text),
  });
  return out;
}

describe("eset-connect export --format pulumi-import", () => {
  it("lists each static group and each group's policies by uuid, and leaves linked groups out", async () => {
    const out = await run(["export", "--root", "Customers", "--format", "pulumi-import"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      resources: [
        { type: "eset:index:GroupPolicies", name: "acme-policies", logicalName: "acme:policies", id: ACME },
        {
          type: "eset:index:Group",
          name: "acme-sales-marketing",
          logicalName: "acme/sales-marketing",
          id: SALES,
        },
        { type: "eset:index:Group", name: "acme-servers", logicalName: "acme/servers", id: SERVERS },
        {
          type: "eset:index:GroupPolicies",
          name: "acme-servers-policies",
          logicalName: "acme/servers:policies",
          id: SERVERS,
        },
        { type: "eset:index:Group", name: "emea", logicalName: "emea", id: EMEA },
      ],
    });
  });

  it("writes the file given to --output, and with --no-policies lists the groups only", async () => {
    const out = await run([
      "export",
      "--root",
      "Customers",
      "--format",
      "pulumi-import",
      "--no-policies",
      "-o",
      "import.json",
    ]);
    expect(out.code).toBe(0);
    const written = JSON.parse(out.written["import.json"]) as { resources: { type: string }[] };
    expect(written.resources.map((r) => r.type)).toEqual([
      "eset:index:Group",
      "eset:index:Group",
      "eset:index:Group",
    ]);
  });

  it("refuses an unknown format, naming the choices", async () => {
    const out = await run(["export", "--format", "terraform"]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain("yaml, pulumi-import");
  });
});
