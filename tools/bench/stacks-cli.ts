// `npm run bench -- --stacks 1,2,4,8 [--groups 64] [--out docs/benchmarks-stacks.md] [--json file]`
// `npm run bench -- --stacks 1,2,4,8 --simulate 20`: the same on a virtual clock (stacks-simulation.ts)
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import { machineInfo } from "./machine";
import { renderStacksMarkdown, renderStacksTable } from "./stacks-report";
import { runStacksBenchmark, type StacksResult } from "./stacks";
import { simulateStacksTable } from "./stacks-simulation";
import { MIN_GROUPS } from "./tree";

function wholeList(value: string, min: number): number[] {
  const list = value.split(",").map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < min)) {
    throw new InvalidArgumentError(`a comma-separated list of whole numbers of at least ${min}, e.g. 2,4,8`);
  }
  return list;
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
    out?: string;
    json?: string;
    simulate?: number;
  }>();
  if (flags.simulate) {
    process.stdout.write((await simulateStacksTable(flags.stacks, flags.simulate, flags.groups)) + "\n");
    return;
  }
  const results: StacksResult[] = await runStacksBenchmark({
    counts: flags.stacks,
    groupsPerStack: flags.groups,
    progress: (line) => process.stderr.write(line + "\n"),
  });
  process.stdout.write("\n" + renderStacksTable(results) + "\n");
  if (flags.json)
    fs.writeFileSync(flags.json, JSON.stringify({ machine: machineInfo(), results }, null, 2) + "\n");
  if (flags.out) {
    const command = `npm run bench -- --stacks ${flags.stacks.join(",")} --groups ${flags.groups} --out ${path.relative(process.cwd(), flags.out)}`;
    fs.writeFileSync(flags.out, renderStacksMarkdown(results, machineInfo(), command));
    process.stdout.write(`\nwrote ${flags.out}\n`);
  }
  if (results.some((r) => r.finished < r.stacks)) process.exitCode = 1;
}
