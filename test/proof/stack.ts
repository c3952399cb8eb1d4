/**
 * A Pulumi stack of the benchmark program (tools/bench/program) driven through the engine harness
 * against a test emulator: each run writes the declared tree, runs one engine command in a child
 * process and keeps what it printed, so tests can check the live tree and scan the output.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assertBuilt, runEngineCommand, type EngineCommand, type EngineRun } from "../../tools/bench/engine";
import { hierarchyYaml, type DeclaredTree } from "../../tools/bench/tree";
import { runHarnessCommand } from "../engine/run-engine";

export interface Connection {
  username: string;
  password: string;
  /** "config": stack config with a secret eset:password; "env": ESET_CONNECT_* variables. */
  via: "config" | "env";
}

export interface StackRunOptions {
  /** Extra environment, e.g. ESET_CONNECT_DEBUG=1. Default none. */
  env?: NodeJS.ProcessEnv;
  /** Keys of groups that get a GpoSccmFile. Default none. */
  installers?: string[];
  /** Connection for this run only (e.g. a wrong password). Default: the stack's. */
  connection?: Connection;
  expectNoChanges?: boolean;
  /** Give the provider host a limiter that never waits (tests where speed is not the subject). Default false. */
  noLimiter?: boolean;
}

/** Every run's output, for secret scans. */
export interface CapturedText {
  where: string;
  text: string;
}

export class EngineStack {
  readonly dir: string;
  readonly stateFile: string;
  readonly captured: CapturedText[] = [];
  private runs = 0;

  constructor(
    /** The emulator (or any ESET Connect endpoint) the stack talks to. */
    private readonly emulator: { url: string },
    private readonly connection: Connection,
  ) {
    assertBuilt();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-proof-"));
    this.stateFile = path.join(this.dir, "state.json");
  }

  async run(command: EngineCommand, tree: DeclaredTree, o: StackRunOptions = {}): Promise<EngineRun> {
    const label = `run ${++this.runs} (${command})`;
    const treeFile = path.join(this.dir, `tree-${this.runs}.yaml`);
    fs.writeFileSync(treeFile, hierarchyYaml(tree));
    const c = o.connection ?? this.connection;
    const config: Record<string, string> = { "bench:tree": treeFile };
    if (o.installers) config["bench:installers"] = o.installers.join(",");
    const env: NodeJS.ProcessEnv = { ...o.env };
    const secretConfig: Record<string, string> = {};
    if (c.via === "config") {
      Object.assign(config, { "eset:endpoint": this.emulator.url, "eset:username": c.username });
      secretConfig["eset:password"] = c.password;
    } else {
      Object.assign(env, {
        ESET_CONNECT_ENDPOINT: this.emulator.url,
        ESET_CONNECT_USERNAME: c.username,
        ESET_CONNECT_PASSWORD: c.password,
      });
    }
    const result = await runEngineCommand({
      command,
      stateFile: this.stateFile,
      config,
      secretConfig,
      env,
      expectNoChanges: o.expectNoChanges,
      noLimiter: o.noLimiter,
      runner: runHarnessCommand,
    });
    this.captured.push(
      { where: `${label} stdout (JSON report)`, text: result.stdout },
      { where: `${label} stderr`, text: result.stderr },
    );
    if (fs.existsSync(this.stateFile)) {
      this.captured.push({ where: `${label} state file`, text: fs.readFileSync(this.stateFile, "utf8") });
    }
    return result;
  }

  /** The state file as the engine wrote it. */
  state(): {
    resources: {
      urn: string;
      type: string;
      id?: string;
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    }[];
  } {
    return JSON.parse(fs.readFileSync(this.stateFile, "utf8"));
  }

  /** Each Group's uuid in the state, by key (its resource name is `tree/<key>`). */
  uuidsByKey(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.state().resources) {
      if (!r.type.endsWith(":Group") || !r.id) continue;
      out.set((r.urn.split("::").pop() as string).replace(/^tree\//, ""), r.id);
    }
    return out;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The error diagnostics of a run's report. */
export function errorsOf(run: EngineRun): string[] {
  return run.report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
}
