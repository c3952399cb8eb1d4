// How a Pulumi program is started for the engine: the command line and the environment that
// `@pulumi/pulumi/cmd/run` reads, from the engine's RunRequest. Pure functions (table-tested);
// run.ts spawns the process. Learned from Pulumi's Go host (sdk/nodejs/cmd/pulumi-language-nodejs,
// v3.248.0: constructArguments, constructConfig, parseOptions, execRuntime).

/** The fields of a RunRequest the program needs, in plain values. */
export interface RunSpec {
  monitorAddress: string;
  engineAddress: string;
  organization: string;
  project: string;
  stack: string;
  rootDirectory: string;
  programDirectory: string;
  /** Relative to programDirectory; the engine always sends one, "." for the folder itself. */
  entryPoint: string;
  dryRun: boolean;
  parallel: number;
  /** Extra program arguments after the entry point. */
  args: string[];
  /** Stack config, keys as the engine sends them ("eset:endpoint"). */
  config: Record<string, string>;
  configSecretKeys: string[];
  /** `runtime.options` of Pulumi.yaml. */
  options: Record<string, unknown>;
}

/** `runtime.options` of a nodejs project, with the defaults Pulumi's host uses. */
export interface RuntimeOptions {
  /** Run the program through ts-node. Default true. */
  typescript: boolean;
  /** tsconfig.json to use. Default: none (the SDK looks next to the program). */
  tsconfig?: string;
  /** Extra arguments for node, split like a shell would (quotes kept together). Default none. */
  nodeargs: string[];
}

export class RuntimeOptionError extends Error {
  constructor(option: string, expected: string) {
    super(`runtime option "${option}" in Pulumi.yaml must be ${expected}`);
    this.name = "RuntimeOptionError";
  }
}

/** Splits "--a 'b c' d" into ["--a", "b c", "d"]: quotes group, no other shell syntax. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function parseRuntimeOptions(options: Record<string, unknown>): RuntimeOptions {
  const { typescript = true, tsconfig, nodeargs = "" } = options;
  if (typeof typescript !== "boolean") throw new RuntimeOptionError("typescript", "true or false");
  if (tsconfig !== undefined && typeof tsconfig !== "string")
    throw new RuntimeOptionError("tsconfig", "a path");
  if (typeof nodeargs !== "string") throw new RuntimeOptionError("nodeargs", "a string");
  return { typescript, tsconfig, nodeargs: splitArgs(nodeargs) };
}

/**
 * Config for PULUMI_CONFIG. The SDK still understands the old "<namespace>:config:<name>" form
 * that every SDK version reads, so keys are sent in that form, as Pulumi's host does.
 */
export function programConfig(config: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const colon = key.indexOf(":");
    if (colon < 0) throw new Error(`config key "${key}" has no namespace (expected "namespace:name")`);
    out[`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`] = value;
  }
  return out;
}

/** Arguments of `node`: node args, then the run script, its flags, the entry point, extra args. */
export function programArguments(spec: RunSpec, runScript: string, options: RuntimeOptions): string[] {
  const args = [...options.nodeargs, runScript];
  const flag = (name: string, value: string): void => {
    if (value !== "") args.push(`--${name}`, value);
  };
  flag("monitor", spec.monitorAddress);
  flag("engine", spec.engineAddress);
  flag("organization", spec.organization);
  flag("project", spec.project);
  flag("root-directory", spec.rootDirectory);
  flag("stack", spec.stack);
  flag("pwd", spec.programDirectory);
  if (spec.dryRun) args.push("--dry-run");
  flag("parallel", String(spec.parallel));
  args.push(spec.entryPoint || ".", ...spec.args);
  return args;
}

/** What the program's process gets on top of this process's environment. */
export function programEnvironment(spec: RunSpec, options: RuntimeOptions): Record<string, string> {
  const env: Record<string, string> = {
    PULUMI_CONFIG: JSON.stringify(programConfig(spec.config)),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(spec.configSecretKeys),
  };
  if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}

/**
 * The SDK exits with 32 after it has already shown the user an actionable message: the engine is
 * then told to bail without adding its own.
 */
export const EXIT_AFTER_USER_MESSAGE = 32;

/** The RunResponse for an exit of the program's process. */
export function runOutcome(code: number | null, signal: string | null): { error: string; bail: boolean } {
  if (code === 0) return { error: "", bail: false };
  if (code === EXIT_AFTER_USER_MESSAGE) return { error: "", bail: true };
  if (code === null) return { error: `Program was stopped by signal ${signal ?? "unknown"}`, bail: false };
  return { error: `Program exited with non-zero exit code: ${code}`, bail: false };
}
