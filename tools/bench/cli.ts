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
  command: string;
  machine: MachineInfo;
  results: SizeResult[];
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
    .option("--from-json <file>", "render the report from results saved with --json instead of running")
    .parse(argv);
  const flags = program.opts<Flags>();
  const command = ["npm run bench --", ...argv.slice(2)].join(" ");

  let saved: SavedRun;
  if (flags.fromJson) {
    saved = JSON.parse(fs.readFileSync(flags.fromJson, "utf8")) as SavedRun;
  } else {
    const results = await runBenchmark({
      sizes: flags.smallest ? [SMALLEST_SIZE] : flags.sizes,
      limiter: flags.compareLimiter ? [true, false] : [flags.limiter],
      progress: (line) => process.stderr.write(line + "\n"),
    });
    saved = { command, machine: machineInfo(), results };
  }
  if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(saved, null, 2) + "\n");
  const { results } = saved;
  process.stdout.write("\n" + renderTables(results));
  if (flags.out) {
    const chart = path.join(
      path.dirname(flags.out),
      `${path.basename(flags.out, path.extname(flags.out))}.svg`,
    );
    fs.writeFileSync(chart, renderChart(results));
    fs.writeFileSync(flags.out, renderMarkdown(results, saved.machine, path.basename(chart), saved.command));
    process.stdout.write(`\nwrote ${flags.out} and ${chart}\n`);
  }
}

main(process.argv).catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
