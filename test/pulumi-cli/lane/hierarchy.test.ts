// examples/hierarchy (the Hierarchy component over hierarchy.yaml) through the real Pulumi CLI
// against the emulator seeded with what ESET created for the MSP tenant (emulator-seed.yaml: the
// linked MSP, customer and site groups, anchors in hierarchy.yaml), then the same steps through
// the engine harness: up, an empty preview, a static group renamed and another moved to another
// site in the YAML (in place, uuids kept), a rename and a move made by hand in ESET's console
// (preview --refresh --expect-no-changes fails, up --refresh repairs), an empty refresh, destroy
// (leaves exactly the groups ESET created). Both runs must agree on exit codes, changes and live tree.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { SeedInput } from "../../../emulator";
import { REPO } from "../../engine/run-engine";
import { declared, moveGroup, renameGroup, seeded } from "./hierarchy-edits";
import { CliRunner, HarnessRunner } from "./runners";
import { comparable, play, type Step, type StepRecord } from "./scenario";

jest.setTimeout(30 * 60_000);

const EXAMPLE = path.join(REPO, "examples", "hierarchy");
const ORIGINAL = fs.readFileSync(path.join(EXAMPLE, "hierarchy.yaml"), "utf8");
const SEED = parse(fs.readFileSync(path.join(EXAMPLE, "emulator-seed.yaml"), "utf8")) as SeedInput;
/** Path and uuid of each linked group ESET created: the stack must never change them. */
const SEEDED = seeded(SEED);
/**
 * The user's edits, on static groups only (an anchor is ESET's to name and place): the MSP's own
 * group renamed (its key kept, so its default-keyed child keeps its key too) and a keyed
 * department moved from one customer's site to another's.
 */
const EDITED = moveGroup(
  renameGroup(ORIGINAL, "internal", "Northwind Internal"),
  "acme-finance",
  "globex-paris",
);
/** Paths as the emulator shows them, before and after the edits. */
const [BEFORE, AFTER] = [declared(ORIGINAL), declared(EDITED)];
const withSeeded = (paths: string[]) => [...new Set([...Object.keys(SEEDED), ...paths])].sort();

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
    before: async ({ control, uuidOf }) => {
      await control.console.renameGroup(await uuidOf(AFTER.byKey.internal), "Internal (renamed by hand)");
      const lyon = await uuidOf(AFTER.byKey["globex-lyon"]);
      await control.console.moveGroup(await uuidOf(AFTER.byKey["acme-finance"]), lyon);
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
    play(
      async (connection) => {
        const runner = new CliRunner("hierarchy", connection);
        await runner.init();
        return runner;
      },
      steps,
      { seed: SEED },
    ),
    play(async (connection) => new HarnessRunner("hierarchy", connection), steps, { seed: SEED }),
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

/** The groups below All: what the emulator starts with (All, Lost & found) left out. */
const managed = (r: StepRecord) => r.tree.filter((p) => p.startsWith("All/") && p !== "All/Lost & found");

/** The seeded groups are where ESET put them, with ESET's uuids. */
function expectSeededUntouched(r: StepRecord): void {
  for (const [p, uuid] of Object.entries(SEEDED))
    expect({ path: p, uuid: r.uuids[p] }).toEqual({ path: p, uuid });
}

describe("examples/hierarchy through the real Pulumi CLI", () => {
  it("up builds the declared static groups below ESET's linked groups, and the preview after it is empty", () => {
    const up = record(cli, "up");
    expectCode(up, 0);
    expect(managed(up)).toEqual(withSeeded(BEFORE.paths));
    // More than the seed: the static groups were created.
    expect(managed(up).length).toBeGreaterThan(Object.keys(SEEDED).length);
    expectSeededUntouched(up);
    expectCode(record(cli, "preview --expect-no-changes"), 0);
    expect(record(cli, "preview --expect-no-changes").changes).toEqual([]);
  });

  it("a rename and a move in hierarchy.yaml are updates in place: the uuids are kept", () => {
    const up = record(cli, "up");
    const edited = record(cli, "rename and move in hierarchy.yaml, up");
    expectCode(edited, 0);
    expect(edited.changes).toEqual(["update msp/acme-finance", "update msp/internal"]);
    expect(managed(edited)).toEqual(withSeeded(AFTER.paths));
    for (const key of ["internal", "acme-finance"]) {
      expect(edited.uuids[AFTER.byKey[key]]).toBe(up.uuids[BEFORE.byKey[key]]);
    }
    // A child moves with its renamed parent, its uuid kept.
    expect(edited.uuids[`${AFTER.byKey.internal}/Staff Laptops`]).toBe(
      up.uuids[`${BEFORE.byKey.internal}/Staff Laptops`],
    );
    expectSeededUntouched(edited);
  });

  it("drift made by hand fails preview --refresh --expect-no-changes, and up --refresh repairs it", () => {
    const preview = record(cli, "rename and move by hand, preview --refresh --expect-no-changes");
    expectCode(preview, 7);
    // Only the two repairs, the steps up then takes (a Group's uuid is its id, known in preview).
    expect(preview.changes).toEqual(["update msp/acme-finance", "update msp/internal"]);
    const repaired = record(cli, "up --refresh");
    expectCode(repaired, 0);
    expect(repaired.changes).toEqual(["update msp/acme-finance", "update msp/internal"]);
    expect(managed(repaired)).toEqual(withSeeded(AFTER.paths));
    expect(repaired.uuids[AFTER.byKey["acme-finance"]]).toBe(
      record(cli, "up").uuids[BEFORE.byKey["acme-finance"]],
    );
    expectCode(record(cli, "refresh --expect-no-changes"), 0);
  });

  it("destroy succeeds and leaves exactly the linked groups ESET created, as ESET made them", () => {
    const destroy = record(cli, "destroy");
    expectCode(destroy, 0);
    expect(destroy.errors).toEqual([]);
    expect(managed(destroy)).toEqual(Object.keys(SEEDED).sort());
    expectSeededUntouched(destroy);
  });

  it("the engine harness takes the same steps with the same exit codes and leaves the same live tree", () => {
    expect(harness.map(comparable)).toEqual(cli.map(comparable));
    expectSeededUntouched(record(harness, "destroy"));
  });
});
