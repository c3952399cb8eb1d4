import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Api } from "./http/api";

const root = resolve(__dirname, "../..");

function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function lines(child: ChildProcess): AsyncIterableIterator<string> {
  return createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  return new Promise((done) => child.on("exit", (code) => done({ code, stderr })));
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "eset-emulator-cli-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("prints the URL first, then credentials and well-known uuids, serves the flags' settings, stops on SIGTERM", async () => {
  const seed = join(dir, "seed.yaml");
  writeFileSync(
    seed,
    "tenants:\n  - id: demo\n    groups:\n      - { uuid: f7011a00-0000-4000-8000-000000000001, displayName: From YAML }\n",
  );
  const child = runCli([
    "--port",
    "0",
    "--seed",
    seed,
    "--rate-limit",
    "3",
    "--rate-limit-algorithm",
    "token-bucket",
    "--pending-polls",
    "4",
    "--fault-kinds",
    "503,drop",
    "--user-error-status",
    "403",
    "--deleted-uuid-reuse",
    "allow",
  ]);
  const exited = exitOf(child);
  const out = lines(child);
  const first = (await out.next()).value as string;
  expect(first).toMatch(/^ESET Connect emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
  const rest = [(await out.next()).value, (await out.next()).value, (await out.next()).value].join("\n");
  expect(rest).toContain("demo@example.com / demo-password (tenant demo)");
  expect(rest).toContain("00000000-0000-0000-7001-000000000001");
  expect(rest).toContain("00000000-0000-0000-7001-000000000002");

  const api = new Api(first.replace("ESET Connect emulator listening on ", ""));
  const settings = (await api.control("GET", "settings")).body;
  expect([
    settings.rateLimit.perSecond,
    settings.rateLimit.algorithm,
    settings.pending.polls,
    settings.faults.kinds,
    settings.userErrorStatus,
    settings.deletedUuidReuse,
  ]).toEqual([3, "token-bucket", 4, ["503", "drop"], 403, "allow"]);
  const groups = (await api.control("GET", "state")).body.tenants[0].groups.map(
    (g: { uuid: string }) => g.uuid,
  );
  expect(groups).toContain("f7011a00-0000-4000-8000-000000000001");

  child.kill("SIGTERM");
  expect((await exited).code).toBe(0);
});

test("--user-error-status takes 400 or 403 only", async () => {
  const result = await exitOf(runCli(["--port", "0", "--user-error-status", "404"]));
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(
    "option '--user-error-status <status>' argument '404' is invalid. expected 400 or 403",
  );
});

test("a bad flag is refused with a message naming it", async () => {
  const result = await exitOf(runCli(["--port", "0", "--fault-rate", "2"]));
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(
    "option '--fault-rate <share>' argument '2' is invalid. expected a share from 0 to 1, e.g. 0.1",
  );
});
