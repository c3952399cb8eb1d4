// The real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started as a child
// process the way the engine starts the `pulumi-resource-pulumi-nodejs` plugin: working directory =
// the program's folder (so the host resolves packages as the program does), one argument (the
// engine's address; the host does not use it), and the port it prints on its first line.
// The harness then speaks the provider gRPC protocol to it. Values crossing this boundary carry no
// secret wrappers: the host answers Configure with acceptSecrets=false, so the engine strips
// secrets before calling it and marks them again on the way back.
import { spawn, type ChildProcess } from "child_process";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as provGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as provPb from "@pulumi/pulumi/proto/provider_pb";
import type * as statusPb from "@pulumi/pulumi/proto/status_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type { PropertyMap } from "./properties";
import type { Sdk } from "./sdk";
import { nameOf, typeOf } from "./urn";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface DiffAnswer {
  /** "unknown" means the provider has no diff method: the engine then compares inputs itself. */
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** What Diff and Update are asked about: a resource's old state against its new inputs. */
export interface ResourceChange {
  urn: string;
  id: string;
  /** The old outputs (what a dynamic provider's diff receives as `olds`). */
  olds: PropertyMap;
  news: PropertyMap;
  oldInputs: PropertyMap;
  /** The `ignoreChanges` resource option. */
  ignoreChanges: string[];
}

/** Create or update failed after the object was made: the engine keeps it, with these reasons. */
export class ResourceInitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitFailedError";
  }
}

export interface ProviderHostOptions {
  sdk: Sdk;
  programDir: string;
  project: string;
  stack: string;
  /** Receives every line the host prints after its port (its console output). */
  onLog: (line: string) => void;
}

type Callback<T> = (error: grpcTypes.ServiceError | null, response: T) => void;

