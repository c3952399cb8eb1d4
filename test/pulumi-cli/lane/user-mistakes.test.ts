// Mistakes in a Hierarchy's input, previewed through the real CLI. A `parent:` path that matches no
// group in ESET, from TypeScript (examples/hierarchy, the dynamic Groups) and from Pulumi YAML (the
// eset plugin's `construct`): exit 1 and the message naming the file, the parent and the fix, nothing
// written to ESET. A stack without `eset:username`: exit 1 and the setting to give, no call at all.
// Every process the CLI starts runs with a small heap: the runtime (and the plugin host) format each
// unhandled error with util.inspect in colour, which under Node 20.20.2 loops on an SDK stack frame
// until the heap is gigabytes (nodejs/node#64011), so such an error that carried its stack took
// 30-150 s to show and, under this cap, ends the process with "heap out of memory" instead
// (provider/hierarchy/user-error.ts).
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { SeedInput } from "../../../emulator";
import { REPO } from "../../engine/run-engine";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { PLUGIN } from "./plugin-lane";
import { CliRunner } from "./runners";

jest.setTimeout(15 * 60_000);

/** Enough for a preview of examples/hierarchy (about 100 MB), far below what the loop takes. */
const SMALL_HEAP = { NODE_OPTIONS: "--max-old-space-size=256" };
const FIX = "give an existing group's uuid or path, `eset-connect tree` lists them";

let emulator: TestEmulator;
let cli: CliRunner | undefined;

beforeEach(async () => {
  const seed = parse(
    fs.readFileSync(path.join(REPO, "examples", "hierarchy", "emulator-seed.yaml"), "utf8"),
  ) as SeedInput;
  emulator = await startTestEmulator({ seed });
});

afterEach(async () => {
  cli?.cleanup();
  cli = undefined;
  await emulator.close();
});

/** The endpoints called, signing in and reads left out: the group listing, then what changed ESET. */
async function calls(): Promise<{ listed: boolean; writes: string[] }> {
  const requests = await emulator.requests();
  return {
    listed: requests.some((r) => r.endpoint === "list groups"),
    writes: requests
      .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
      .map((r) => `${r.method} ${r.path}`),
  };
}

test("TypeScript Hierarchy: a misspelt parent fails the preview with its message, nothing written", async () => {
  cli = new CliRunner("hierarchy", emulator, SMALL_HEAP);
  await cli.init();
  cli.edit("hierarchy.yaml", "\nparent: Northwind IT\n", "\nparent: Northwnd IT\n");

  const preview = await cli.run("preview");
  expect(preview.output).not.toContain("heap out of memory");
  expect(preview.code).toBe(1);
  expect(preview.errors).toHaveLength(1);
  expect(preview.errors[0]).toContain(`hierarchy.yaml:17:9: parent "Northwnd IT" matches no group in ESET`);
  expect(preview.errors[0]).toContain(FIX);
  // A RunError: its message alone, no stack and no "unhandled exception".
  expect(preview.errors[0]).not.toMatch(/unhandled exception|\n\s+at /);
  // The parent was looked up (one listing), and nothing was written.
  expect(await calls()).toEqual({ listed: true, writes: [] });
});

test("YAML Hierarchy over the plugin: a misspelt parent fails the preview with the same message", async () => {
  cli = new CliRunner(path.join(__dirname, "fixtures", "yaml-hierarchy"), emulator, SMALL_HEAP);
  await cli.init();
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe("");
  cli.edit("Pulumi.yaml", "      hierarchy:\n", "      hierarchy:\n        parent: Northwnd IT\n");

  const preview = await cli.run("preview");
  expect(preview.output).not.toContain("heap out of memory");
  expect(preview.code).toBe(1);
  // The component's failed outputs, and (depending on timing) the plugin process reporting the
  // same rejection, may each print it: one to three lines, every one this message without a stack.
  expect(preview.errors.length).toBeGreaterThanOrEqual(1);
  for (const error of preview.errors) {
    expect(error).toContain(`Hierarchy "tree" parent: parent "Northwnd IT" matches no group in ESET`);
    expect(error).toContain(FIX);
    expect(error).not.toMatch(/unhandled exception|\n\s+at /);
  }
  // The parent was looked up (one listing), and nothing was written.
  expect(await calls()).toEqual({ listed: true, writes: [] });
});

test("TypeScript Hierarchy without eset:username: the preview fails with the setting to give", async () => {
  cli = new CliRunner("hierarchy", emulator, SMALL_HEAP);
  await cli.init();
  expect((await cli.pulumi(["config", "rm", "eset:username"])).code).toBe(0);

  const preview = await cli.run("preview");
  expect(preview.output).not.toContain("heap out of memory");
  expect(preview.code).toBe(1);
  // Once for the parent's lookup and once for the policies' listing, each its message alone.
  expect(preview.errors.length).toBeGreaterThan(0);
  for (const error of preview.errors) {
    expect(error).toContain("username: missing; set stack config eset:username or env ESET_CONNECT_USERNAME");
    expect(error).not.toMatch(/unhandled exception|\n\s+at /);
  }
  expect((await emulator.requests()).length).toBe(0);
});
