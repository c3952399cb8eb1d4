// `npm run demo` (after its build step): the emulator starts, `up` runs on the demo project, the
// live tree is printed, and nothing is left running or written into the repository.
import * as fs from "fs";
import * as path from "path";
import { assertBuilt, REPO, RUN_TIMEOUT_MS, runBuiltScript } from "./run-engine";

beforeAll(() => assertBuilt({ provider: true }));
jest.setTimeout(RUN_TIMEOUT_MS);

/** The demo's exit code and everything it printed (standard output, then standard error). */
async function runDemo(args: string[]): Promise<{ code: number; out: string }> {
  const { code, stdout, stderr } = await runBuiltScript(path.join("dist", "tools", "demo.js"), args);
  return { code, out: stdout + stderr };
}

it("runs up on the demo project against a fresh emulator and prints the live tree", async () => {
  const engineDir = path.join(REPO, ".pulumi-engine");
  // The demo's names only ("demo" is its stack): other engine files running at the same time keep
  // their copies of a program there and remove them.
  const demoFiles = () =>
    (fs.existsSync(engineDir) ? fs.readdirSync(engineDir) : []).filter((n) => n.startsWith("demo")).sort();
  const before = demoFiles();
  const { code, out } = await runDemo(["--harness"]);
  expect(code).toBe(0);
  expect(out).toMatch(
    /ESET Connect emulator listening on http:\/\/127\.0\.0\.1:\d+ \(API user demo@example\.com\)\./,
  );
  expect(out).toContain("using the engine harness");
  // examples/hierarchy, an MSP tenant: the 11 linked groups ESET made (the seed) as anchors, 22
  // static groups below them, the policies of each customer and its Servers group (8 GroupPolicies)
  // and an installer file for each of the 7 sites.
  expect(out).toContain("Resources:\n    + 50 created\n");
  expect(out).toMatch(/uuidsByPath: \{"Acme Corp":"[^"]+","Acme Corp\/Berlin":"[^"]+"/);
  expect(out).toContain(
    [
      "      ├── MSP Internal",
      "      │   └── Staff Laptops",
      "      └── Umbrella Health",
      "          ├── Graz Clinic",
      "          │   └── Reception",
      "          ├── Servers",
      "          └── Vienna Clinic",
      "              ├── Laboratory",
      "              └── Reception",
    ].join("\n"),
  );
  // The password reached the provider as secret config; it is never printed.
  expect(out).not.toContain("demo-password");
  // The throwaway stack lives in a temporary folder, not in the repository.
  expect(demoFiles()).toEqual(before);
});
