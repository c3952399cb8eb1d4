/**
 * `npm run bench -- --policies [--sizes 100,300] [--out docs/benchmarks-policies.md] [--json f]
 * [--from-json f]`: the policy figures (issue 26), apart from the group figures so those stay
 * comparable with earlier runs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command } from "commander";
import { startEmulator } from "../../emulator";
import { emulatorControl } from "../../emulator/control-client";
import { assertBuilt } from "./engine";
import { machineInfo, type MachineInfo } from "./machine";
import { runPolicyScenario, type PolicySizeResult } from "./policy-scenario";
import { policyTables, renderPolicyMarkdown } from "./policy-report";
import { MIN_GROUPS } from "./tree";

/** What --json writes and --from-json reads. */
interface SavedPolicyRun {
  machine: MachineInfo;
  results: PolicySizeResult[];
}

interface Flags {
  sizes: string;
  out?: string;
  json?: string;
  fromJson?: string;
}

async function measure(sizes: number[], onResult: (r: PolicySizeResult) => void): Promise<void> {
  assertBuilt();
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-bench-policies-"));
  try {
    for (const n of sizes) {
      onResult(
        await runPolicyScenario({
          emulator: emulatorControl(emulator.url),
          n,
          workDir: path.join(workDir, String(n)),
          progress: (line) => process.stderr.write(line + "\n"),
        }),
      );
    }
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export async function runPoliciesCli(argv: string[]): Promise<void> {
  const flags = new Command("bench --policies")
    .description(
      "Deploy N groups with two policies each, then a no-op preview, a refresh and a reorder of 10%.",
    )
    .requiredOption("--policies", "the policy figures")
    .option("--sizes <list>", "numbers of groups", "100,300")
    .option("--out <file>", "write the report as Markdown here")
    .option("--json <file>", "write the raw results as JSON (after each size)")
    .option(
      "--from-json <file>",
      "render the report from results saved with --json (comma-separated files are merged) instead of running",
    )
    .parse(argv)
    .opts<Flags>();
  const sizes = flags.sizes.split(",").map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < MIN_GROUPS))
    throw new Error(`--sizes: whole numbers of at least ${MIN_GROUPS}, e.g. 100,300`);

  // Comma-separated files are merged (e.g. N = 1000 measured apart), the first one's machine kept.
  const runs = (flags.fromJson?.split(",") ?? []).map(
    (file) => JSON.parse(fs.readFileSync(file, "utf8")) as SavedPolicyRun,
  );
  const saved: SavedPolicyRun =
    runs.length > 0
      ? { machine: runs[0].machine, results: runs.flatMap((r) => r.results) }
      : { machine: machineInfo(), results: [] };
  if (!flags.fromJson) {
    await measure(sizes, (result) => {
      saved.results.push(result);
      // Saved as each size finishes, so a long run that stops keeps what it measured.
      if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(saved, null, 2) + "\n");
    });
  }
  process.stdout.write("\n" + policyTables(saved.results) + "\n");
  if (flags.out) {
    const command = `npm run bench -- --policies --sizes ${saved.results.map((r) => r.n).join(",")} --out ${path.relative(process.cwd(), flags.out)}`;
    fs.writeFileSync(flags.out, renderPolicyMarkdown(saved.results, saved.machine, command));
    process.stdout.write(`\nwrote ${flags.out}\n`);
  }
  if (saved.results.some((r) => r.steps.some((s) => s.error)) && !flags.fromJson) {
    process.stderr.write("bench --policies: a step failed (see the report)\n");
    process.exitCode = 1;
  }
}
