// The LanguageRuntime gRPC service for `runtime: nodejs`, over the service definitions that
// @pulumi/pulumi ships (proto/language_grpc_pb). The RPCs the CLI calls for up, preview, refresh,
// destroy, about and install are implemented, and RunPlugin (run-plugin.ts) and GeneratePackage
// (generate-package.ts); program generation, packing and linking are not (they answer
// UNIMPLEMENTED, and the CLI says so).
import { spawn, type ChildProcess } from "child_process";
import { createRequire } from "module";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import type * as languagePbTypes from "@pulumi/pulumi/proto/language_pb";
import type * as languageGrpcTypes from "@pulumi/pulumi/proto/language_grpc_pb";
import type * as pluginPbTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";
import { programDependencies, requiredPlugins } from "./packages";
import { runPlugin } from "./run-plugin";
import { generatePackage } from "./generate-package";
import {
  parseRuntimeOptions,
  programArguments,
  programEnvironment,
  runOutcome,
  type RunSpec,
} from "./program";

const languagePb = require("@pulumi/pulumi/proto/language_pb") as typeof languagePbTypes;
const languageGrpc = require("@pulumi/pulumi/proto/language_grpc_pb") as typeof languageGrpcTypes;
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb") as typeof pluginPbTypes;
const emptyPb = require("google-protobuf/google/protobuf/empty_pb") as typeof emptyPbTypes;

/** The SDK the program runs with is found from the program's folder, as Node would find it. */
const RUN_SCRIPT = "@pulumi/pulumi/cmd/run";

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

function unimplemented(name: string) {
  return (_call: unknown, callback: grpc.sendUnaryData<never>) =>
    callback({
      code: grpc.status.UNIMPLEMENTED,
      details: `${name} is not supported by this repository's nodejs language host (tools/language-host)`,
    });
}

function failed(error: unknown): Partial<grpc.StatusObject> {
  return { code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error) };
}

