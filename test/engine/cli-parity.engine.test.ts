// The harness behaves as the Pulumi CLI on what this product depends on:
// - config: up stores the stack config as the default pulumi-nodejs provider's inputs (secrets
//   encrypted); refresh and destroy use that config unless --run-program (a rotated password
//   reaches them only after an up); with no config at all the error names CLIs older than 3.139
//   and the ESET_CONNECT_* variables;
// - an interrupted create is completed by refresh --import-pending-creates URN ID;
// - stack output [NAME] [--json] [--show-secrets];
// - a provider error is reported once, without stack frames.
import * as fs from "node:fs";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, errorsOf, runBuiltScript, RUN_TIMEOUT_MS, step, type EngineRun } from "./run-engine";
import { TreeStack, type TreeNode } from "./tree-stack";

jest.setTimeout(12 * RUN_TIMEOUT_MS);

let emulator: TestEmulator;
const ROTATED = { username: "rotated@example.com", password: "rotated-password" };
const TREE: TreeNode[] = [{ name: "EMEA", key: "emea", children: [{ name: "Berlin", key: "berlin" }] }];

beforeAll(async () => {
  assertBuilt({ provider: true });
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
});
afterAll(async () => emulator?.close());

function expectOk(run: EngineRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${errorsOf(run.report).join("\n")}\n${run.stderr}`);
}

/** Users whose credentials the calls since the last clear were made with. */
async function signedIn(): Promise<string[]> {
  const users = (await emulator.requests()).map((r) => r.user).filter((u): u is string => u !== null);
  return [...new Set(users)];
}

describe("stack config, as the CLI keeps it", () => {
  let stack: TreeStack;
  beforeAll(async () => {
    await emulator.seed({ tenants: [{ id: emulator.tenant, users: [ROTATED] }] });
    stack = new TreeStack({ url: emulator.url, username: emulator.username, password: emulator.password });
    stack.declare(TREE, ["berlin"]);
  });
  afterAll(() => stack.cleanup());

  it("up stores the config as the default provider's inputs, the password encrypted", async () => {
    expectOk(await stack.run("up"));
    const text = stack.stateText();
    expect(text).not.toContain(emulator.password);
    const state = JSON.parse(text) as {
      resources: { urn: string; type: string; inputs: Record<string, unknown>; provider?: string }[];
    };
    const provider = state.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!;
    expect(provider.urn).toBe("urn:pulumi:test::tree::pulumi:providers:pulumi-nodejs::default");
    expect(provider.inputs["eset:username"]).toBe(emulator.username);
    expect(provider.inputs["eset:endpoint"]).toBe(emulator.url);
    expect(JSON.stringify(provider.inputs["eset:password"])).toMatch(/"ciphertext":"v1:/);
    const groups = state.resources.filter((r) => r.type.endsWith(":Group"));
    expect(groups.every((g) => g.provider?.startsWith(`${provider.urn}::`))).toBe(true);
  });

  it("refresh and destroy use the last up's config until an up, or --run-program", async () => {
    await emulator.clearRequests();
    stack.connection = { ...stack.connection, ...ROTATED };
    expectOk(await stack.run("refresh"));
    expect(await signedIn()).toEqual([emulator.username]);

    await emulator.clearRequests();
    expectOk(await stack.run("refresh", ["--run-program"]));
    expect(await signedIn()).toEqual([ROTATED.username]);

    expectOk(await stack.run("up"));
    await emulator.clearRequests();
    expectOk(await stack.run("refresh", [], { connection: null }));
    expect(await signedIn()).toEqual([ROTATED.username]);
  });

  it("stack output prints one output or all, secrets hidden unless --show-secrets", async () => {
    const out = (args: string[]) =>
      runBuiltScript("dist/tools/engine/cli.js", [
        "stack",
        "output",
        `${__dirname}/fixtures/tree`,
        ...args,
        "--stack",
        "test",
        "--state",
        stack.stateFile,
      ]);
    const all = await out(["--json"]);
    expect(all.code).toBe(0);
    const outputs = JSON.parse(all.stdout) as { uuidsByKey: Record<string, string> };
    expect(Object.keys(outputs.uuidsByKey).sort()).toEqual(["berlin", "emea"]);
    const one = await out(["uuidsByKey", "--json"]);
    expect(JSON.parse(one.stdout)).toEqual(outputs.uuidsByKey);
    const missing = await out(["nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("current stack does not have output property 'nope'");
  });

  it("destroy without config uses the stored one", async () => {
    expectOk(await stack.run("destroy", [], { connection: null }));
    const left = (await emulator.state()).tenants.find((t) => t.id === emulator.tenant)!.groups;
    expect(left.map((g) => g.displayName)).not.toContain("EMEA");
  });
});

describe("no config at all (what a CLI older than 3.139 sends a dynamic provider)", () => {
  it("fails naming the CLI version and the ESET_CONNECT_* variables, once, without stack frames", async () => {
    const stack = new TreeStack({
      url: emulator.url,
      username: emulator.username,
      password: emulator.password,
    });
    try {
      const run = await stack.declare(TREE, []).run("up", [], { connection: null });
      expect(run.code).toBe(1);
      const errors = errorsOf(run.report);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain("Pulumi CLIs older than 3.139 pass no stack config to dynamic providers");
      expect(errors[0]).toContain("ESET_CONNECT_USERNAME");
      expect(errors[0]).not.toMatch(/^\s+at /m);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      stack.cleanup();
    }
  });
});

describe("an interrupted create", () => {
  it("is completed by refresh --import-pending-creates URN ID, after which nothing is left to do", async () => {
    const stack = new TreeStack({
      url: emulator.url,
      username: emulator.username,
      password: emulator.password,
    });
    try {
      expectOk(await stack.declare(TREE, []).run("up"));
      // What a run killed during Berlin's create leaves: the group exists, the state only has the pending create.
      const state = JSON.parse(stack.stateText()) as {
        resources: { urn: string; id?: string; inputs: object; outputs: object }[];
        pendingOperations: object[];
      };
      const berlin = state.resources.find((r) => r.urn.endsWith("::tree/berlin"))!;
      state.resources = state.resources.filter((r) => r !== berlin);
      const { id, outputs: _outputs, ...resource } = berlin;
      state.pendingOperations = [
        { urn: berlin.urn, type: "creating", resource: { ...resource, outputs: {} } },
      ];
      fs.writeFileSync(stack.stateFile, JSON.stringify(state));

      const refresh = await stack.run("refresh", [
        "--import-pending-creates",
        berlin.urn,
        "--import-pending-creates",
        id!,
      ]);
      expectOk(refresh);
      expect(step(refresh.report, "tree/berlin", "refresh").id).toBe(id);
      const after = JSON.parse(stack.stateText()) as typeof state;
      expect(after.pendingOperations).toEqual([]);
      expect((await stack.run("preview", ["--expect-no-changes"])).code).toBe(0);
      expectOk(await stack.run("destroy"));
    } finally {
      stack.cleanup();
    }
  });
});
