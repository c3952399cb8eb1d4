// The engine harness serving several commands in one process (tools/engine/serve.ts), as the test
// lanes run it: each command runs the program afresh in the command's environment, a command that
// failed without leaving its program running keeps the process, and one whose program was left
// running (the deployment stopped after a failure) ends it. (Whether a program whose step failed
// has ended by the time the command does is a matter of timing: not asserted here.)
import { fork, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { RunReport } from "../../../tools/engine/report";
import type { ServeAnswer } from "../../../tools/engine/serve";
import { assertBuilt, errorsOf, REPO, RUN_TIMEOUT_MS } from "../../engine/run-engine";
import { TOY_PROGRAM } from "../../engine/toy-world";
import type { ToySpec } from "../../engine/fixtures/toy/spec";

beforeAll(assertBuilt);
jest.setTimeout(4 * RUN_TIMEOUT_MS);

const TOP_LEVEL = path.join(__dirname, "fixtures", "top-level");
const PROGRAM_EXIT = path.join(__dirname, "fixtures", "program-exit");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-serve-"));
const specFile = path.join(dir, "spec.json");
const storeFile = path.join(dir, "store.json");
let server: ChildProcess;
let exited: Promise<number | null>;

beforeAll(() => {
  server = fork(path.join(REPO, "dist", "tools", "engine", "serve.js"), [], {
    cwd: REPO,
    execArgv: [],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  exited = new Promise((resolve) => server.once("exit", resolve));
});
afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) server.kill();
  await exited;
  fs.rmSync(dir, { recursive: true, force: true });
});

function spec(resources: ToySpec["resources"]): void {
  fs.writeFileSync(specFile, JSON.stringify({ resources }));
}

/** The toy program's stack, unless `program` gives another folder and its flags. */
async function send(
  command: string,
  flags: string[] = [],
  env: Record<string, string> = {},
  program?: string[],
) {
  const toy = [TOY_PROGRAM, "--state", path.join(dir, "state.json")];
  toy.push("--config", `toy:program=${specFile}`, "--config", `toy:store=${storeFile}`);
  const args = [command, ...(program ?? toy), "--stack", "serve", ...flags, "--json"];
  const answer = await new Promise<ServeAnswer>((resolve) => {
    server.once("message", resolve);
    const base = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined));
    server.send({
      args,
      env: { ...base, PULUMI_CONFIG_PASSPHRASE: "serve-test", PULUMI_NODEJS_TRANSPILE_ONLY: "true", ...env },
      cwd: REPO,
    });
  });
  return { ...answer, report: (answer.stdout ? JSON.parse(answer.stdout) : undefined) as RunReport };
}

const creates = (report: RunReport) =>
  report.steps.filter((s) => s.op === "create" && s.type !== "pulumi:pulumi:Stack").map((s) => s.name);

it("runs each command's program afresh, in one process", async () => {
  spec([{ name: "a", props: {} }]);
  const first = await send("up");
  expect([first.code, first.reusable]).toEqual([0, true]);
  expect(creates(first.report)).toEqual(["a"]);

  // The program's files are loaded again: a program kept from the last command would declare
  // nothing new (and the engine would delete what it no longer declares).
  spec([
    { name: "a", props: {} },
    { name: "b", props: { size: 2 } },
  ]);
  const second = await send("up");
  expect([second.code, second.reusable]).toEqual([0, true]);
  expect(creates(second.report)).toEqual(["b"]);
  expect(server.connected).toBe(true);
});

it("evaluates a program that declares at its top level again for each command", async () => {
  const state = path.join(dir, "top-level.json");
  const up = (name: string) => send("up", [], {}, [TOP_LEVEL, "--state", state, "--config", `name=${name}`]);
  expect((await up("first")).report.outputs).toEqual({ name: "first" });
  expect((await up("second")).report.outputs).toEqual({ name: "second" });
});

it("serves on after a command that failed with nothing left running", async () => {
  // The command's own environment, not the last one's: only this command sees PULUMI_PARALLEL.
  const badSetting = await send("up", [], { PULUMI_PARALLEL: "0" });
  expect([badSetting.code, badSetting.reusable]).toEqual([1, true]);
  expect(errorsOf(badSetting.report)).toEqual([
    "PULUMI_PARALLEL=0 is not a positive whole number: use e.g. 4",
  ]);
  // A usage error is commander's: printed, and answered with its exit code.
  const badFlag = await send("up", ["--parallel", "0"]);
  expect([badFlag.code, badFlag.reusable, badFlag.stdout]).toEqual([1, true, ""]);
  expect(badFlag.stderr).toContain("argument '0' is invalid");

  const after = await send("preview", ["--expect-no-changes"]);
  expect([after.code, after.reusable]).toEqual([0, true]);
  expect(server.connected).toBe(true);
});

it("ends after a command that left its program running", async () => {
  // A create fails while another resource's input waits on a 60 s timer: the deployment stops at
  // the failure, and the program, still waiting, must not meet another command.
  const failed = await send("up", [], {}, [
    PROGRAM_EXIT,
    "--state",
    path.join(dir, "program-exit.json"),
    "--config",
    "program-exit:case=fails-while-waiting",
  ]);
  expect(failed.code).toBe(1);
  expect(errorsOf(failed.report)).toEqual(["the create of broken failed"]);
  expect(failed.reusable).toBe(false);
  expect(await exited).toBe(0);
});
