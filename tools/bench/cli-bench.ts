/**
 * `npm run bench -- --cli [--sizes 300,1000] [--program dynamic|plugin|dynamic,plugin] [--skip-checkpoints]
 * [--parallel 64] [--json f] [--out docs/benchmarks-cli.md]`: the benchmark under the real Pulumi CLI
 * with a file backend (cli-scenario.ts), over the dynamic resources or the `eset` plugin (cli-program.ts).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import { CLI_PROGRAMS, PLUGIN_BUILT, type CliProgram } from "./cli-program";
import { startEmulator } from "../../emulator";
import { emulatorControl } from "../../emulator/control-client";
import { renderCliChart, renderCliMarkdown, cliStepsTable } from "./cli-report";
import { runCliScenario, type CliSizeResult } from "./cli-scenario";
import { assertBuilt, repoRoot } from "./engine";
import { machineInfo, type MachineInfo } from "./machine";
import { pulumiCliBin } from "./pulumi-cli-run";
import { MIN_GROUPS } from "./tree";

interface SavedCliRun {
  machine: MachineInfo & { pulumiCli: string };
  results: CliSizeResult[];
}

interface Flags {
  sizes: number[];
  skipCheckpoints?: boolean;
  parallel?: number;
  jsProgram?: boolean;
  program: CliProgram[];
  out?: string;
  json?: string;
  fromJson?: string;
}

const whole = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number of at least ${min}`);
  return n;
};

function programs(value: string): CliProgram[] {
  const list = value.split(",").map((p) => p.trim());
  const unknown = list.filter((p) => !(CLI_PROGRAMS as readonly string[]).includes(p));
  if (unknown.length > 0 || list.length === 0) {
    throw new InvalidArgumentError(`a comma-separated list of ${CLI_PROGRAMS.join(", ")} (got ${value})`);
  }
  return list as CliProgram[];
}

/** The plugin runs from dist/ (provider/plugin/package.json's `main`): fail early, with the fix. */
function assertPluginBuilt(): void {
  const missing = PLUGIN_BUILT.filter((f) => !fs.existsSync(path.join(repoRoot(), f)));
  if (missing.length > 0) throw new Error(`${missing.join(", ")} missing: run npm run build first`);
}

export async function runCliBench(argv: string[]): Promise<void> {
  const flags = new Command("bench --cli")
    .option("--cli", "run under the real Pulumi CLI with a file backend")
    .option("--sizes <list>", "numbers of groups", (v) => v.split(",").map(whole(MIN_GROUPS)), [100, 300])
    .option(
      "--skip-checkpoints",
      "PULUMI_EXPERIMENTAL=true PULUMI_SKIP_CHECKPOINTS=true (docs/large-tenants.md)",
    )
    .option("--parallel <n>", "--parallel for every command (default: the CLI's)", whole(1))
    .option("--js-program", "run the dynamic program as JavaScript (no ts-node)")
    .option(
      "--program <list>",
      "dynamic: TypeScript over the dynamic resources; plugin: Pulumi YAML over the eset plugin; " +
        "dynamic,plugin: both in turn at each size (comma-separated, run in that order)",
      programs,
      ["dynamic"],
    )
    .option("--out <file>", "write the report as Markdown here, and the chart beside it (.svg)")
    .option("--json <file>", "write the raw results as JSON, as each size finishes")
    .option("--from-json <files>", "render from results saved with --json (comma-separated, merged)")
    .parse(argv)
    .opts<Flags>();
  let saved: SavedCliRun;
  if (flags.fromJson) {
    const runs = flags.fromJson.split(",").map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as SavedCliRun);
    saved = { machine: runs[0].machine, results: runs.flatMap((r) => r.results) };
  } else {
    assertBuilt();
    if (flags.program.includes("plugin")) {
      if (flags.jsProgram) throw new InvalidArgumentError("--js-program applies to --program dynamic only");
      assertPluginBuilt();
    }
    const bin = pulumiCliBin();
    const version = execFileSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" }).trim();
    saved = { machine: { ...machineInfo(), pulumiCli: version }, results: [] };
    const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
    // Inside the repository (ignored by git), so the program resolves pulumi-eset-connect.
    fs.mkdirSync(path.join(repoRoot(), ".pulumi-engine"), { recursive: true });
    const base = fs.mkdtempSync(path.join(repoRoot(), ".pulumi-engine", "bench-cli-"));
    try {
      for (const [n, program] of flags.sizes.flatMap((n) => flags.program.map((p) => [n, p] as const))) {
        const result = await runCliScenario({
          emulator: emulatorControl(emulator.url),
          bin,
          n,
          skipCheckpoints: flags.skipCheckpoints === true,
          parallel: flags.parallel,
          jsProgram: flags.jsProgram === true,
          program,
          workDir: path.join(base, String(n)),
          progress: (line) => process.stderr.write(line + "\n"),
        });
        saved.results.push(result);
        if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(saved, null, 2) + "\n");
        fs.rmSync(path.join(base, String(n)), { recursive: true, force: true });
      }
    } finally {
      await emulator.close();
      fs.rmSync(base, { recursive: true, force: true });
    }
  }
  const { results } = saved;
  process.stdout.write("\n" + cliStepsTable(results) + "\n");
  if (flags.out) {
    const chart = path.join(
      path.dirname(flags.out),
      `${path.basename(flags.out, path.extname(flags.out))}.svg`,
    );
    fs.writeFileSync(chart, renderCliChart(results));
    const command = commandsFor(results);
    fs.writeFileSync(flags.out, renderCliMarkdown(results, saved.machine, path.basename(chart), command));
    process.stdout.write(`\nwrote ${flags.out} and ${chart}\n`);
  }
  if (results.some((r) => r.steps.some((s) => s.error)) && !flags.fromJson) process.exitCode = 1;
}

/** One `npm run bench -- --cli` command per setting the results were made with. */
function commandsFor(results: CliSizeResult[]): string {
  const sizes = new Map<string, number[]>();
  for (const r of results) {
    const flags = [
      r.skipCheckpoints ? " --skip-checkpoints" : "",
      r.parallel === undefined ? "" : ` --parallel ${r.parallel}`,
      r.jsProgram ? " --js-program" : "",
      r.program === "plugin" ? " --program plugin" : "",
    ].join("");
    sizes.set(flags, [...(sizes.get(flags) ?? []), r.n]);
  }
  return [...sizes]
    .map(
      ([flags, ns]) =>
        `npm run bench -- --cli --sizes ${[...new Set(ns)].sort((a, b) => a - b).join(",")}${flags}`,
    )
    .join("`, `");
}