export class ProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: provGrpc.ResourceProviderClient,
    private readonly pb: typeof provPb,
    private readonly struct: typeof structPb,
    private readonly status: typeof statusPb,
  ) {}

  static async start(o: ProviderHostOptions): Promise<ProviderHost> {
    const env = {
      ...process.env,
      PULUMI_PROJECT: o.project,
      PULUMI_STACK: o.stack,
      PULUMI_NODEJS_PROJECT: o.project,
      PULUMI_NODEJS_STACK: o.stack,
    };
    const child = spawn(process.execPath, [o.sdk.dynamicProviderScript, "127.0.0.1:0"], {
      cwd: o.programDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await readPort(child, o.onLog);
    const grpc = o.sdk.loadDependency<typeof grpcTypes>("@grpc/grpc-js");
    const services = o.sdk.load<typeof provGrpc>("proto/provider_grpc_pb");
    const client = new services.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
      },
    );
    return new ProviderHost(
      child,
      client,
      o.sdk.load<typeof provPb>("proto/provider_pb"),
      o.sdk.loadDependency<typeof structPb>("google-protobuf/google/protobuf/struct_pb"),
      o.sdk.load<typeof statusPb>("proto/status_pb"),
    );
  }

  /**
   * Sends the whole stack config (namespaced keys, secrets decrypted) as `args`, which is what the
   * engine sends dynamic providers since SDK 3.139 (pulumi/pulumi#17697).
   */
  async configure(config: Record<string, string>): Promise<void> {
    const req = new this.pb.ConfigureRequest();
    req.setArgs(this.struct.Struct.fromJavaScript(config));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await this.call<provPb.ConfigureResponse>((cb) => this.client.configure(req, cb));
  }

  async check(
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
  ): Promise<{ inputs: PropertyMap; failures: CheckFailure[] }> {
    const req = new this.pb.CheckRequest();
    req.setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
    req.setOlds(this.toStruct(olds)).setNews(this.toStruct(news));
    const resp = await this.call<provPb.CheckResponse>((cb) => this.client.check(req, cb));
    return {
      inputs: this.fromStruct(resp.getInputs()),
      failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(change: ResourceChange): Promise<DiffAnswer> {
    const req = this.changeRequest(new this.pb.DiffRequest(), change);
    const resp = await this.call<provPb.DiffResponse>((cb) => this.client.diff(req, cb));
    const kinds = this.pb.DiffResponse.DiffChanges;
    const changes = resp.getChanges();
    return {
      changes: changes === kinds.DIFF_NONE ? "none" : changes === kinds.DIFF_SOME ? "some" : "unknown",
      replaces: resp.getReplacesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: PropertyMap): Promise<{ id: string; properties: PropertyMap }> {
    const req = new this.pb.CreateRequest();
    req.setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn)).setProperties(this.toStruct(properties));
    const resp = await this.call<provPb.CreateResponse>((cb) => this.client.create(req, cb), true);
    return { id: resp.getId(), properties: this.fromStruct(resp.getProperties()) };
  }

  async read(
    urn: string,
    id: string,
    properties: PropertyMap,
    inputs: PropertyMap,
  ): Promise<{ id: string; properties: PropertyMap; inputs?: PropertyMap }> {
    const req = new this.pb.ReadRequest();
    req.setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn)).setId(id);
    req.setProperties(this.toStruct(properties)).setInputs(this.toStruct(inputs));
    const resp = await this.call<provPb.ReadResponse>((cb) => this.client.read(req, cb));
    const newInputs = resp.getInputs()?.toJavaScript() as PropertyMap | undefined;
    return {
      id: resp.getId(),
      properties: this.fromStruct(resp.getProperties()),
      inputs: newInputs && Object.keys(newInputs).length > 0 ? newInputs : undefined,
    };
  }

  async update(change: ResourceChange): Promise<PropertyMap> {
    const req = this.changeRequest(new this.pb.UpdateRequest(), change);
    const resp = await this.call<provPb.UpdateResponse>((cb) => this.client.update(req, cb), true);
    return this.fromStruct(resp.getProperties());
  }

  async delete(urn: string, id: string, properties: PropertyMap, oldInputs: PropertyMap): Promise<void> {
    const req = new this.pb.DeleteRequest();
    req.setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn)).setId(id);
    req.setProperties(this.toStruct(properties)).setOldInputs(this.toStruct(oldInputs));
    await this.call((cb: Callback<unknown>) => this.client.delete(req, cb));
  }

  /** Stops the host, as the engine does when the operation ends. */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill();
    });
  }

  private toStruct(m: PropertyMap): structPb.Struct {
    return this.struct.Struct.fromJavaScript(m as Record<string, structPb.JavaScriptValue>);
  }

  /** An answer's properties; the host leaves the field out when there are none. */
  private fromStruct(s: structPb.Struct | undefined): PropertyMap {
    return (s?.toJavaScript() ?? {}) as PropertyMap;
  }

  /** Fills what a Diff and an Update request share (see ResourceChange). */
  private changeRequest<R extends provPb.DiffRequest | provPb.UpdateRequest>(req: R, c: ResourceChange): R {
    req.setUrn(c.urn).setName(nameOf(c.urn)).setType(typeOf(c.urn)).setId(c.id);
    req
      .setOlds(this.toStruct(c.olds))
      .setNews(this.toStruct(c.news))
      .setOldInputs(this.toStruct(c.oldInputs));
    req.setIgnorechangesList(c.ignoreChanges);
    return req;
  }

  private call<T>(start: (cb: Callback<T>) => unknown, mayReportInitFailure = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      start((error, response) => {
        if (!error) return resolve(response);
        const message = error.details || error.message;
        const initFailed = mayReportInitFailure ? this.initFailure(error, message) : undefined;
        reject(initFailed ?? new Error(message));
      });
    });
  }

  /** Reads ErrorResourceInitFailed from `grpc-status-details-bin`, as the engine does. */
  private initFailure(error: grpcTypes.ServiceError, message: string): ResourceInitFailedError | undefined {
    const raw = error.metadata?.get("grpc-status-details-bin")[0];
    if (!raw || typeof raw === "string") return undefined;
    const status = this.status.Status.deserializeBinary(new Uint8Array(raw));
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const init = this.pb.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      const props = this.fromStruct(init.getProperties());
      const reasons = init.getReasonsList();
      return new ResourceInitFailedError(
        message,
        init.getId(),
        props,
        reasons.length > 0 ? reasons : [message],
      );
    }
    return undefined;
  }
}

function readPort(child: ChildProcess, onLog: (line: string) => void): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let port: number | undefined;
    let stderr = "";
    const forward = (stream: NodeJS.ReadableStream, first: boolean): void => {
      let buffer = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (first && port === undefined && /^\d+$/.test(line.trim())) {
            port = Number(line.trim());
            resolve(port);
          } else {
            if (port === undefined) stderr += line + "\n";
            onLog(line);
          }
        }
      });
    };
    forward(child.stdout!, true);
    forward(child.stderr!, false);
    child.once("error", reject);
    child.once("exit", (code) => {
      if (port === undefined) {
        reject(
          new Error(`the dynamic-provider host exited (code ${code}) before listening:\n${stderr.trim()}`),
        );
      }
    });
  });
}
