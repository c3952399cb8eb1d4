// Run for `runtime: python`: `<python> -u exec.py --monitor … <program>` from the program's folder,
// with the stack config in PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS (what the `pulumi` package
// from PyPI reads). The python is the project's virtualenv's (runtime option `virtualenv`, relative
// to the project folder) or `python3` on PATH. Learned from Pulumi's Go host
// (sdk/python/cmd/pulumi-language-python v3.248.0, Run); no toolchains but pip's venv, no typechecker.
import { spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import type * as languagePbTypes from "@pulumi/pulumi/proto/language_pb";
import { MODULE_DIR } from "../paths";

const languagePb = require("@pulumi/pulumi/proto/language_pb") as typeof languagePbTypes;

const EXEC_SCRIPT = path.join(MODULE_DIR, "language-python", "exec.py");
/** The engine reads this exit code as "the program already reported its error". */
const REPORTED = 32;

export function pythonOf(rootDirectory: string, options: Record<string, unknown>): string {
  const venv = options.virtualenv;
  if (typeof venv !== "string" || venv === "") return "python3";
  return path.join(
    path.resolve(rootDirectory, venv),
    process.platform === "win32" ? "Scripts" : "bin",
    "python",
  );
}

export function execArguments(
  req: languagePbTypes.RunRequest,
  programDirectory: string,
  entryPoint: string,
): string[] {
  return [
    "-u",
    EXEC_SCRIPT,
    ...["--monitor", req.getMonitorAddress(), "--engine", "", "--project", req.getProject()],
    ...["--stack", req.getStack(), "--pwd", programDirectory, "--dry_run", String(req.getDryrun())],
    ...["--parallel", String(req.getParallel()), "--organization", req.getOrganization()],
    ...["--root_directory", req.getInfo()?.getRootDirectory() ?? programDirectory],
    path.resolve(programDirectory, entryPoint),
    ...req.getArgsList(),
  ];
}

export function run(engineAddress: () => string) {
  return (
    call: grpc.ServerUnaryCall<languagePbTypes.RunRequest, languagePbTypes.RunResponse>,
    callback: grpc.sendUnaryData<languagePbTypes.RunResponse>,
  ): void => {
    const req = call.request;
    const info = req.getInfo();
    const programDirectory = info?.getProgramDirectory() || req.getPwd();
    const options = (info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const config: Record<string, string> = {};
    req.getConfigMap().forEach((value, key) => (config[key] = value));
    const args = execArguments(req, programDirectory, info?.getEntryPoint() || req.getProgram() || ".");
    args[args.indexOf("--engine") + 1] = engineAddress();
    const child = spawn(pythonOf(info?.getRootDirectory() || programDirectory, options), args, {
      cwd: programDirectory,
      env: {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const answer = (error: string, bail = false) =>
      callback(null, new languagePb.RunResponse().setError(error).setBail(bail));
    child.on("error", (e) => answer(`cannot start python: ${e.message}`));
    child.on("close", (code) => {
      if (code === 0) answer("");
      else if (code === REPORTED) answer("", true);
      else answer(`Program exited with non-zero exit code: ${code}`);
    });
  };
}
