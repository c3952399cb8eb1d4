// examples/hierarchy (the Hierarchy component over hierarchy.yaml) through the real Pulumi CLI
// against the emulator, then the same steps through the engine harness: up, an empty preview, a
// customer renamed and a site moved to another customer in the YAML (in place, uuids kept), a
// rename and a move made by hand (preview --refresh --expect-no-changes fails, up --refresh
// repairs), an empty refresh, destroy. Both runs must agree on exit codes, changes and live tree.
import * as fs from "fs";
import * as path from "path";
import { REPO } from "../../engine/run-engine";
import { declared, linkedPaths, moveGroup, renameGroup } from "./hierarchy-edits";
import { CliRunner, HarnessRunner } from "./runners";
import { comparable, play, type Step, type StepRecord } from "./scenario";

jest.setTimeout(30 * 60_000);

const ORIGINAL = fs.readFileSync(path.join(REPO, "examples", "hierarchy", "hierarchy.yaml"), "utf8");
/** The user's edits: a customer renamed, a site (with its departments) moved to another customer. */
const EDITED = moveGroup(renameGroup(ORIGINAL, "acme", "Acme Corporation"), "acme-munich", "globex");
/** Paths as the emulator shows them, before and after the edits. */
const [BEFORE, AFTER] = [declared(ORIGINAL), declared(EDITED)];

const steps: Step[] = [
  { name: "up", command: "up" },
  { name: "preview --expect-no-changes", command: "preview", flags: ["--expect-no-changes"] },
  {
    name: "rename and move in hierarchy.yaml, up",
    before: ({ runner }) => runner.rewrite("hierarchy.yaml", () => EDITED),
    command: "up",
  },
  {
    name: "rename and move by hand, preview --refresh --expect-no-changes",
    before: async ({ byHand, uuidOf }) => {
      const globex = AFTER.byKey.globex;
      await byHand.renameGroup(await uuidOf(globex), "Globex (renamed by hand)");
      const munich = AFTER.byKey["acme-munich"].replace(globex, `${globex} (renamed by hand)`);
      await byHand.moveGroup(await uuidOf(munich), await uuidOf(AFTER.byKey.initech));
    },
    command: "preview",
    flags: ["--refresh", "--expect-no-changes"],
  },
  { name: "up --refresh", command: "up", flags: ["--refresh"] },
  { name: "refresh --expect-no-changes", command: "refresh", flags: ["--expect-no-changes"] },
  { name: "destroy", command: "destroy" },
];

let cli: StepRecord[];
let harness: StepRecord[];

beforeAll(async () => {
  // Each on its own emulator, at the same time: most of a run is waiting on child processes.
  [cli, harness] = await Promise.all([
    play(async (connection) => {
      const runner = new CliRunner("hierarchy", connection);
      await runner.init();
      return runner;
    }, steps),
    play(async (connection) => new HarnessRunner("hierarchy", connection), steps),
  ]);
});

function record(records: StepRecord[], name: string): StepRecord {
  const found = records.find((r) => r.step === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
}

function expectCode(r: StepRecord, code: number): void {
  if (r.code !== code)
    throw new Error(`${r.step}: exit ${r.code}, expected ${code}\n${r.errors.join("\n")}\n${r.output}`);
}

/** The groups linked to an entity (customers, sites, the MSP), after the edits, and the sites. */
const LINKED = linkedPaths(EDITED);
const SITES = linkedPaths(EDITED, "SITE");

/** The groups the stack manages: what the emulator starts with (All, Lost & found) left out. */
const managed = (r: StepRecord) => r.tree.filter((p) => p.startsWith("All/") && p !== "All/Lost & found");

describe("examples/hierarchy through the real Pulumi CLI", () => {
  it("up builds the declared tree and the preview after it is empty", () => {
    expectCode(record(cli, "up"), 0);
    expect(managed(record(cli, "up"))).toEqual(BEFORE.paths);
    expectCode(record(cli, "preview --expect-no-changes"), 0);
    expect(record(cli, "preview --expect-no-changes").changes).toEqual([]);
  });

  it("a rename and a move in hierarchy.yaml are updates in place: the uuids are kept", () => {
    const up = record(cli, "up");
    const edited = record(cli, "rename and move in hierarchy.yaml, up");
    expectCode(edited, 0);
    expect(edited.changes).toEqual(["update msp/acme", "update msp/acme-munich"]);
    expect(managed(edited)).toEqual(AFTER.paths);
    for (const key of ["acme", "acme-munich"]) {
      expect(edited.uuids[AFTER.byKey[key]]).toBe(up.uuids[BEFORE.byKey[key]]);
    }
    // A department moves with its site.
    expect(edited.uuids[`${AFTER.byKey["acme-munich"]}/Sales`]).toBe(
      up.uuids[`${BEFORE.byKey["acme-munich"]}/Sales`],
    );
  });

  it("drift made by hand fails preview --refresh --expect-no-changes, and up --refresh repairs it", () => {
    const preview = record(cli, "rename and move by hand, preview --refresh --expect-no-changes");
    expectCode(preview, 7);
    // The plan holds more (what is wired to an updated group's uuid, unknown in preview; see
    // docs/pulumi-cli.md); up takes only the two repairs.
    expect(preview.changes).toEqual(expect.arrayContaining(["update msp/acme-munich", "update msp/globex"]));
    const repaired = record(cli, "up --refresh");
    expectCode(repaired, 0);
    expect(repaired.changes).toEqual(["update msp/acme-munich", "update msp/globex"]);
    expect(managed(repaired)).toEqual(AFTER.paths);
    expectCode(record(cli, "refresh --expect-no-changes"), 0);
  });

  it("destroy fails on the linked groups ESET refuses to delete, after deleting the departments of every site", () => {
    const destroy = record(cli, "destroy");
    expectCode(destroy, 1);
    expect(destroy.errors.join("\n")).toContain("linked to an entity");
    const left = managed(destroy);
    expect(left).toEqual(expect.arrayContaining(LINKED));
    expect(left.filter((p) => SITES.some((site) => p.startsWith(`${site}/`)))).toEqual([]);
  });

  it("the engine harness takes the same steps with the same exit codes and leaves the same live tree", () => {
    const upToDestroy = (records: StepRecord[]) =>
      records.filter((r) => r.step !== "destroy").map(comparable);
    expect(upToDestroy(harness)).toEqual(upToDestroy(cli));
    // The failed destroy: both leave the linked groups. Which other deletes start before the
    // failure stops the run depends on scheduling (see docs/pulumi-cli.md).
    expect(managed(record(harness, "destroy"))).toEqual(expect.arrayContaining(LINKED));
  });

  // Known difference (docs/pulumi-cli.md): the harness exits 255 on a failed destroy, the CLI 1.
  // When the harness follows the CLI this test fails: make it a plain test then.
  it.failing("the harness exits with the CLI's code when destroy fails", () => {
    expect(record(harness, "destroy").code).toBe(record(cli, "destroy").code);
  });
});
