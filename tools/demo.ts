#!/usr/bin/env node
// `npm run demo`: starts the ESET Connect emulator on a free port, seeded with what ESET created for
// the example MSP tenant (examples/hierarchy/emulator-seed.yaml: linked customer and site groups), runs `up` on the demo project
// (the repository's Pulumi.yaml, whose `main` is examples/hierarchy), prints what happened and the live
// group tree, then stops the emulator. Nothing is kept: the stack lives in a temporary folder.
// With `pulumi` on PATH it uses the Pulumi CLI (local file backend, passphrase secrets,
// non-interactive); otherwise, or with --harness, the repository's engine harness.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { startEmulator, type EmulatorState, type SeedInput } from "../emulator";
import { emulatorControl } from "../emulator/control-client";

const REPO = path.resolve(__dirname, "..", "..");
const STACK = "demo";
/** The linked groups ESET made for the example tenant; the example's hierarchy.yaml anchors them. */
export const DEMO_SEED = path.join(REPO, "examples", "hierarchy", "emulator-seed.yaml");
/** Used only for this throwaway stack's secrets; a passphrase already set in the environment wins. */
const DEMO_PASSPHRASE = "eset-connect-demo";

/**
 * The environment of both runners: the throwaway passphrase, and TypeScript without a second type
 * check (`npm run build` and `npm run typecheck` check the program; the nodejs runtime, the CLI's
 * included, honours PULUMI_NODEJS_TRANSPILE_ONLY). Values already set in the environment win.
 */
function demoEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE,
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...process.env,
    ...extra,
  };
}

interface Connection {
  url: string;
  username: string;
  password: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** The first executable named `name` on PATH, if any. */
function findOnPath(name: string): string | undefined {
  const names = process.platform === "win32" ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

async function upWithHarness(c: Connection, tmp: string): Promise<number> {
  console.log(
    "The Pulumi CLI is not on PATH: using the engine harness (real SDK and dynamic-provider host).\n",
  );
  const cli = path.join(REPO, "dist", "tools", "engine", "cli.js");
  const args = [cli, "up", REPO, "--stack", STACK, "--state", path.join(tmp, "demo-state.json")];
  args.push("--config", `eset:endpoint=${c.url}`, "--config", `eset:username=${c.username}`);
  args.push("--secret-config", `eset:password=${c.password}`);
  return run(process.execPath, args, demoEnv());
}

/**
 * The Pulumi CLI with everything in temporary folders: a local file backend (PULUMI_BACKEND_URL),
 * its own PULUMI_HOME, the passphrase secrets provider, and a copy of the project file whose `main`
 * points back at the example, so that no stack file is written into the repository.
 * https://www.pulumi.com/docs/iac/concepts/state-and-backends/
 */
async function upWithPulumiCli(pulumi: string, c: Connection, tmp: string): Promise<number> {
  console.log(`Using the Pulumi CLI (${pulumi}) with a local file backend in ${tmp}.\n`);
  const project = parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as { main: string };
  // Inside the repository (ignored by git) so the program resolves its packages as examples/basic does.
  fs.mkdirSync(path.join(REPO, ".pulumi-engine"), { recursive: true });
  const work = fs.mkdtempSync(path.join(REPO, ".pulumi-engine", "demo-"));
  project.main = path.relative(work, path.join(REPO, project.main));
  fs.writeFileSync(path.join(work, "Pulumi.yaml"), stringify(project));
  fs.mkdirSync(path.join(tmp, "backend"));
  const env = demoEnv({
    PULUMI_HOME: path.join(tmp, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(tmp, "backend")}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  });
  const common = ["--non-interactive", "--cwd", work];
  try {
    const steps: string[][] = [
      ["stack", "init", STACK, "--secrets-provider", "passphrase", ...common],
      ["config", "set", "eset:endpoint", c.url, "--stack", STACK, ...common],
      ["config", "set", "eset:username", c.username, "--stack", STACK, ...common],
      ["config", "set", "--secret", "eset:password", c.password, "--stack", STACK, ...common],
      ["up", "--yes", "--skip-preview", "--stack", STACK, ...common],
    ];
    for (const args of steps) {
      const code = await run(pulumi, args, env);
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The tenant's group tree, drawn like `tree`, with device counts. */
export function drawTree(state: EmulatorState): string[] {
  const tenant = state.tenants[0];
  const children = (uuid: string) =>
    tenant.groups
      .filter((g) => g.parentGroupUuid === uuid)
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const label = (uuid: string, name: string): string => {
    const devices = tenant.devices.filter((d) => d.groupUuid === uuid).length;
    return devices > 0 ? `${name} (${devices} device${devices > 1 ? "s" : ""})` : name;
  };
  const lines = [label(tenant.allGroupUuid, "All")];
  const walk = (uuid: string, prefix: string): void => {
    const kids = children(uuid);
    kids.forEach((g, i) => {
      const last = i === kids.length - 1;
      lines.push(`${prefix}${last ? "└── " : "├── "}${label(g.uuid, g.displayName)}`);
      walk(g.uuid, prefix + (last ? "    " : "│   "));
    });
  };
  walk(tenant.allGroupUuid, "");
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const forceHarness = argv.includes("--harness");
  const seed = parse(fs.readFileSync(DEMO_SEED, "utf8")) as SeedInput;
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, seed });
  const { username, password } = emulator.defaults;
  const connection = { url: emulator.url, username, password };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eset-connect-demo-"));
  console.log(`ESET Connect emulator listening on ${emulator.url} (API user ${username}).`);
  console.log(`Running \`up\` on the demo project (Pulumi.yaml -> examples/hierarchy), stack "${STACK}".`);
  try {
    const pulumi = forceHarness ? undefined : findOnPath("pulumi");
    const code = pulumi
      ? await upWithPulumiCli(pulumi, connection, tmp)
      : await upWithHarness(connection, tmp);
    const state = await emulatorControl(emulator.url).state();
    console.log(`\nLive group tree in the emulator after up (exit code ${code}):\n`);
    for (const line of drawTree(state)) console.log(`  ${line}`);
    console.log(
      "\nThe emulator stops now and the demo stack goes with it. To keep going, run `npm run emulator`\n" +
        "and follow examples/hierarchy/README.md (the engine harness or the Pulumi CLI against it).",
    );
    return code;
  } finally {
    await emulator.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`demo failed: ${e.message}`);
      process.exit(1);
    },
  );
}
