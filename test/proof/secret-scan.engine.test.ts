// Secret scan: a realistic lifecycle through the engine harness and the real dynamic-provider host,
// with the debug log on, with injected faults, with a wrong password, with failed deletes, plus
// the eset-connect CLI; everything printed, every state file (serialized providers included) and
// every error is kept, and none may hold the password, the wrong password or any token the
// emulator issued (GET /_emulator/tokens).
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EsetConnectClient } from "../../provider/client";
import { repoRoot } from "../../tools/bench/engine";
import { editTree, realisticTree } from "../../tools/bench/tree";
import { FAULT_KINDS } from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { findLeaks, secretForms, type Secret } from "./secrets";
import { EngineStack, errorsOf, type CapturedText, type Connection } from "./stack";

const USER = "secret-scan@example.test";
// Distinctive, and with characters that change when URL-, JSON- or form-encoded.
const PASSWORD = "Scan+Pa55/w0rd=Q7!x-3f9c";
const WRONG_PASSWORD = "Wrong+Pa55/w0rd=Z9!y-8d1e";
const DEBUG = { ESET_CONNECT_DEBUG: "1" };

let emulator: TestEmulator;
let stack: EngineStack;
const captured: CapturedText[] = [];
const viaConfig: Connection = { username: USER, password: PASSWORD, via: "config" };

/** Runs the eset-connect CLI as a user does, with the connection in the environment. */
function cli(args: string[], password: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = repoRoot();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ESET_CONNECT_")));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "dist", "provider", "cli", "main.js"), ...args], {
      env: {
        ...env,
        ...DEBUG,
        ESET_CONNECT_ENDPOINT: emulator.url,
        ESET_CONNECT_USERNAME: USER,
        ESET_CONNECT_PASSWORD: password,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      captured.push(
        { where: `cli ${args[0]} stdout`, text: stdout },
        { where: `cli ${args[0]} stderr`, text: stderr },
      );
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  // Speed is not the subject here: no rate limit.
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
  await emulator.seed({
    tenants: [{ id: emulator.tenant, users: [{ username: USER, password: PASSWORD }] }],
  });
  stack = new EngineStack(emulator, viaConfig);
});

afterAll(async () => {
  stack?.remove();
  await emulator?.close();
});

// A tree of customers and sites, and an installer file (a secret output) for one site. (Linked
// groups are anchors now, never written: test/resources/group-linked.test.ts covers them.)
const tree = realisticTree(30);
const edited = editTree(tree, { renames: 3, moves: 2, adds: 2, removes: 2 }).tree;
const installers = ["c001-s1"];

test("phase 1: up with the debug log on", async () => {
  const up = await stack.run("up", tree, { env: DEBUG, installers });
  expect(errorsOf(up)).toEqual([]);
  expect(up.exitCode).toBe(0);
  expect(up.stderr).toContain("[eset-connect] POST /v1/groups 200");
  expect(up.stderr).toContain("[eset-connect] POST /oauth/token 200");
}, 120_000);

test("phase 2: edits under 30% injected faults of every kind, then converging without faults", async () => {
  await emulator.clearRequests();
  await emulator.settings({ faults: { rate: 0.3, kinds: [...FAULT_KINDS] } });
  const faulty = await stack.run("up", edited, { env: DEBUG, installers });
  captured.push({ where: "phase 2 errors", text: errorsOf(faulty).join("\n") });
  const injected = (await emulator.requests()).filter((r) => r.fault);
  expect(injected.length).toBeGreaterThan(0);
  await emulator.settings({ faults: { rate: 0 } });
  const converged = await stack.run("up", edited, { env: DEBUG, installers });
  expect(errorsOf(converged)).toEqual([]);
  const preview = await stack.run("preview", edited, { installers, expectNoChanges: true });
  expect(preview.exitCode).toBe(0);
}, 240_000);

