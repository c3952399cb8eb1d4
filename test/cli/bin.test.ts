import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

// The executable itself (provider/cli/main.ts, the package bin once built): exit codes reach the shell.
const MAIN = path.resolve(__dirname, "../../provider/cli/main.ts");

let emulator: TestEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startTestEmulator({
    seed: {
      tenants: [
        { id: "demo", groups: [{ uuid: "20000000-0000-4000-8000-000000000001", displayName: "Customers" }] },
      ],
    },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-connect-cli-"));
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", require.resolve("ts-node/register/transpile-only"), MAIN, ...args],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          TS_NODE_PROJECT: path.resolve(__dirname, "../../tsconfig.json"),
          ESET_CONNECT_ENDPOINT: emulator.url,
          ESET_CONNECT_USERNAME: emulator.username,
          ESET_CONNECT_PASSWORD: emulator.password,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("the eset-connect executable", () => {
  it("exits 2 when the plan finds differences and 0 once the file matches", async () => {
    fs.writeFileSync(path.join(dir, "h.yaml"), "groups:\n  - name: Customers\n  - name: Acme\n");
    const differs = await runBin(["plan", "h.yaml"]);
    expect(differs).toMatchObject({ code: 2, stderr: "" });
    expect(differs.stdout).toContain("+ └── Acme");

    fs.writeFileSync(path.join(dir, "same.yaml"), "groups:\n  - name: Customers\n");
    const same = await runBin(["plan", "same.yaml"]);
    expect(same).toEqual({
      code: 0,
      stdout: "No differences: the groups under All match same.yaml (1 group).\n",
      stderr: "",
    });
  });

  it("exits 1 with the problem on standard error", async () => {
    fs.writeFileSync(path.join(dir, "bad.yaml"), "groups:\n  - name: ''\n");
    expect(await runBin(["plan", "bad.yaml"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "bad.yaml:2:11: name is empty; give the group its display name\n",
    });
  });
});
