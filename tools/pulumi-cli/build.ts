// Builds the Pulumi CLI from tools/pulumi-cli (our main over Pulumi's Go packages) with `go build`,
// through the Go module proxy and Go's own module and build caches. The binary goes to
// .cache/bin/pulumi; a stamp of the inputs skips the build when nothing changed.
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BUILT_BIN, MODULE_DIR } from "./paths";

/** The variable Pulumi's own release build sets for `pulumi version` and the engine. */
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

export function hasGo(): boolean {
  return spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;
}

/** The pkg/v3 version go.mod requires, e.g. "v3.248.0". */
export function pinnedVersion(goMod: string): string {
  const m = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/m.exec(goMod);
  if (!m) throw new Error("tools/pulumi-cli/go.mod does not require github.com/pulumi/pulumi/pkg/v3");
  return m[1];
}

function stampOf(goVersion: string): string {
  const hash = createHash("sha256").update(goVersion);
  for (const file of ["go.mod", "go.sum", "main.go"])
    hash.update(fs.readFileSync(path.join(MODULE_DIR, file)));
  return hash.digest("hex");
}

/** Returns the path of the built `pulumi`, building it first when its inputs changed. */
export function buildCli(): string {
  const binary = path.join(BUILT_BIN, "pulumi");
  const stampFile = path.join(BUILT_BIN, ".stamp");
  const goVersion = spawnSync("go", ["version"], { encoding: "utf8" }).stdout.trim();
  const stamp = stampOf(goVersion);
  if (fs.existsSync(binary) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    return binary;
  }
  const version = pinnedVersion(fs.readFileSync(path.join(MODULE_DIR, "go.mod"), "utf8"));
  fs.mkdirSync(BUILT_BIN, { recursive: true });
  console.error(
    `Building the Pulumi CLI ${version} from Pulumi's Go module (${goVersion}); the first build takes minutes.`,
  );
  const started = Date.now();
  const go = spawnSync(
    "go",
    ["build", "-ldflags", `-s -w -X ${VERSION_VARIABLE}=${version}`, "-o", binary, "."],
    { cwd: MODULE_DIR, stdio: ["ignore", process.stderr, process.stderr] },
  );
  if (go.status !== 0) {
    throw new Error(
      `go build in tools/pulumi-cli failed (exit ${go.status ?? go.signal}); see its output above.`,
    );
  }
  fs.writeFileSync(stampFile, stamp);
  console.error(`Built ${binary} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return binary;
}
