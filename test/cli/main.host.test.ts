import { execFile, spawn } from "node:child_process";
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

function binEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TS_NODE_PROJECT: path.resolve(__dirname, "../../tsconfig.json"),
    ESET_CONNECT_ENDPOINT: emulator.url,
    ESET_CONNECT_USERNAME: emulator.username,
    ESET_CONNECT_PASSWORD: emulator.password,
  };
}

const NODE_ARGS = ["-r", require.resolve("ts-node/register/transpile-only"), MAIN];

function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...NODE_ARGS, ...args],
      {
        cwd: dir,
        env: binEnv(),
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

  it("prints the installed version with --version", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
    expect(await runBin(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("exits quietly with 0 when the reader of its output goes away (| head -n 1)", async () => {
    // Enough groups for `tree` to print far more than a pipe buffer holds (so `| head` closes it early).
    await emulator.seed({
      tenants: [
        {
          id: "demo",
          groups: Array.from({ length: 1500 }, (_, i) => ({
            uuid: `30000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
            displayName: `Customer ${i} with a long enough name to fill the pipe`,
            parentGroupUuid: "20000000-0000-4000-8000-000000000001",
          })),
        },
      ],
    });
    const quoted = [process.execPath, ...NODE_ARGS, "tree"].map((a) => `'${a}'`).join(" ");
    const result = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      // stdin closed: bash reads ~/.bashrc when its standard input is a socket, as Node's pipes are.
      const shell = spawn("bash", ["-o", "pipefail", "-c", `${quoted} | head -n 1`], {
        cwd: dir,
        env: binEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      shell.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      shell.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      shell.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    expect(result).toEqual({ code: 0, stdout: "All  00000000-0000-0000-7001-000000000001\n", stderr: "" });
  });
});
