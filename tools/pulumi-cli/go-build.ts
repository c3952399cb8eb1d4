// `go build` of one Go package into .cache, skipped when a stamp of its inputs (the files given and
// the Go version) is unchanged. Used for the helpers next to the CLI: Pulumi's YAML language host
// and our code generator (the CLI itself keeps its own build, build.ts, with its version flags).
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface GoBuild {
  /** What the build is called in messages. */
  name: string;
  /** The Go module's folder. */
  moduleDir: string;
  /** The package to build, e.g. "./codegen" or a module path. */
  goPackage: string;
  /** Files (relative to moduleDir) whose change means a rebuild. */
  inputs: string[];
  output: string;
}

export function goBuild(b: GoBuild): string {
  const stampFile = `${b.output}.stamp`;
  const hash = createHash("sha256").update(spawnSync("go", ["version"], { encoding: "utf8" }).stdout);
  for (const file of b.inputs) hash.update(fs.readFileSync(path.join(b.moduleDir, file)));
  const stamp = hash.digest("hex");
  if (fs.existsSync(b.output) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    return b.output;
  }
  fs.mkdirSync(path.dirname(b.output), { recursive: true });
  console.error(`Building ${b.name} with Go (the first build takes minutes).`);
  const started = Date.now();
  const go = spawnSync("go", ["build", "-ldflags", "-s -w", "-o", b.output, b.goPackage], {
    cwd: b.moduleDir,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (go.status !== 0) throw new Error(`go build of ${b.name} failed (exit ${go.status ?? go.signal}).`);
  fs.writeFileSync(stampFile, stamp);
  console.error(`Built ${b.output} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return b.output;
}
