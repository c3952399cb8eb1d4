// `npm run demo` (after its build step): the emulator starts, `up` runs on the demo project, the
// live tree is printed, and nothing is left running or written into the repository.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { assertBuilt, REPO, RUN_TIMEOUT_MS } from "./run-engine";

beforeAll(() => assertBuilt({ provider: true }));
jest.setTimeout(RUN_TIMEOUT_MS);

function runDemo(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, "dist", "tools", "demo.js"), ...args], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: RUN_TIMEOUT_MS,
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

it("runs up on the demo project against a fresh emulator and prints the live tree", async () => {
  const engineDir = path.join(REPO, ".pulumi-engine");
  const before = fs.existsSync(engineDir) ? fs.readdirSync(engineDir).sort() : [];
  const { code, out } = await runDemo(["--harness"]);
  expect(code).toBe(0);
  expect(out).toMatch(
    /ESET Connect emulator listening on http:\/\/127\.0\.0\.1:\d+ \(API user demo@example\.com\)\./,
  );
  expect(out).toContain("using the engine harness");
  // examples/hierarchy: 30 groups from hierarchy.yaml and an installer file for each of its 7 sites.
  expect(out).toContain("Resources:\n    + 39 created\n");
  expect(out).toMatch(/uuidsByPath: \{"Customers":"[^"]+","Customers\/Acme Corp":"[^"]+"/);
  expect(out).toContain(
    [
      "  │   └── Umbrella Health",
      "  │       ├── Graz Clinic",
      "  │       │   └── Reception",
      "  │       └── Vienna Clinic",
      "  │           ├── Laboratory",
      "  │           └── Reception",
      "  ├── Lost & found",
      "  └── MSP Internal",
      "      └── Staff Laptops",
    ].join("\n"),
  );
  // The password reached the provider as secret config; it is never printed.
  expect(out).not.toContain("demo-password");
  // The throwaway stack lives in a temporary folder, not in the repository.
  const after = fs.existsSync(engineDir) ? fs.readdirSync(engineDir).sort() : [];
  expect(after).toEqual(before);
});
