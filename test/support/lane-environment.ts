/**
 * The jest environment of every test lane (jest.config.js): Node's, plus two checks.
 *
 * - A file is in the lane for what it starts. The unit lane may start no server (an emulator) and
 *   no child process; the http lane no child process. The guard makes the first such call throw
 *   with the suffix the file needs, so a slow file cannot hide in the inner loop (npm run test:unit).
 * - A file leaves no process running. Everything a file starts carries ESET_TEST_FILE=<its path>
 *   (and the run's ESET_TEST_RUN) in its environment; after the file's own afterAll hooks, any
 *   process still marked is killed and the file fails naming it.
 *
 * - The host and engine lanes start Node processes that load @pulumi/pulumi faster (NODE_OPTIONS):
 *   with a V8 code cache (test/support/code-cache.js), and without npm's arborist and TypeScript
 *   until they are used (test/support/defer-unused-modules.js).
 *
 * It runs outside the test's sandbox: the `process.env` and the core modules it changes are the
 * worker's own, which is what a child process inherits and what the test's code calls.
 */
import * as net from "net";
import * as path from "path";
import { TestEnvironment } from "jest-environment-node";
import { describeProcesses, killProcesses, processesLeft } from "./processes";
import { TEST_RUN_VARIABLE } from "./test-run";

type Lane = "unit" | "http" | "host" | "engine" | "package" | "pulumi-cli";

/** The lanes whose child processes load faster (none of them is what users install). */
const FAST_LOAD_LANES: readonly Lane[] = ["host", "engine"];
const FAST_LOAD_OPTIONS = ["code-cache.js", "defer-unused-modules.js"]
  .map((file) => `--require ${JSON.stringify(path.join(__dirname, file))}`)
  .join(" ");

/**
 * NODE_OPTIONS for the processes a file of `lane` starts: the worker's own, with the fast load in
 * a host or engine file only (a worker runs files of every lane one after another), unless
 * ESET_TEST_FAST_LOAD=off (to compare, or to rule it out).
 */
function nodeOptions(lane: Lane): string | undefined {
  const own = (process.env.NODE_OPTIONS ?? "").replace(FAST_LOAD_OPTIONS, "").trim();
  const fast = FAST_LOAD_LANES.includes(lane) && process.env.ESET_TEST_FAST_LOAD !== "off";
  const options = fast ? `${own} ${FAST_LOAD_OPTIONS}`.trim() : own;
  return options === "" ? undefined : options;
}

const CHILD_PROCESS_FUNCTIONS = [
  "spawn",
  "spawnSync",
  "exec",
  "execSync",
  "execFile",
  "execFileSync",
  "fork",
] as const;

const STARTS_A_SERVER =
  "this test starts an emulator (a server on a port): name it *.http.test.ts (test lanes: CONTRIBUTING.md)";
const STARTS_A_PROCESS =
  "this test starts a child process: name it *.host.test.ts (a provider host or another process), " +
  "*.engine.test.ts (the engine harness) or *.package.test.ts (npm pack) (test lanes: CONTRIBUTING.md)";

/** Undoes what a guard changed. */
type Restore = () => void;

function forbidChildProcesses(): Restore {
  // The module object itself (an `import * as` copy has getters only): what the test's code calls.
  const module = require("child_process") as Record<string, unknown>;
  const originals = CHILD_PROCESS_FUNCTIONS.map((name) => [name, module[name]] as const);
  for (const [name] of originals) {
    module[name] = () => {
      throw new Error(STARTS_A_PROCESS);
    };
  }
  return () => {
    for (const [name, original] of originals) module[name] = original;
  };
}

function forbidServers(): Restore {
  // Every server Node makes (http, fastify, gRPC's) listens through net.Server.
  const original = net.Server.prototype.listen;
  net.Server.prototype.listen = function listen() {
    throw new Error(STARTS_A_SERVER);
  };
  return () => {
    net.Server.prototype.listen = original;
  };
}

export default class LaneEnvironment extends TestEnvironment {
  private readonly lane: Lane;
  private readonly testPath: string;
  private readonly rootDir: string;
  private restores: Restore[] = [];

  constructor(...[config, context]: ConstructorParameters<typeof TestEnvironment>) {
    // Before the sandbox copies the environment: cleanEnv() and the sandbox's process.env see it too.
    process.env.ESET_TEST_FILE = context.testPath;
    const lane = (config.projectConfig.testEnvironmentOptions.lane ?? "unit") as Lane;
    const options = nodeOptions(lane);
    if (options === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = options;
    super(config, context);
    this.lane = lane;
    this.testPath = context.testPath;
    this.rootDir = config.projectConfig.rootDir;
  }

  override async setup(): Promise<void> {
    await super.setup();
    if (this.lane === "unit") this.restores.push(forbidServers());
    if (this.lane === "unit" || this.lane === "http") this.restores.push(forbidChildProcesses());
  }

  override async teardown(): Promise<void> {
    for (const restore of this.restores.splice(0)) restore();
    const mark: Record<string, string> = { ESET_TEST_FILE: this.testPath };
    const run = process.env[TEST_RUN_VARIABLE];
    if (run) mark[TEST_RUN_VARIABLE] = run;
    const left = await processesLeft(mark);
    killProcesses(left);
    await super.teardown();
    if (left.length > 0) {
      throw new Error(
        `${path.relative(this.rootDir, this.testPath)} left ${left.length} process(es) running ` +
          `after its last afterAll (killed now); close what a test starts in its afterAll:\n` +
          describeProcesses(left),
      );
    }
  }
}