test("phase 3: a wrong password, from the environment, on refresh and on up", async () => {
  const wrong: Connection = { username: USER, password: WRONG_PASSWORD, via: "env" };
  // refresh runs on the config the last up saved with the stack's default provider (as the Pulumi
  // engine does), so the wrong password in the environment does not reach it; up uses it.
  const refresh = await stack.run("refresh", edited, { env: DEBUG, connection: wrong });
  expect(errorsOf(refresh)).toEqual([]);
  expect(refresh.exitCode).toBe(0);
  const more = editTree(edited, { adds: 4 }).tree;
  const up = await stack.run("up", more, { env: DEBUG, connection: wrong, installers });
  expect(up.exitCode).not.toBe(0);
  expect(errorsOf(up).join("\n")).toContain("the username or password was rejected");
}, 120_000);

test("phase 4: a delete refused for an unmanaged device, then the rest destroyed", async () => {
  // destroy runs on the config the last up saved; the failed up of phase 3 saved none, so an up with
  // the stack's credentials comes first (what docs/troubleshooting.md tells users to do).
  const back = await stack.run("up", edited, { env: DEBUG, installers });
  expect(errorsOf(back)).toEqual([]);
  const sales = stack.uuidsByKey().get("c001-s1/sales")!;
  await emulator.seed({
    tenants: [{ id: emulator.tenant, devices: [{ displayName: "PC-SCAN-1", groupUuid: sales }] }],
  });
  const refused = await stack.run("destroy", edited, { env: DEBUG });
  expect(refused.exitCode).not.toBe(0);
  expect(errorsOf(refused).join("\n")).toMatch(
    /^group "Sales \(renamed\)" \([^)]+\) still contains 1 device \("PC-SCAN-1"\) that this stack does not manage; deleting the group would delete them too\./m,
  );
  // Someone deletes that group (and the device) in the console; the rest of the stack then goes.
  const client = new EsetConnectClient({ endpoint: emulator.url, username: USER, password: PASSWORD });
  expect(await client.deleteGroup(sales, { releaseConsumedUnits: true })).toBe("deleted");
  const rest = await stack.run("destroy", edited, { env: DEBUG });
  expect(errorsOf(rest)).toEqual([]);
  expect(rest.exitCode).toBe(0);
}, 240_000);

test("phase 5: the eset-connect CLI, with the debug log, then a wrong password", async () => {
  const treeOut = await cli(["tree"], PASSWORD);
  expect(treeOut.code).toBe(0);
  expect(treeOut.stdout).toContain("All");
  const exported = path.join(stack.dir, "exported.yaml");
  expect((await cli(["export", "-o", exported], PASSWORD)).code).toBe(0);
  captured.push({ where: "cli export file", text: fs.readFileSync(exported, "utf8") });
  const plan = await cli(["plan", exported], PASSWORD);
  expect(plan.code).toBe(0);
  const refused = await cli(["tree"], WRONG_PASSWORD);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("the username or password was rejected");
}, 120_000);

test("no password and no issued token appears in any output, state file or error", async () => {
  const tokens = await emulator.tokens();
  expect(tokens.length).toBeGreaterThanOrEqual(8);
  const secrets: Secret[] = [
    { label: "the password", value: PASSWORD },
    { label: "the wrong password", value: WRONG_PASSWORD },
    ...tokens.map((t, i) => ({ label: `${t.kind} token #${i + 1} (issued ${t.issuedAt})`, value: t.token })),
  ];
  const everything = [...stack.captured, ...captured];
  // What was scanned holds what matters: serialized providers, debug lines, errors.
  const all = everything.map((c) => c.text).join("\n");
  expect(all).toContain('"__provider"');
  expect(all).toContain("pulumi-eset-connect/dynamic-provider");
  expect(all).toContain("[eset-connect] DELETE /v1/groups/");
  expect(all).toContain("request-id");
  expect(findLeaks(everything, secrets)).toEqual([]);
});

test("the scan finds a secret in any of its forms (control)", () => {
  const token: Secret = { label: "t", value: "tok/en+1=" };
  for (const form of secretForms(token.value)) {
    expect(findLeaks([{ where: "log", text: `Authorization: Bearer ${form}` }], [token])).toEqual([
      { where: "log", secret: "t" },
    ]);
  }
  expect(findLeaks([{ where: "log", text: "nothing here" }], [token])).toEqual([]);
});
