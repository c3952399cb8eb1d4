// An `up` killed while a create is in flight (a cancelled workflow, a runner timeout), under the
// real Pulumi CLI, where ESET assigns its own uuids (emulator ignoreClientUuid): the stack is left
// locked (`pulumi cancel`), the next `up` fails naming the orphan and the command that adopts it,
// and that command, run as printed, completes the interrupted create under the real CLI; then
// `up` finishes with no duplicate.
// The same flow through the engine harness, in both uuid modes: test/engine/interrupted-up.engine.test.ts.
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { interruptedCreateSettings } from "../../support/interrupted-create";
import { emulatorControl, type EmulatorControl } from "../../../emulator/control-client";
import { liveTree } from "../../engine/basic-stack";
import { CliRunner } from "./runners";

jest.setTimeout(15 * 60_000);

const DECLARED = ["All", "All/EMEA", "All/EMEA/Germany", "All/EMEA/Germany/Berlin", "All/Lost & found"];

let emulator: RunningEmulator;
let control: EmulatorControl;
let runner: CliRunner;

beforeAll(async () => {
  emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    settings: interruptedCreateSettings(true),
  });
  control = emulatorControl(emulator.url);
  const { username, password } = emulator.defaults;
  runner = new CliRunner("basic", { url: emulator.url, username, password });
  await runner.init();
});
afterAll(async () => {
  runner?.cleanup();
  await emulator?.close();
});

const managed = async () =>
  Object.entries(liveTree(await control.state()).uuids).filter(
    ([p]) => p.startsWith("All/") && p !== "All/Lost & found",
  );

it("a killed up leaves an orphan; the next up names it and the command, which adopts it; then up finishes", async () => {
  let firstCreateAt: number | undefined;
  const killed = await runner.pulumi(["up", "--yes", "--skip-preview"], async () => {
    const creates = (await control.requests()).filter((r) => r.method === "POST" && r.path === "/v1/groups");
    if (creates.length > 0) firstCreateAt ??= Date.now();
    // The next create (Germany, under EMEA) is sent within this second and takes 1.5 s.
    return firstCreateAt !== undefined && Date.now() - firstCreateAt > 1000;
  });
  expect(killed.code).not.toBe(0);
  const orphans = await managed();
  expect(orphans.length).toBeGreaterThan(0);
  await control.settings({ latencyMs: 0 });

  // The killed CLI left its lock on the stack (the file backend's lock file; Pulumi Cloud keeps
  // the update "in progress" likewise): the next up fails until `pulumi cancel`.
  const locked = await runner.run("up");
  expect(locked.code).toBe(1);
  expect(locked.output).toContain("the stack is currently locked");
  const cancel = await runner.pulumi(["cancel", "--yes"]);
  if (cancel.code !== 0) throw new Error(`pulumi cancel: exit ${cancel.code}\n${cancel.output}`);

  const rerun = await runner.run("up");
  if (rerun.code !== 1 || rerun.errors.length === 0)
    throw new Error(`up after the kill: exit ${rerun.code}\n${rerun.output}`);
  const message = rerun.errors.join("\n");
  const [orphanPath, orphanUuid] = orphans[0];
  expect(message).toContain("An interrupted earlier run of this stack");
  const command = new RegExp(
    `pulumi refresh --import-pending-creates '([^']+)' --import-pending-creates ${orphanUuid}`,
  ).exec(message);
  if (!command) throw new Error(`no adopting command for ${orphanUuid} in:\n${message}`);
  expect((await managed()).filter(([p]) => p === orphanPath)).toHaveLength(1);

  // The command as printed (the CLI asks nothing with --yes; --non-interactive is the lane's).
  const adopt = await runner.pulumi([
    "refresh",
    "--yes",
    "--import-pending-creates",
    command[1],
    "--import-pending-creates",
    orphanUuid,
  ]);
  if (adopt.code !== 0)
    throw new Error(`refresh --import-pending-creates: exit ${adopt.code}\n${adopt.output}`);

  // Any other orphan (the create killed after it) is taken over by the opt-in, as the message says.
  const finished = await runner.pulumi(["up", "--yes", "--config", "eset:adoptEmptyGroupsOnCreate=true"]);
  if (finished.code !== 0) throw new Error(`up: exit ${finished.code}\n${finished.output}`);
  expect(liveTree(await control.state()).paths).toEqual(DECLARED);
  // No duplicate: every orphan is now the stack's group at its path.
  const live = Object.fromEntries(await managed());
  for (const [p, uuid] of orphans) expect(live[p]).toBe(uuid);
  expect((await runner.run("preview", ["--expect-no-changes"])).code).toBe(0);
});
