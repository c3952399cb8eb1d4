/**
 * Starts the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) as a child
 * process and drives it over gRPC the way the Pulumi engine does: Configure once, then Check, Diff,
 * Create, Read, Update and Delete with `__provider` among the properties. Nothing here knows about
 * ESET: any dynamic resource can be driven with it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";

/** What the engine sends in place of a value that is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How the engine marks a secret value inside a Struct. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

export interface StartProviderHostOptions {
  /**
   * Folder the host process runs in. `require` calls inside `__provider` resolve from here upwards,
   * as they do from a Pulumi program's folder. Default: the repository root.
   */
  cwd?: string;
  /** Environment of the host process. Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /**
   * Let the host serve several tests, each as its own run (`freshRun`). Default: false, one run
   * per host, as the engine starts one host per command.
   */
  freshRuns?: boolean;
}

export interface CheckResult {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

export interface DiffResult {
  changes: "some" | "none" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ReadResult {
  /** Empty when the provider reported the object gone. */
  id: string;
  properties: Props;
  /** Present when the provider returned inputs to store in place of the old ones. */
  inputs?: Props;
}

/** The object exists but is not finished: what the engine records as "created/updated with errors". */
export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** A failed RPC. `initFailure` is set when the provider threw an error carrying `id`. */
export class ProviderHostError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "ProviderHostError";
  }
}

export interface ProviderHost {
  readonly port: number;
  /** Sends the stack config (namespaced keys, e.g. `eset:password`); `secretKeys` are sent as secrets. */
  configure(config: Record<string, string>, opts?: { secretKeys?: string[] }): Promise<void>;
  check(olds: Props, news: Props, urn?: string): Promise<CheckResult>;
  diff(id: string, olds: Props, news: Props, urn?: string): Promise<DiffResult>;
  create(properties: Props, urn?: string): Promise<{ id: string; properties: Props }>;
  read(id: string, properties: Props, inputs?: Props, urn?: string): Promise<ReadResult>;
  update(id: string, olds: Props, news: Props, urn?: string): Promise<{ properties: Props }>;
  delete(id: string, properties: Props, urn?: string): Promise<void>;
  /** Everything the host printed so far, or since the last `freshRun` (the engine shows this to the user). */
  output(): { stdout: string; stderr: string };
  /**
   * Makes the next call the first of a new run: the host forgets what the provider keeps per
   * process (claims, tokens, tree snapshots, rate limiters; see fresh-run.js) and its output so
   * far, as a host the engine starts for the next command would. Needs `freshRuns`.
   */
  freshRun(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_URN = "urn:pulumi:test::test::pulumi-nodejs:dynamic:Resource::test";
const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** What fresh-run.js writes on standard error once the host has forgotten its run. */
const FRESH_RUN_MARKER = "[test] fresh run\n";

export async function startProviderHost(opts: StartProviderHostOptions = {}): Promise<ProviderHost> {
  const hostScript = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  // The host insists on an engine address but never dials it.
  const preload = opts.freshRuns ? ["--require", path.join(__dirname, "fresh-run.js")] : [];
  const child = spawn(process.execPath, [...preload, hostScript, "127.0.0.1:1"], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: opts.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  let freshRunsDone = 0;
  let freshRunWaiter: (() => void) | undefined;
  child.stdout.setEncoding("utf8").on("data", (s: string) => (out.stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    out.stderr += s;
    // The marker is the test's own line, not the host's output: dropped, and counted.
    while (out.stderr.includes(FRESH_RUN_MARKER)) {
      out.stderr = out.stderr.replace(FRESH_RUN_MARKER, "");
      freshRunsDone++;
      freshRunWaiter?.();
    }
  });
  const port = await waitForPort(child, out);
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  function call<Req, Res>(method: string, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      type Unary = (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => void;
      const fn = (client as unknown as Record<string, Unary>)[method].bind(client);
      fn(req, (err, res) => (err ? reject(toHostError(err)) : resolve(res)));
    });
  }

  return {
    port,
    async configure(config, { secretKeys = [] } = {}) {
      const args: Props = {};
      for (const [k, v] of Object.entries(config)) {
        args[k] = secretKeys.includes(k) ? { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value: v } : v;
      }
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(args));
      req.setAcceptsecrets(true);
      await call("configure", req);
    },
    async check(olds, news, urn = DEFAULT_URN) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await call<provproto.CheckRequest, provproto.CheckResponse>("check", req);
      return {
        inputs: fromStruct(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(id, olds, news, urn = DEFAULT_URN) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await call<provproto.DiffRequest, provproto.DiffResponse>("diff", req);
      const kinds = provproto.DiffResponse.DiffChanges;
      const changes = res.getChanges();
      return {
        changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async create(properties, urn = DEFAULT_URN) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      const res = await call<provproto.CreateRequest, provproto.CreateResponse>("create", req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },
    async read(id, properties, inputs, urn = DEFAULT_URN) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      if (inputs) req.setInputs(toStruct(inputs));
      const res = await call<provproto.ReadRequest, provproto.ReadResponse>("read", req);
      const storedInputs = res.getInputs();
      return {
        id: res.getId(),
        properties: fromStruct(res.getProperties()),
        ...(storedInputs ? { inputs: fromStruct(storedInputs) } : {}),
      };
    },
    async update(id, olds, news, urn = DEFAULT_URN) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await call<provproto.UpdateRequest, provproto.UpdateResponse>("update", req);
      return { properties: fromStruct(res.getProperties()) };
    },
    async delete(id, properties, urn = DEFAULT_URN) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      await call("delete", req);
    },
    output: () => ({ ...out }),
    async freshRun() {
      if (!opts.freshRuns) throw new Error("freshRun() needs a host started with freshRuns: true");
      const wanted = freshRunsDone + 1;
      const done = new Promise<void>((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`dynamic-provider host exited (${code}) before its fresh run: ${out.stderr}`));
        child.once("exit", onExit);
        freshRunWaiter = () => {
          if (freshRunsDone < wanted) return;
          freshRunWaiter = undefined;
          child.off("exit", onExit);
          resolve();
        };
      });
      child.kill("SIGUSR2");
      await done;
      out.stdout = "";
      out.stderr = "";
    },
    async close() {
      client.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function waitForPort(child: ChildProcessWithoutNullStreams, out: { stdout: string; stderr: string }) {
  return new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /^(\d+)\s*$/m.exec(out.stdout);
      if (match) {
        child.stdout.off("data", onData);
        child.off("exit", onExit);
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`dynamic-provider host exited (${code}) before printing its port: ${out.stderr}`));
    child.stdout.on("data", onData);
    child.once("exit", onExit);
  });
}

function toStruct(value: Props): structproto.Struct {
  // Struct cannot hold `undefined`; the engine never sends it either.
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function fromStruct(struct: structproto.Struct | undefined): Props {
  return (struct?.toJavaScript() ?? {}) as Props;
}

function toHostError(err: grpc.ServiceError): ProviderHostError {
  const raw = err.metadata?.get("grpc-status-details-bin")[0];
  let initFailure: InitFailure | undefined;
  if (raw) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const failed = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      initFailure = {
        id: failed.getId(),
        properties: fromStruct(failed.getProperties()),
        reasons: failed.getReasonsList(),
      };
    }
  }
  return new ProviderHostError(err.details || err.message, err.code, initFailure);
}
