// A job killed while creates are in flight (a cancelled workflow, a runner timeout), then
// `up` again, through the engine harness against an emulator with 1.5 s of API latency. The kill
// takes the engine and its provider host (one process group) down at once, as a runner does;
// the emulator still finishes the create in flight, so ESET holds a group the state never
// recorded. Both uuid modes: ESET keeps the client's uuid (the rerun recognises its own group)
// or assigns its own (the rerun fails naming the orphan and the adopting command; the opt-in
// eset:adoptEmptyGroupsOnCreate takes it over). Never a duplicate.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { interruptedCreateSettings } from "../support/interrupted-create";
import { emulatorControl, type EmulatorControl } from "../../emulator/control-client";
import { cleanEnv } from "../support/env";
import { BasicStack, liveTree } from "./basic-stack";
import { assertBuilt, errorsOf, REPO, RUN_TIMEOUT_MS, type EngineRun } from "./run-engine";

beforeAll(() => assertBuilt({ provider: true }));
jest.setTimeout(4 * RUN_TIMEOUT_MS);

const DECLARED = ["All", "All/EMEA", "All/EMEA/Germany", "All/EMEA/Germany/Berlin", "All/Lost & found"];

/** Starts `up` and kills its whole process group while the first create's result is pending. */
async function upKilledMidCreate(
  stack: BasicStack,
  control: EmulatorControl,
  stateFile: string,
  url: string,
) {
  const args = [
    path.join(REPO, "dist", "tools", "engine", "cli.js"),
    "up",
    stack.programDir,
    "--stack",
    "lifecycle",
    "--state",
    stateFile,
    "--config",
    `eset:endpoint=${url}`,
    "--config",
    "eset:username=demo@example.com",
    "--secret-config",
    "eset:password=demo-password",
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    detached: true,
    stdio: "ignore",
    env: cleanEnv({
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
    }),
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  try {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const creates = (await control.requests()).filter(
        (r) => r.method === "POST" && r.path === "/v1/groups",
      );
      if (creates.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // The next create (Germany, under EMEA) is sent within this second and takes 1.5 s.
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    await exited;
  }
}

/** Groups the state records (by uuid). */
function recordedUuids(stateFile: string): string[] {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as {
    resources: { type: string; id?: string }[];
  };
  return state.resources.filter((r) => r.type.endsWith(":Group") && r.id).map((r) => r.id as string);
}

function expectOk(run: EngineRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${errorsOf(run.report).join("\n")}\n${run.stderr}`);
}

describe.each([
  ["ESET keeps the client's uuid", false],
  ["ESET assigns its own uuid", true],
])("an up killed mid-create, then up (%s)", (_label, ignoreClientUuid) => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let stack: BasicStack;

  beforeAll(async () => {
    emulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      settings: interruptedCreateSettings(ignoreClientUuid),
    });
    control = emulatorControl(emulator.url);
    const { username, password } = emulator.defaults;
    stack = new BasicStack(
      { url: emulator.url, username, password },
      ignoreClientUuid ? "killed-server" : "killed-client",
    );
  });
  afterAll(async () => {
    stack.cleanup();
    await emulator.close();
  });

  it("finishes without a duplicate", async () => {
    const stateFile = path.join(stack.dir, "state.json");
    await upKilledMidCreate(stack, control, stateFile, emulator.url);
    const afterKill = liveTree(await control.state());
    const orphans = Object.entries(afterKill.uuids)
      .filter(([p]) => p.startsWith("All/") && p !== "All/Lost & found")
      .filter(([, uuid]) => !recordedUuids(stateFile).includes(uuid));
    // The scenario: ESET holds a group that the state does not record.
    expect(orphans.length).toBeGreaterThan(0);
    await control.settings({ latencyMs: 0 });

    const rerun = await stack.run("up");
    if (!ignoreClientUuid) {
      expectOk(rerun);
    } else {
      // ESET ignored the uuid: the rerun cannot tell the orphan from a group made by hand.
      expect(rerun.code).not.toBe(0);
      const [orphanPath, orphanUuid] = orphans[0];
      const message = errorsOf(rerun.report).join("\n");
      expect(message).toContain(`a group with this name already exists under`);
      expect(message).toContain(orphanUuid);
      expect(message).toContain("An interrupted earlier run of this stack");
      expect(message).toMatch(
        new RegExp(
          `pulumi refresh --import-pending-creates 'urn:pulumi:lifecycle::[^:]+::pulumi-nodejs:dynamic/eset-connect:Group::\\w+' --import-pending-creates ${orphanUuid}`,
        ),
      );
      expect(liveTree(await control.state()).paths.filter((p) => p === orphanPath)).toHaveLength(1);
      // The command the message gives adopts that orphan, as it says.
      const urn = new RegExp(
        `--import-pending-creates '([^']+)' --import-pending-creates ${orphanUuid}`,
      ).exec(message)![1];
      expectOk(
        await stack.run("refresh", ["--import-pending-creates", urn, "--import-pending-creates", orphanUuid]),
      );
      expect(recordedUuids(stateFile)).toContain(orphanUuid);
      // The opt-in takes over any other empty orphan.
      expectOk(await stack.run("up", ["--config", "eset:adoptEmptyGroupsOnCreate=true"]));
    }
    const live = liveTree(await control.state());
    expect(live.paths).toEqual(DECLARED);
    // Every group the state records is the live one, the orphans included.
    for (const [, uuid] of orphans) expect(recordedUuids(stateFile)).toContain(uuid);
    expect(await stack.run("preview", ["--expect-no-changes"]).then((r) => r.code)).toBe(0);
  });
});
