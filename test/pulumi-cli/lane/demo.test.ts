// `npm run demo` with the Pulumi CLI on PATH takes its real-CLI path (a local file backend in a
// temporary folder, passphrase secrets): it must succeed, draw the same live tree as the harness
// path, never print the password, and leave nothing in the repository.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "../../engine/run-engine";
import { cleanEnv } from "../../support/env";
import { cliBinDir } from "./runners";

jest.setTimeout(15 * 60_000);

function runDemo(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, "dist", "tools", "demo.js"), ...args], {
      cwd: REPO,
      env: cleanEnv({ PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_CONFIG_PASSPHRASE: undefined, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 10 * 60_000,
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

/** The tree the demo draws after `up`. */
function drawnTree(out: string): string {
  const start = out.indexOf("Live group tree in the emulator");
  const end = out.indexOf("The emulator stops now");
  if (start < 0 || end < 0) throw new Error(`the demo drew no tree:\n${out}`);
  return out.slice(out.indexOf("\n", start), end).trim();
}

it("runs up through the Pulumi CLI and draws the same live tree as the harness path", async () => {
  const engineDir = path.join(REPO, ".pulumi-engine");
  const before = fs.existsSync(engineDir) ? fs.readdirSync(engineDir).sort() : [];
  const bin = cliBinDir();
  const PATH = `${bin}${path.delimiter}${process.env.PATH ?? ""}`;

  const [cli, harness] = await Promise.all([runDemo([], { PATH }), runDemo(["--harness"], { PATH })]);
  if (cli.code !== 0) throw new Error(`demo exited ${cli.code}:\n${cli.out}`);
  expect(cli.out).toContain(`Using the Pulumi CLI (${path.join(bin, "pulumi")}) with a local file backend`);
  expect(cli.out).toContain("after up (exit code 0)");
  expect(cli.out).not.toContain("demo-password");

  expect(harness.code).toBe(0);
  expect(drawnTree(cli.out)).toEqual(drawnTree(harness.out));
  // The static groups the stack made, below the linked groups of the emulator seed.
  expect(drawnTree(cli.out)).toMatch(/── Northwind IT\n[ │]*├── Acme Corp\n/);
  expect(drawnTree(cli.out)).toMatch(/── MSP Internal\n[ │]*└── Staff Laptops\n/);

  const after = fs.existsSync(engineDir) ? fs.readdirSync(engineDir).sort() : [];
  expect(after).toEqual(before);
});
