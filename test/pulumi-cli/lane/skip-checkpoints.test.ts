// `pulumi up` with checkpoints skipped (PULUMI_SKIP_CHECKPOINTS: the engine saves the state only
// when the run ends, pkg/backend/snapshot.go `unsafeServiceLoop`) killed mid-way, under the real
// CLI with a file backend: the state keeps nothing of what the killed run made, so the next `up`
// declares every group again. It must finish with no duplicate, the live tree as declared, no
// state edit and then an empty preview, in both uuid modes: ESET keeps the uuid the resource asks
// for (the rerun recognises its groups) or assigns its own (the rerun takes the orphans over with
// eset:adoptEmptyGroupsOnCreate, set before the run as docs/large-tenants.md says).
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { emulatorControl, type EmulatorControl } from "../../../emulator/control-client";
import { PROGRAM_DIR } from "../../../tools/bench/engine";
import { hierarchyYaml, realisticTree } from "../../../tools/bench/tree";
import { compareWithDeclared, describeMismatch } from "../../../tools/bench/verify";
import { CliRunner } from "./runners";

jest.setTimeout(15 * 60_000);

const N = 30;
/** Creates seen at ESET before the kill: a third of the tree, parents and children among them. */
const KILL_AFTER_CREATES = 10;
const declared = realisticTree(N);

const SKIP_CHECKPOINTS = { PULUMI_EXPERIMENTAL: "true", PULUMI_SKIP_CHECKPOINTS: "true" };
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  // The runner's CLI environment is built from this process's (test/support/env.ts).
  for (const [k, v] of Object.entries(SKIP_CHECKPOINTS)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const k of Object.keys(SKIP_CHECKPOINTS)) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe.each([
  ["ESET keeps the uuid the resource asks for", false],
  ["ESET assigns its own uuid", true],
])("checkpoints skipped, up killed mid-way (%s)", (_mode, ignoreClientUuid) => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let runner: CliRunner;

  beforeAll(async () => {
    // Some latency, so the kill lands while creates are in flight (ESET still applies them).
    emulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      settings: { latencyMs: 300, rateLimit: { perSecond: 1000 }, ignoreClientUuid },
    });
    control = emulatorControl(emulator.url);
    const { username, password } = emulator.defaults;
    runner = new CliRunner(PROGRAM_DIR, { url: emulator.url, username, password });
    await runner.init();
    const treeFile = path.join(runner.programDir, "tree.yaml");
    fs.writeFileSync(treeFile, hierarchyYaml(declared));
    const config = [["bench:tree", treeFile]];
    // Where ESET may not keep the uuid, the documented setting for skipped checkpoints.
    if (ignoreClientUuid) config.push(["eset:adoptEmptyGroupsOnCreate", "true"]);
    for (const [key, value] of config) {
      const set = await runner.pulumi(["config", "set", key, value]);
      if (set.code !== 0) throw new Error(`pulumi config set ${key}: ${set.output}`);
    }
  });
  afterAll(async () => {
    runner?.cleanup();
    await emulator?.close();
  });

  const creates = async () =>
    (await control.requests()).filter((r) => r.method === "POST" && r.path === "/v1/groups").length;

  it("the next up finishes the tree with no duplicate and no state edit; then preview is empty", async () => {
    const killed = await runner.pulumi(["up", "--yes", "--skip-preview"], async () => {
      return (await creates()) >= KILL_AFTER_CREATES;
    });
    expect(killed.code).not.toBe(0);
    await control.settings({ latencyMs: 0 });
    const afterKill = compareWithDeclared(await control.state(), declared);
    // The kill came mid-way: some groups exist, not all.
    expect(afterKill.uuidByKey.size).toBeGreaterThan(0);
    expect(afterKill.missing.length).toBeGreaterThan(0);

    // The killed CLI leaves its lock on the stack, checkpoints skipped or not: `pulumi cancel`.
    const cancel = await runner.pulumi(["cancel", "--yes"]);
    if (cancel.code !== 0) throw new Error(`pulumi cancel: exit ${cancel.code}\n${cancel.output}`);

    const rerun = await runner.run("up");
    if (rerun.code !== 0) throw new Error(`up after the kill: exit ${rerun.code}\n${rerun.output}`);
    const finished = compareWithDeclared(await control.state(), declared);
    expect(describeMismatch(finished)).toBe("");
    // The groups the killed run made are the stack's now: none made twice, none replaced.
    for (const [key, uuid] of afterKill.uuidByKey) expect(finished.uuidByKey.get(key)).toBe(uuid);
    const deletes = (await control.requests()).filter((r) => r.method === "DELETE");
    expect(deletes).toEqual([]);

    const preview = await runner.run("preview", ["--expect-no-changes"]);
    if (preview.code !== 0)
      throw new Error(`preview after the rerun: exit ${preview.code}\n${preview.output}`);
  });
});
