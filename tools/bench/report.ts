/**
 * The benchmark's figures as Markdown tables (docs/benchmarks.md and the terminal), with the
 * targets each figure is measured against and, where one is missed, by how much.
 */
import { analysis } from "./analysis";
import {
  bytes,
  destroyTarget,
  editTarget,
  destroyWaves,
  findStep,
  floorMs,
  ratio,
  refreshTarget,
  seconds,
  stepOf,
  wallText,
} from "./figures";
import type { MachineInfo } from "./machine";
import { formatEndpoints } from "./requests";
import { STEPS, type SizeResult, type StepName } from "./scenario";

const label = (r: SizeResult) => `${r.n}${r.limiter ? "" : " (no limiter)"}`;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

export function upTable(results: SizeResult[]): string {
  return table(
    [
      "N",
      "wall",
      "API calls",
      "by endpoint",
      "429s",
      "retries",
      "floor (calls ÷ 10/s)",
      "wall ÷ floor",
      "first → last call",
      "that ÷ floor",
    ],
    results.map((r) => {
      const up = stepOf(r, "up");
      return [
        label(r),
        wallText(up),
        String(up.calls.total),
        formatEndpoints(up.calls.byEndpoint),
        String(up.calls.rateLimited),
        String(up.retries),
        seconds(floorMs(up)),
        ratio(up.wallMs / floorMs(up)),
        seconds(up.calls.spanMs),
        ratio(up.calls.spanMs / floorMs(up)),
      ];
    }),
  );
}

const STEP_LABELS: Record<Exclude<StepName, "up">, string> = {
  preview: "no-op preview",
  refresh: "refresh",
  edit: "10% renames + moves",
  destroy: "destroy",
};

/** The call-count target of a step, where the issue sets one. */
function targetOf(r: SizeResult, step: StepName): string {
  if (step === "preview") return "0";
  if (step === "refresh") return `${refreshTarget(r)} (⌈(N+2)/1000⌉ + token calls)`;
  if (step === "edit") {
    const { total, listingPages } = editTarget(r);
    const pages = `${listingPages} listing page${listingPages === 1 ? "" : "s"}`;
    return `${total} (one per change, the token, ${pages} for the rule checks)`;
  }
  const destroy = findStep(r, "destroy");
  if (!destroy) return "1.1 per group + a few per wave";
  const { waves } = destroyWaves(destroy);
  return `${destroyTarget(r, destroy)} (1.1 × ${r.n} + the listings of ${waves} waves)`;
}

export function laterStepsTable(results: SizeResult[]): string {
  return table(
    [
      "N",
      "step",
      "API calls",
      "target",
      "by endpoint",
      "429s",
      "retries",
      "wall",
      "first → last call",
      "floor",
    ],
    results.flatMap((r) =>
      (["preview", "refresh", "edit", "destroy"] as const).map((step) => {
        const s = findStep(r, step);
        const name = step === "edit" ? `${STEP_LABELS[step]} (${r.renamed} + ${r.moved})` : STEP_LABELS[step];
        if (!s)
          return [
            label(r),
            name,
            "-",
            targetOf(r, step),
            "not run: an earlier step failed",
            "",
            "",
            "",
            "",
            "",
          ];
        return [
          label(r),
          name,
          String(s.calls.total),
          targetOf(r, step),
          formatEndpoints(s.calls.byEndpoint),
          String(s.calls.rateLimited),
          String(s.retries),
          wallText(s),
          seconds(s.calls.spanMs),
          seconds(floorMs(s)),
        ];
      }),
    ),
  );
}

export function footprintTable(results: SizeResult[]): string {
  return table(
    [
      "N",
      "`__provider` per Group",
      "state file after up",
      "state per resource",
      "host CPU: up / preview / refresh / edit / destroy",
      "host peak memory",
    ],
    results.map((r) => {
      const cpu = STEPS.map((step) => {
        const s = findStep(r, step);
        return s?.hostCpuMs === undefined ? "-" : seconds(s.hostCpuMs);
      }).join(" / ");
      const peak = Math.max(...r.steps.map((s) => s.hostMaxRssBytes ?? 0));
      // Sizes are measured after a successful up only.
      const sized = r.stateBytes > 0;
      return [
        label(r),
        sized ? bytes(r.providerBytes) : "-",
        sized ? bytes(r.stateBytes) : "-",
        sized ? bytes(Math.round(r.stateBytes / r.n)) : "-",
        cpu,
        bytes(peak),
      ];
    }),
  );
}

