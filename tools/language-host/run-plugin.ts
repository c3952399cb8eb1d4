// RunPlugin: how the engine starts a plugin written in Node (a folder with a PulumiPlugin.yaml and
// `runtime: nodejs`, such as provider/plugin): `node @pulumi/pulumi/cmd/run-plugin <plugin folder>
// <args>` from the engine's working directory, with the environment it sends, the plugin's output
// streamed back and its exit code last. Learned from Pulumi's Go host (sdk/nodejs/cmd/
// pulumi-language-nodejs v3.248.0, RunPlugin); not supported here: policy packs, debugger attach, bun.
import { spawn } from "child_process";
import { createRequire } from "module";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import type * as languagePbTypes from "@pulumi/pulumi/proto/language_pb";
import { parseRuntimeOptions } from "./program";

const languagePb = require("@pulumi/pulumi/proto/language_pb") as typeof languagePbTypes;

/** The runner the SDK ships for plugins (Pulumi's host allows PULUMI_LANGUAGE_NODEJS_RUN_PATH instead). */
const RUN_PLUGIN_SCRIPT = "@pulumi/pulumi/cmd/run-plugin";

type Call = grpc.ServerWritableStream<languagePbTypes.RunPluginRequest, languagePbTypes.RunPluginResponse>;

export function runPlugin(call: Call): void {
  const req = call.request;
  const programDirectory = req.getInfo()?.getProgramDirectory() ?? req.getProgram();
  try {
    const options = parseRuntimeOptions(
      (req.getInfo()?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>,
    );
    const runPath = process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || RUN_PLUGIN_SCRIPT;
    const script = createRequire(path.join(programDirectory, "noop.js")).resolve(runPath);
    const env: NodeJS.ProcessEnv = {};
    for (const entry of req.getEnvList()) {
      const at = entry.indexOf("=");
      if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
    }
    if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    const child = spawn(
      process.execPath,
      [script, ...options.nodeargs, programDirectory, ...req.getArgsList()],
      { cwd: req.getPwd() || programDirectory, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.on("data", (chunk: Buffer) =>
      call.write(new languagePb.RunPluginResponse().setStdout(chunk)),
    );
    child.stderr.on("data", (chunk: Buffer) =>
      call.write(new languagePb.RunPluginResponse().setStderr(chunk)),
    );
    child.on("error", (error) => call.destroy(error));
    child.on("close", (code, signal) => {
      call.write(new languagePb.RunPluginResponse().setExitcode(code ?? (signal ? 128 : 1)));
      call.end();
    });
    // The engine cancels the call when it no longer needs the plugin.
    call.on("cancelled", () => child.kill("SIGTERM"));
  } catch (error) {
    call.emit("error", {
      code: grpc.status.UNKNOWN,
      details: error instanceof Error ? error.message : String(error),
    });
  }
}
