// Runs the Pulumi program in this process, the way the nodejs language host's `cmd/run` does:
// project, stack, preview flag, parallelism and config go into the environment variables the
// SDK reads (PULUMI_NODEJS_*, PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS); the working directory
// is the project folder; TypeScript is loaded through ts-node with the same options `cmd/run`
// builds; the program runs inside the root stack resource (`runtime.runInPulumiStack`). Only the
// resource monitor differs: ours, installed through `runtime.setMockOptions`.
// It must be a plain Node process (not a jest VM): closure serialization of dynamic providers
// uses the inspector. One program at a time per process: the SDK keeps global state, which
// `setMockOptions` resets (`resetOptions`) before each run, as the Automation API's inline-program
// server does (automation/server.ts); the program's own files are loaded afresh each run.
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { ProgramActivity } from "./program-activity";
import type { ProjectInfo, StackConfig } from "./project";
import type { Sdk } from "./sdk";

export interface ProgramOptions {
  project: ProjectInfo;
  stack: string;
  preview: boolean;
  parallel: number;
  config: StackConfig;
  sdk: Sdk;
  monitor: object;
}

interface Runtime {
  setMockOptions(
    monitor: object,
    project: string,
    stack: string,
    preview: boolean,
    organization: string,
  ): void;
  setAllConfig(config: Record<string, string>, secretKeys: string[]): void;
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
  waitForRPCs(): Promise<void>;
}

interface SdkErrors {
  RunError: { isInstance(e: unknown): boolean };
  ResourceError: { isInstance(e: unknown): boolean };
}

interface Debuggable {
  leakedPromises(): [Set<unknown>, string];
}

interface Tsutils {
  typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
  loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
}

/** The program's entry point: `main` from Pulumi.yaml, else package.json's `main`, else the folder. */
function entryPoint(project: ProjectInfo): string {
  if (project.main) return path.resolve(project.dir, project.main);
  const manifest = path.join(project.dir, "package.json");
  if (fs.existsSync(manifest)) {
    const main = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { main?: string }).main;
    if (main && fs.existsSync(path.join(project.dir, main))) return path.join(project.dir, main);
  }
  return project.dir + path.sep;
}

/** Project folders whose TypeScript this process already compiles (ts-node hooks `require` once). */
const typeScriptProjects = new Set<string>();

/** Registers ts-node like `cmd/run` (CommonJS path): the project's tsconfig.json if any, else defaults. */
function registerTypeScript(sdk: Sdk, projectDir: string): void {
  if (typeScriptProjects.has(projectDir)) return;
  typeScriptProjects.add(projectDir);
  const tsutils = sdk.load<Tsutils>("tsutils");
  const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
  const tsConfigPath = path.join(projectDir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  const skipProject = !fs.existsSync(tsConfigPath);
  const compilerOptions = skipProject ? {} : tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
  const transpileEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
  const fromSdk = createRequire(path.join(sdk.root, "package.json"));
  const tsNode = fromSdk(tsnodeRequire) as { register(options: object): void };
  const ts = fromSdk(typescriptRequire) as { version: string };
  const [major, minor] = ts.version.split(".").map(Number);
  const nodeNext = major > 4 || (major === 4 && minor >= 7);
  tsNode.register({
    compiler: typescriptRequire,
    transpileOnly: transpileEnv ? transpileEnv === "true" : compilerOptions.noCheck,
    project: tsConfigPath,
    skipProject,
    compilerOptions: {
      target: "ES2020",
      module: nodeNext ? "nodenext" : "commonjs",
      moduleResolution: nodeNext ? "nodenext" : "node",
      sourceMap: "true",
      ...compilerOptions,
    },
  });
}

/**
 * Drops the program's own files (its folder, not its packages) from the module cache, so that a
 * second run in this process runs them again, as a process of its own would.
 */
function forgetProgramFiles(projectDir: string): void {
  const own = projectDir + path.sep;
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(own) && !file.includes(`${path.sep}node_modules${path.sep}`))
      delete require.cache[file];
  }
}

export interface ProgramResult {
  /** Errors the program raised (thrown, rejected, or logged with pulumi.log.error). */
  errors: string[];
}

/** How often the harness looks whether the program would have exited (its work is all events). */
const EXIT_CHECK_MS = 50;

/** Resolves once the program's process would have exited: nothing of it left to wake it. */
function exitOf(activity: ProgramActivity): { exited: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => {
    timer = setInterval(() => activity.idle() && resolve(), EXIT_CHECK_MS);
  });
  return { exited, cancel: () => clearInterval(timer) };
}

export async function runProgram(o: ProgramOptions): Promise<ProgramResult> {
  const { project, stack } = o;
  Object.assign(process.env, {
    PULUMI_NODEJS_PROJECT: project.name,
    PULUMI_NODEJS_STACK: stack,
    PULUMI_NODEJS_ROOT_DIRECTORY: project.dir,
    PULUMI_NODEJS_DRY_RUN: String(o.preview),
    PULUMI_NODEJS_PARALLEL: String(o.parallel),
    PULUMI_NODEJS_ORGANIZATION: "organization",
    PULUMI_CONFIG: JSON.stringify(o.config.values),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(o.config.secretKeys),
  });
  process.chdir(project.dir);
  const runtime = o.sdk.load<Runtime>("runtime");
  const log = o.sdk.load<{ hasErrors(): boolean }>("log");
  const { RunError, ResourceError } = o.sdk.load<SdkErrors>("errors");
  const activity = new ProgramActivity();
  runtime.setMockOptions(activity.wrapMonitor(o.monitor), project.name, stack, o.preview, "organization");
  runtime.setAllConfig(o.config.values, o.config.secretKeys);
  if (project.typescript) registerTypeScript(o.sdk, project.dir);
  // Standard output and error are the harness's: opened here, they are not counted as the program's.
  void [process.stdout, process.stderr];

  const errors: string[] = [];
  // As cmd/run's handler: a RunError (or a ResourceError that asks so) shows its message alone.
  const onError = (e: unknown): void => {
    const bare =
      RunError.isInstance(e) ||
      (ResourceError.isInstance(e) && (e as { hideStack?: boolean }).hideStack === true);
    const message = e instanceof Error ? (bare ? e.message : (e.stack ?? e.message)) : String(e);
    if (!errors.includes(message)) errors.push(message);
  };
  process.on("uncaughtException", onError);
  process.on("unhandledRejection", onError);
  const program = entryPoint(project);
  forgetProgramFiles(project.dir);
  const finished = activity.runProgram(async () => {
    await runtime.runInPulumiStack(async () => {
      const exported: unknown = require(program);
      return typeof exported === "function" ? await (exported as () => unknown)() : exported;
    });
    await runtime.waitForRPCs();
  });
  const exit = exitOf(activity);
  const ended = await Promise.race([
    finished.then(() => "finished", onError),
    exit.exited.then(() => "exited"),
  ]);
  exit.cancel();
  activity.stop();
  // Rejections of outputs nobody awaited surface on the next turns of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  process.off("uncaughtException", onError);
  process.off("unhandledRejection", onError);
  if (log.hasErrors()) errors.push("the program logged errors (pulumi.log.error)");
  if (ended === "exited" && errors.length === 0) {
    // No error, yet promises left: the runtime's leak detector fails the run (runtime/debuggable).
    const [leaks, message] = o.sdk.load<Debuggable>("runtime/debuggable").leakedPromises();
    if (leaks.size > 0) errors.push(message);
  }
  return { errors };
}
