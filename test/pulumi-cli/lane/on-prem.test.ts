// ESET PROTECT On-Prem through the real Pulumi CLI: the fixture's Hierarchy with eset:serverUrl
// against the emulator run with deployment on-prem (one origin, POST /GetTokens, no group delete,
// no installer calls). Create, an empty preview, a rename and a move in place, drift made by hand
// and repaired, then what On-Prem cannot do, each refused in preview with nothing written: an
// installer file (GpoSccmFile check), a node removed from hierarchy.yaml (the Hierarchy protects
// its groups on On-Prem, and the engine refuses a protected delete in preview), and destroy.
import * as path from "path";
import { declared, moveGroup, renameGroup } from "./hierarchy-edits";
import { CliRunner } from "./runners";
import { play, type Step, type StepRecord } from "./scenario";

jest.setTimeout(20 * 60_000);

const FIXTURE = path.join(__dirname, "fixtures", "on-prem-hierarchy");
const ORIGINAL =
  "groups:\n  - name: Sales\n    key: sales\n    children:\n      - name: Berlin\n        key: berlin\n  - name: Support\n    key: support\n";
/** Sales renamed, Berlin moved below Support: both in place, keys kept. */
const EDITED = moveGroup(renameGroup(ORIGINAL, "sales", "Sales EU"), "berlin", "support");
/** Berlin removed: On-Prem cannot delete it. */
const REMOVED = "groups:\n  - name: Sales EU\n    key: sales\n  - name: Support\n    key: support\n";
const [BEFORE, AFTER] = [declared(ORIGINAL), declared(EDITED)];
const INSTALLER = `import { GpoSccmFile } from "pulumi-eset-connect";
new GpoSccmFile("support-installer", { securityGroupUuid: tree.groups.support.uuid, sendAnonymousDiagnosticData: false });`;

let signIns: string[] = [];

const steps: Step[] = [
  { name: "up", command: "up" },
  { name: "preview --expect-no-changes", command: "preview", flags: ["--expect-no-changes"] },
  {
    name: "rename and move in hierarchy.yaml, up",
    before: ({ runner }) => runner.rewrite("hierarchy.yaml", () => EDITED),
    command: "up",
  },
  {
    name: "rename by hand, preview --refresh --expect-no-changes",
    before: async ({ control, uuidOf }) => {
      await control.console.renameGroup(await uuidOf(AFTER.byKey.support), "Support (renamed by hand)");
    },
    command: "preview",
    flags: ["--refresh", "--expect-no-changes"],
  },
  { name: "up --refresh", command: "up", flags: ["--refresh"] },
  {
    name: "an installer file, preview",
    before: ({ runner }) => runner.edit("index.ts", "// installer", INSTALLER),
    command: "preview",
  },
  {
    name: "a node removed from hierarchy.yaml, preview",
    before: ({ runner }) => {
      runner.edit("index.ts", INSTALLER, "// installer");
      runner.rewrite("hierarchy.yaml", () => REMOVED);
    },
    command: "preview",
  },
  { name: "a node removed from hierarchy.yaml, up", command: "up" },
  {
    name: "destroy",
    before: async ({ control }) => {
      signIns = (await control.requests())
        .filter((r) => r.path === "/GetTokens" || r.path === "/oauth/token")
        .map((r) => `${r.method} ${r.path} ${r.status}`);
    },
    command: "destroy",
  },
];

let cli: StepRecord[];

beforeAll(async () => {
  cli = await play(
    async (connection) => {
      const runner = new CliRunner(FIXTURE, connection);
      await runner.init();
      // On-Prem's one origin in place of the cloud's endpoint.
      for (const args of [
        ["config", "rm", "eset:endpoint"],
        ["config", "set", "eset:serverUrl", connection.url],
      ]) {
        const r = await runner.pulumi(args);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${r.code}):\n${r.output}`);
      }
      return runner;
    },
    steps,
    { prepare: (control) => control.settings({ deployment: "on-prem" }) },
  );
});

function record(name: string): StepRecord {
  const found = cli.find((r) => r.step === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
}

function expectCode(r: StepRecord, code: number): void {
  if (r.code !== code)
    throw new Error(`${r.step}: exit ${r.code}, expected ${code}\n${r.errors.join("\n")}\n${r.output}`);
}

const managed = (r: StepRecord) => r.tree.filter((p) => p.startsWith("All/") && p !== "All/Lost & found");

describe("ESET PROTECT On-Prem through the real Pulumi CLI", () => {
  it("creates the groups, signing in with POST /GetTokens only, and the preview after it is empty", () => {
    expectCode(record("up"), 0);
    expect(managed(record("up"))).toEqual(BEFORE.paths.filter((p) => p !== "All").sort());
    expectCode(record("preview --expect-no-changes"), 0);
    expect(signIns.length).toBeGreaterThan(0);
    expect(new Set(signIns)).toEqual(new Set(["POST /GetTokens 200"]));
  });

  it("renames and moves in place, the uuids kept", () => {
    const edited = record("rename and move in hierarchy.yaml, up");
    expectCode(edited, 0);
    expect(edited.changes).toEqual(["update onprem/berlin", "update onprem/sales"]);
    expect(managed(edited)).toEqual(AFTER.paths.filter((p) => p !== "All").sort());
    for (const key of ["sales", "berlin"]) {
      expect(edited.uuids[AFTER.byKey[key]]).toBe(record("up").uuids[BEFORE.byKey[key]]);
    }
  });

  it("sees drift made by hand, and up --refresh repairs it", () => {
    const preview = record("rename by hand, preview --refresh --expect-no-changes");
    expectCode(preview, 7); // --expect-no-changes found some
    expect(preview.changes).toEqual(["update onprem/support"]);
    const repaired = record("up --refresh");
    expectCode(repaired, 0);
    expect(managed(repaired)).toEqual(AFTER.paths.filter((p) => p !== "All").sort());
  });

  it("refuses an installer file in preview (check), with On-Prem's reason", () => {
    const preview = record("an installer file, preview");
    expectCode(preview, 1);
    expect(preview.changes).toEqual([]);
    expect(preview.errors.join("\n")).toContain("ESET PROTECT On-Prem's REST API has no installer calls");
  });

  it("refuses a removed node in preview and in up, writing nothing, and says why", () => {
    const preview = record("a node removed from hierarchy.yaml, preview");
    expectCode(preview, 1);
    expect(preview.changes).toEqual(["delete onprem/berlin"]);
    expect(preview.errors.join("\n")).toMatch(/onprem\/berlin.*cannot be deleted[\s\S]*protected/);
    expect(preview.output).toContain("ESET PROTECT On-Prem (eset:serverUrl) has no group delete");
    const up = record("a node removed from hierarchy.yaml, up");
    expectCode(up, 1);
    expect(up.errors.join("\n")).toMatch(/onprem\/berlin.*cannot be deleted[\s\S]*protected/);
    expect(managed(up)).toEqual(managed(record("up --refresh")));
  });

  it("refuses destroy, leaving every group in ESET", () => {
    const destroy = record("destroy");
    expectCode(destroy, 1);
    expect(destroy.errors.join("\n")).toContain("because it is protected");
    expect(managed(destroy)).toEqual(AFTER.paths.filter((p) => p !== "All").sort());
  });
});
