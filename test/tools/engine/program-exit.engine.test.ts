// How the harness ends a program, as the nodejs runtime does: the program's process exits once
// nothing can wake it any more (no registration awaiting the engine, no timer, no socket or file
// request of its own), even when promises are left pending. An apply that throws into a resource's
// input leaves that resource and everything waiting on it pending forever: the run must end with
// the error (exit 1, nothing created), not hang; a promise that never settles ends with the SDK's
// leak message. A slow apply (a timer) must not be taken for an exit.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assertBuilt, errorsOf, ops, runEngineCli, type EngineRun } from "../../engine/run-engine";

beforeAll(assertBuilt);
// A hang is a failure, not a stuck suite: each test makes at most three runs of a few seconds.
jest.setTimeout(90_000);

const PROGRAM = path.join(__dirname, "fixtures", "program-exit");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-exit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(command: "up" | "preview", which: string, state: string): Promise<EngineRun> {
  const args = [command, PROGRAM, "--state", path.join(dir, `${state}.json`)];
  return runEngineCli([...args, "--config", `program-exit:case=${which}`]);
}

function stateUrns(state: string): string[] {
  const file = path.join(dir, `${state}.json`);
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { resources: { urn: string }[] };
  return parsed.resources.map((r) => r.urn.split("::").pop() ?? r.urn);
}

describe.each(["preview", "up"] as const)("%s", (command) => {
  it("ends with the error of an apply that throws into a resource's input, creating nothing", async () => {
    const failed = await run(command, "apply-throws", `throws-${command}`);
    expect(failed.code).toBe(1);
    expect(failed.report.result).toBe("failed");
    const [error, ...others] = errorsOf(failed.report);
    expect(others).toEqual([]);
    // The SDK names the input it was serializing, as under the CLI.
    expect(error).toContain(
      `Error: error serializing property "value": the parent's value cannot be computed`,
    );
    // Neither the resource whose input failed nor its child was registered.
    expect(ops(failed.report)).toEqual(["create program-exit-dev"]);
    expect(stateUrns(`throws-${command}`).filter((n) => n === "parent" || n === "child")).toEqual([]);

    // The program mended, the same stack goes through.
    const mended = await run(command, "ok", `throws-${command}`);
    expect(mended.code).toBe(0);
    expect(ops(mended.report)).toEqual([
      `${command === "up" ? "same" : "create"} program-exit-dev`,
      "create parent",
      "create child",
    ]);
    expect(mended.report.outputs).toEqual({ result: "child" });
  });

  it("shows a RunError's message alone, as the runtime does", async () => {
    const failed = await run(command, "run-error", `run-error-${command}`);
    expect(failed.code).toBe(1);
    expect(errorsOf(failed.report)).toEqual([
      // The text the CLI prints after "error: " for the same program.
      'the program failed:\nerror serializing property "value": the parent\'s value is misspelt; did you mean "parent"?',
    ]);
  });
});

it("ends a program left waiting on a promise that never settles with the SDK's leak message", async () => {
  const failed = await run("preview", "never", "never");
  expect(failed.code).toBe(1);
  const [error] = errorsOf(failed.report);
  expect(error).toContain("The Pulumi runtime detected that");
  expect(error).toContain("still active");
});