export function machineLines(m: MachineInfo): string {
  return [
    `- Date: ${m.date}`,
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGiB} GiB; ${m.os}`,
    `- Node.js ${m.node}; @pulumi/pulumi ${m.pulumiSdk}; pulumi-eset-connect ${m.packageVersion}`,
    "- Emulator in the benchmark's process, rate limit 10 calls/s per user (its default), no faults; the engine harness and the provider host as child processes",
    "- Wall times include whatever else the machine was doing (it was shared while this ran); call counts do not depend on it",
  ].join("\n");
}

/** Tables only: what `npm run bench` prints. */
export function renderTables(results: SizeResult[]): string {
  return [
    "`up` from empty",
    "",
    upTable(results),
    "",
    "Later steps",
    "",
    laterStepsTable(results),
    "",
    "Footprint",
    "",
    footprintTable(results),
    "",
  ].join("\n");
}

/** The section on runs with the client's limiter switched off, if any. */
function withoutLimiter(off: SizeResult[]): string[] {
  if (off.length === 0) return [];
  return [
    "## Without the client's limiter",
    "",
    "The same scenario with the client's rate limiter replaced by one that never waits (`--no-limiter`),",
    "so calls go out as fast as the provider makes them and ESET's limit answers 429; the client",
    "retries each 429 with backoff, up to 8 times. What failed, and why, is listed at the end.",
    "",
    upTable(off),
    "",
    laterStepsTable(off),
    "",
  ];
}

/** The whole of docs/benchmarks.md. */
export function renderMarkdown(
  results: SizeResult[],
  machine: MachineInfo,
  chartFile: string,
  command: string,
): string {
  const on = results.filter((r) => r.limiter);
  const off = results.filter((r) => !r.limiter);
  return [
    "# Benchmarks",
    "",
    "How fast `pulumi-eset-connect` builds, reads, changes and removes a realistic group tree through",
    "an API that accepts 10 calls per second, and what it costs in state and memory. Produced by",
    `\`${command}\` against the emulator (docs/emulator.md) through the engine harness. The program`,
    "(tools/bench/program) is a `Hierarchy` read from a hierarchy YAML file, four levels deep:",
    "customer → site → department → team (tools/bench/tree.ts), one `Group` per node. Every step is",
    "checked: the emulator's tree must match the declared one before a figure counts.",
    "",
    "Several stacks of one account deployed at once (a CI matrix sharing the 10 calls/s): finished, share of 429s",
    "and useful calls/s for 1, 2, 4 and 8 stacks in docs/benchmarks-stacks.md (`npm run bench -- --stacks 1,2,4,8`).",
    "",
    "Under the real Pulumi CLI with a file backend, up to thousands of groups, with and without checkpoints:",
    "docs/benchmarks-cli.md (`npm run bench -- --cli`); what to set for a large tenant: docs/large-tenants.md.",
    "",
    "## Machine and versions",
    "",
    machineLines(machine),
    "",
    "## `up` from empty",
    "",
    "The floor is the physical minimum at 10 calls per second: calls ÷ 10 s. Wall time is the",
    'whole engine command (Node start, program, provider host, all calls); "first → last call" is',
    "the part spent calling the API, from the emulator's request log.",
    "",
    upTable(on),
    "",
    `![Wall time of up and destroy against the floor, across N](${chartFile})`,
    "",
    "## Later steps",
    "",
    laterStepsTable(on),
    "",
    ...withoutLimiter(off),
    "## Footprint",
    "",
    "Host CPU is the provider host's own CPU time (user + system) for each command, start-up",
    "included; peak memory is its largest resident set over the five commands.",
    "",
    footprintTable(results),
    "",
    analysis(results),
  ].join("\n");
}
