// examples/hierarchy as a user runs it: the emulator seeded with what ESET created for the tenant
// (linked customer and site groups), `up` then `destroy` through the engine harness. Anchors are
// never written to; destroy deletes exactly the static groups `up` created.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { startTestEmulator, type SeedInput, type TestEmulator } from "../support/emulator";
import { assertBuilt, runEngineCli } from "../engine/run-engine";

jest.setTimeout(600_000);

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hierarchy");
const seed = parse(fs.readFileSync(path.join(EXAMPLE, "emulator-seed.yaml"), "utf8")) as SeedInput;
const linked = (seed.tenants ?? [])[0].groups!.map((g) => g.uuid!);

let emulator: TestEmulator;
beforeAll(async () => {
  assertBuilt({ provider: true });
  emulator = await startTestEmulator({ seed });
});
afterAll(async () => emulator?.close());

it("deploys and destroys the example MSP tenant without touching ESET's linked groups", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "example-hierarchy-"));
  const env = {
    ESET_CONNECT_ENDPOINT: emulator.url,
    ESET_CONNECT_USERNAME: emulator.username,
    ESET_CONNECT_PASSWORD: emulator.password,
  };
  const run = (command: string) =>
    runEngineCli([command, EXAMPLE, "--stack", "example", "--state", path.join(dir, "state.json")], env);
  const groups = async () => (await emulator.state()).tenants.find((t) => t.id === emulator.tenant)!.groups;
  try {
    const before = (await groups()).length;
    const up = await run("up");
    if (up.code !== 0) throw new Error(`up failed: ${JSON.stringify(up.report.diagnostics)}\n${up.stderr}`);
    expect((await groups()).length - before).toBe(22);
    const destroy = await run("destroy");
    if (destroy.code !== 0) throw new Error(`destroy failed: ${JSON.stringify(destroy.report.diagnostics)}`);
    expect((await groups()).length).toBe(before);
    const touched = (await emulator.requests()).filter(
      (r) => r.method !== "GET" && linked.some((uuid) => r.path.includes(uuid)),
    );
    expect(touched).toEqual([]);
    expect((await groups()).map((g) => g.uuid)).toEqual(expect.arrayContaining(linked));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
