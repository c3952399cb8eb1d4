// `npm run bench -- --stacks 1,2,4,8 [--groups 64] [--out docs/benchmarks-stacks.md] [--json file]`
// `npm run bench -- --stacks 1,2,4,8 --simulate 20`: the same on a virtual clock (stacks-simulation.ts)
// `--rate-limit-algorithm sliding-window,token-bucket`: against each way the emulator can count calls
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import { machineInfo } from "./machine";
import { renderStacksMarkdown, renderStacksTable } from "./stacks-report";
import { runStacksBenchmark, type StacksResult } from "./stacks";
import { simulateStacksTable } from "./stacks-simulation";
import { MIN_GROUPS } from "./tree";
import { RATE_LIMIT_ALGORITHMS, type RateLimitAlgorithm } from "../../emulator/http/rate-limit";

function wholeList(value: string, min: number): number[] {
  const list = value.split(",").map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < min)) {
    throw new InvalidArgumentError(`a comma-separated list of whole numbers of at least ${min}, e.g. 2,4,8`);
  }
  return list;
}

function algorithmList(value: string): RateLimitAlgorithm[] {
  const list = value.split(",").map((s) => s.trim());
  const known = new Set<string>(RATE_LIMIT_ALGORITHMS);
  const unknown = list.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown ${unknown.join(", ")}: a comma-separated list of ${RATE_LIMIT_ALGORITHMS.join(", ")}`,
    );
  }
  return list as RateLimitAlgorithm[];
}

export async function runStacksCli(argv: string[]): Promise<void> {
  const program = new Command("bench --stacks")
    .description(
      "Deploy N stacks of one account at once (one engine process each) against one emulator at 10 calls/s " +
        "and report how many finish, the share of 429s and useful calls/s together.",
    )
    .requiredOption("--stacks <list>", "numbers of stacks, e.g. 1,2,4,8", (v) => wholeList(v, 1))
    .option(
      "--groups <n>",
      `groups per stack (default 64, at least ${MIN_GROUPS})`,
      (v) => wholeList(v, MIN_GROUPS)[0],
      64,
    )
    .option(
      "--rate-limit-algorithm <list>",
      `how the emulator counts calls, each in turn (${RATE_LIMIT_ALGORITHMS.join(", ")})`,
      algorithmList,
      ["sliding-window"] as RateLimitAlgorithm[],
    )
    .option("--out <file>", "write the report as Markdown here")
    .option("--json <file>", "write the raw results as JSON")
    .option(
      "--simulate <seeds>",
      "instead: run the client's limiter on a virtual clock against the emulator's rate limit, this many seeds each",
      (v) => wholeList(v, 1)[0],
    )
    .parse(argv);
  const flags = program.opts<{
    stacks: number[];
    groups: number;
    rateLimitAlgorithm: RateLimitAlgorithm[];
    out?: string;
    json?: string;
    simulate?: number;
  }>();
  if (flags.simulate) {
    const table = await simulateStacksTable(
      flags.stacks,
      flags.simulate,
      flags.groups,
      flags.rateLimitAlgorithm,
    );
    process.stdout.write(table + "\n");
    return;
  }
  const results: StacksResult[] = [];
  for (const algorithm of flags.rateLimitAlgorithm) {
    const runs = await runStacksBenchmark({
      counts: flags.stacks,
      groupsPerStack: flags.groups,
      algorithm,
      progress: (line) => process.stderr.write(line + "\n"),
    });
    results.push(...runs);
  }
  process.stdout.write("\n" + renderStacksTable(results) + "\n");
  if (flags.json)
    fs.writeFileSync(flags.json, JSON.stringify({ machine: machineInfo(), results }, null, 2) + "\n");
  if (flags.out) {
    const algorithms = flags.rateLimitAlgorithm.join(",");
    const counting = algorithms === "sliding-window" ? "" : ` --rate-limit-algorithm ${algorithms}`;
    const command = `npm run bench -- --stacks ${flags.stacks.join(",")} --groups ${flags.groups}${counting} --out ${path.relative(process.cwd(), flags.out)}`;
    fs.writeFileSync(flags.out, renderStacksMarkdown(results, machineInfo(), command));
    process.stdout.write(`\nwrote ${flags.out}\n`);
  }
  if (results.some((r) => r.finished < r.stacks)) process.exitCode = 1;
}
