#!/usr/bin/env node
// `npm run bench -- [--sizes 100,300,1000] [--no-limiter | --compare-limiter] [--out docs/benchmarks.md]`
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import { renderChart } from "./chart";
import { machineInfo, type MachineInfo } from "./machine";
import { renderMarkdown, renderTables } from "./report";
import { DEFAULT_SIZES, runBenchmark, SMALLEST_SIZE } from "./run";
import type { SizeResult } from "./scenario";
import { MIN_GROUPS } from "./tree";
import { runStacksCli } from "./stacks-cli";
import { runCliBench } from "./cli-bench";
import { runPoliciesCli } from "./policy-cli";

function sizes(value: string): number[] {
  const list = value.split(",").map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < MIN_GROUPS)) {
    throw new InvalidArgumentError(
      `a comma-separated list of whole numbers of at least ${MIN_GROUPS}, e.g. 100,300,1000`,
    );
  }
  return list;
}

/** What --json writes and --from-json reads. */
interface SavedRun {
  machine: MachineInfo;
  results: SizeResult[];
}

/** The command that reproduces these results (no machine paths: it goes into the docs). */
function commandFor(results: SizeResult[], out: string): string {
  const sizes = [...new Set(results.map((r) => r.n))];
  const modes = new Set(results.map((r) => r.limiter));
  const limiter = modes.size === 2 ? " --compare-limiter" : modes.has(false) ? " --no-limiter" : "";
  return `npm run bench -- --sizes ${sizes.join(",")}${limiter} --out ${path.relative(process.cwd(), out)}`;
}

interface Flags {
  sizes: number[];
  smallest?: boolean;
  limiter: boolean;
  compareLimiter?: boolean;
  out?: string;
  json?: string;
  fromJson?: string;
}

async function main(argv: string[]): Promise<void> {
  // "Stacks at once" (issue 12) has its own flags: tools/bench/stacks-cli.ts.
  if (argv.includes("--stacks")) return runStacksCli(argv);
  // The real Pulumi CLI with a file backend (issue 29): tools/bench/cli-bench.ts.
  if (argv.includes("--cli")) return runCliBench(argv);
  // Policies (issue 26) too: tools/bench/policy-cli.ts.
  if (argv.includes("--policies")) return runPoliciesCli(argv);
  const program = new Command("bench")
    .description(
      "Deploy, preview, refresh, edit and destroy a depth-4 tree of N groups through the engine harness " +
        "against the emulator (10 calls/s) and report time, API calls, 429s, retries, state size, CPU and memory.",
    )
    .option("--sizes <list>", `numbers of groups (default ${DEFAULT_SIZES.join(",")})`, sizes, DEFAULT_SIZES)
    .option("--smallest", `one run at the smallest size (${SMALLEST_SIZE} groups), as CI does`)
    .option("--no-limiter", "switch the client's rate limiter off (shows the 429s and time it saves)")
    .option("--compare-limiter", "run every size with the limiter on, then again with it off")
    .option("--out <file>", "write the report as Markdown here, and the chart beside it (.svg)")
    .option("--json <file>", "write the raw results as JSON")
    .option(
      "--from-json <files>",
      "render the report from results saved with --json (comma-separated files are merged) instead of running",
    )
    .parse(argv);
  const flags = program.opts<Flags>();

  let saved: SavedRun;
  if (flags.fromJson) {
    const runs = flags.fromJson.split(",").map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as SavedRun);
    saved = { machine: runs[0].machine, results: runs.flatMap((r) => r.results) };
  } else {
    saved = { machine: machineInfo(), results: [] };
    await runBenchmark({
      sizes: flags.smallest ? [SMALLEST_SIZE] : flags.sizes,
      limiter: flags.compareLimiter ? [true, false] : [flags.limiter],
      progress: (line) => process.stderr.write(line + "\n"),
      // Saved as each size finishes, so a long run that stops keeps what it measured.
      onResult: (result) => {
        saved.results.push(result);
        if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(saved, null, 2) + "\n");
      },
    });
  }
  const { results } = saved;
  process.stdout.write("\n" + renderTables(results));
  if (flags.out) {
    const chart = path.join(
      path.dirname(flags.out),
      `${path.basename(flags.out, path.extname(flags.out))}.svg`,
    );
    fs.writeFileSync(chart, renderChart(results));
    const command = commandFor(results, flags.out);
    fs.writeFileSync(flags.out, renderMarkdown(results, saved.machine, path.basename(chart), command));
    process.stdout.write(`\nwrote ${flags.out} and ${chart}\n`);
  }
  // With the limiter on, a failed step is a failure of the provider, not a finding.
  const failed = results.filter((r) => r.limiter && r.steps.some((step) => step.error));
  if (failed.length > 0 && !flags.fromJson) {
    process.stderr.write(`bench: steps failed with the limiter on (see "Steps that failed")\n`);
    process.exitCode = 1;
  }
}

main(process.argv).catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