function runSpec(req: languagePbTypes.RunRequest, engineAddress: string): RunSpec {
  const info = req.getInfo();
  const config: Record<string, string> = {};
  req.getConfigMap().forEach((value, key) => (config[key] = value));
  return {
    monitorAddress: req.getMonitorAddress(),
    engineAddress,
    organization: req.getOrganization(),
    project: req.getProject(),
    stack: req.getStack(),
    rootDirectory: info?.getRootDirectory() ?? "",
    programDirectory: info?.getProgramDirectory() ?? req.getPwd(),
    entryPoint: info?.getEntryPoint() ?? req.getProgram(),
    dryRun: req.getDryrun(),
    parallel: req.getParallel(),
    args: req.getArgsList(),
    config,
    configSecretKeys: req.getConfigsecretkeysList(),
    options: (info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>,
  };
}

export class LanguageHost {
  /** Programs running now, stopped by the Cancel RPC. */
  private readonly running = new Set<ChildProcess>();

  /** `engineAddress`: from the command line, or later from Handshake. */
  constructor(
    private engineAddress: string,
    private readonly version: string,
    private readonly onEngineAddress: (address: string) => void,
  ) {}

  handshake: Unary<languagePbTypes.LanguageHandshakeRequest, languagePbTypes.LanguageHandshakeResponse> = (
    call,
    callback,
  ) => {
    this.engineAddress = call.request.getEngineAddress();
    this.onEngineAddress(this.engineAddress);
    callback(null, new languagePb.LanguageHandshakeResponse());
  };

  getPluginInfo: Unary<emptyPbTypes.Empty, pluginPbTypes.PluginInfo> = (_call, callback) =>
    callback(null, new pluginPb.PluginInfo().setVersion(this.version));

  getRequiredPackages: Unary<
    languagePbTypes.GetRequiredPackagesRequest,
    languagePbTypes.GetRequiredPackagesResponse
  > = (call, callback) => {
    try {
      const dir = call.request.getInfo()?.getProgramDirectory() ?? ".";
      const packages = requiredPlugins(dir).map((p) =>
        new pluginPb.PackageDependency()
          .setKind("resource")
          .setName(p.name)
          .setVersion(p.version)
          .setServer(p.server),
      );
      callback(null, new languagePb.GetRequiredPackagesResponse().setPackagesList(packages));
    } catch (e) {
      callback(failed(e));
    }
  };

  run: Unary<languagePbTypes.RunRequest, languagePbTypes.RunResponse> = (call, callback) => {
    const respond = (error: string, bail = false) =>
      callback(null, new languagePb.RunResponse().setError(error).setBail(bail));
    let spec: RunSpec;
    let runScript: string;
    let options;
    try {
      spec = runSpec(call.request, this.engineAddress);
      options = parseRuntimeOptions(spec.options);
      try {
        runScript = createRequire(path.join(spec.programDirectory, "noop.js")).resolve(RUN_SCRIPT);
      } catch {
        return respond(
          `It looks like the Pulumi SDK has not been installed: ${RUN_SCRIPT} cannot be found from ` +
            `${spec.programDirectory}. Run npm install there first.`,
        );
      }
    } catch (e) {
      return respond(e instanceof Error ? e.message : String(e));
    }
    const child = spawn(process.execPath, programArguments(spec, runScript, options), {
      cwd: spec.programDirectory,
      env: { ...process.env, ...programEnvironment(spec, options) },
      // The engine reads this host's output as the program's: pass it straight through.
      stdio: ["ignore", "inherit", "inherit"],
    });
    this.running.add(child);
    child.on("error", (e) => {
      this.running.delete(child);
      respond(`Problem executing program (could not run node): ${e.message}`);
    });
    child.on("exit", (code, signal) => {
      this.running.delete(child);
      const outcome = runOutcome(code, signal);
      respond(outcome.error, outcome.bail);
    });
  };

  installDependencies: grpc.handleServerStreamingCall<
    languagePbTypes.InstallDependenciesRequest,
    languagePbTypes.InstallDependenciesResponse
  > = (call) => {
    const dir = call.request.getInfo()?.getProgramDirectory() || call.request.getDirectory();
    const say = (stdout: string) =>
      call.write(new languagePb.InstallDependenciesResponse().setStdout(Buffer.from(stdout)));
    say("Installing dependencies...\n\n");
    const npm = spawn("npm", ["install", "--no-audit", "--no-fund"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    npm.stdout.on("data", (d: Buffer) =>
      call.write(new languagePb.InstallDependenciesResponse().setStdout(d)),
    );
    npm.stderr.on("data", (d: Buffer) =>
      call.write(new languagePb.InstallDependenciesResponse().setStderr(d)),
    );
    npm.on("error", (e) => call.emit("error", failed(e)));
    npm.on("close", (code) => {
      if (code !== 0) return call.emit("error", failed(`npm install in ${dir} exited with code ${code}`));
      say("Finished installing dependencies\n\n");
      call.end();
    });
  };

  runtimeOptionsPrompts: Unary<
    languagePbTypes.RuntimeOptionsRequest,
    languagePbTypes.RuntimeOptionsResponse
  > = (_call, callback) => callback(null, new languagePb.RuntimeOptionsResponse());

  template: Unary<languagePbTypes.TemplateRequest, languagePbTypes.TemplateResponse> = (_call, callback) =>
    callback(null, new languagePb.TemplateResponse());

  about: Unary<languagePbTypes.AboutRequest, languagePbTypes.AboutResponse> = (_call, callback) => {
    const response = new languagePb.AboutResponse()
      .setExecutable(process.execPath)
      .setVersion(process.version);
    response.getMetadataMap().set("packagemanager", "npm");
    callback(null, response);
  };

  getProgramDependencies: Unary<
    languagePbTypes.GetProgramDependenciesRequest,
    languagePbTypes.GetProgramDependenciesResponse
  > = (call, callback) => {
    try {
      const dir = call.request.getInfo()?.getProgramDirectory() ?? ".";
      const list = programDependencies(dir).map((d) =>
        new languagePb.DependencyInfo().setName(d.name).setVersion(d.version),
      );
      callback(null, new languagePb.GetProgramDependenciesResponse().setDependenciesList(list));
    } catch (e) {
      callback(failed(e));
    }
  };

  cancel: Unary<emptyPbTypes.Empty, emptyPbTypes.Empty> = (_call, callback) => {
    for (const child of this.running) child.kill("SIGINT");
    callback(null, new emptyPb.Empty());
  };

  /** Registers every RPC of the service on `server`. */
  register(server: grpc.Server): void {
    const implementation: languageGrpcTypes.ILanguageRuntimeServer = {
      handshake: this.handshake,
      getRequiredPlugins: unimplemented("GetRequiredPlugins (the engine uses GetRequiredPackages)"),
      getRequiredPackages: this.getRequiredPackages,
      run: this.run,
      getPluginInfo: this.getPluginInfo,
      installDependencies: this.installDependencies,
      runtimeOptionsPrompts: this.runtimeOptionsPrompts,
      template: this.template,
      about: this.about,
      getProgramDependencies: this.getProgramDependencies,
      runPlugin,
      generateProgram: unimplemented("GenerateProgram"),
      generateProject: unimplemented("GenerateProject"),
      generatePackage: generatePackage("nodejs"),
      pack: unimplemented("Pack"),
      link: unimplemented("Link"),
      cancel: this.cancel,
    };
    server.addService(languageGrpc.LanguageRuntimeService, implementation);
  }
}
