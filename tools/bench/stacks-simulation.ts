/**
 * Stacks at once on a virtual clock: the real client limiter (provider/client/limiter.ts, with its
 * adaptive rate) in each of several simulated processes, against the emulator's own rate limit
 * (emulator/http/rate-limit.ts), with no CPU in the way. Each process is an `up` of the
 * benchmark's tree (tree.ts): a token call, a listing, then each create once its parent's answer
 * came, at most `parallel` at once (the engine's --parallel), every 429 retried with the
 * client's backoff.
 *
 * It answers what the real benchmark (stacks.ts) cannot on a shared machine: how the adaptive
 * rules themselves behave, over many seeds, in seconds. It is a model: the engine's own pauses
 * are one fixed delay per step.
 */
import { AccountRateLimit, type RateLimitAlgorithm } from "../../emulator/http/rate-limit";
import { PACING_SPREAD } from "../../provider/client/adaptive-rate";
import { type Clock } from "../../provider/client/clock";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { backoffDelay, RATE_LIMIT_BACKOFF_CAP_MS } from "../../provider/client/retry-policy";
import { phaseRows, renderPhaseTable } from "./stacks-phases";
import { seededRandom } from "./seeded-random";
import { realisticTree } from "./tree";

/** A clock that only moves when every process waits: timers fire in time order. */
class VirtualClock implements Clock {
  private time = 0;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, fire: resolve });
    });
  }

  /** Runs until no timer is left; promise callbacks run between timers. */
  async run(): Promise<void> {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.fire();
    }
  }
}

export interface SimulationOptions {
  stacks: number;
  /** Groups per stack, in the benchmark's tree. Default 64. */
  groupsPerStack?: number;
  /** Operations at once per process (the engine's --parallel). Default 8. */
  parallel?: number;
  /** Round trip of one call, ms. Default 20. */
  latencyMs?: number;
  /**
   * Each call's way to the server takes up to this much longer, at random (network jitter), ms.
   * Default 0.
   */
  latencyJitterMs?: number;
  /** The engine's pause between a step's end and the next step's call, ms. Default 30. */
  stepGapMs?: number;
  /** Processes start spread over this many ms. Default 2000. */
  startSpreadMs?: number;
  seed?: number;
  limit?: number;
  /** How the server counts calls (emulator/http/rate-limit.ts). Default "sliding-window". */
  algorithm?: RateLimitAlgorithm;
}

export interface SimulationResult {
  calls: number;
  throttled: number;
  /** Non-429 calls per second from the first call's arrival to the last's. */
  usefulPerSecond: number;
  spanMs: number;
  /** When each process finished, ms. */
  finishedAt: number[];
  /** Every call's arrival at the server, in order. */
  arrivals: { at: number; throttled: boolean; stack: number }[];
}

export async function simulateStacks(o: SimulationOptions): Promise<SimulationResult> {
  const clock = new VirtualClock();
  const random = seededRandom(o.seed ?? 1);
  const limit = o.limit ?? 10;
  const latency = o.latencyMs ?? 20;
  const server = new AccountRateLimit(o.algorithm);
  const tree = realisticTree(o.groupsPerStack ?? 64);
  const arrivals: { at: number; throttled: boolean; stack: number }[] = [];

  /** One call through a process's limiter, retried on 429 with the client's backoff. */
  const call = async (limiter: SlidingWindowLimiter, stack: number): Promise<void> => {
    for (let retry = 0; ; retry++) {
      const permit = await limiter.acquire(limit);
      const jitter = o.latencyJitterMs ? o.latencyJitterMs * random() : 0;
      await clock.sleep(latency / 2 + jitter);
      const verdict = server.check("account", clock.now(), limit);
      arrivals.push({ at: clock.now(), throttled: !verdict.accepted, stack });
      await clock.sleep(latency / 2);
      permit.release(verdict.accepted ? "answered" : "throttled");
      if (verdict.accepted) return;
      await clock.sleep(backoffDelay(retry, { capMs: RATE_LIMIT_BACKOFF_CAP_MS, random }));
    }
  };

  const oneStack = async (index: number): Promise<number> => {
    await clock.sleep(random() * (o.startSpreadMs ?? 2000));
    const limiter = new SlidingWindowLimiter(clock, undefined, undefined, random);
    await call(limiter, index); // token
    await call(limiter, index); // listing
    let running = 0;
    const waiting: (() => void)[] = [];
    const step = async (): Promise<void> => {
      if (running >= (o.parallel ?? 8)) await new Promise<void>((r) => waiting.push(r));
      running++;
      try {
        await clock.sleep(o.stepGapMs ?? 30);
        await call(limiter, index);
      } finally {
        running--;
        waiting.shift()?.();
      }
    };
    // Each create waits for its parent's, as the engine waits for the parent's uuid.
    const created = new Map<string, Promise<void>>();
    for (const node of tree.nodes) {
      const parent = node.parentKey === undefined ? Promise.resolve() : created.get(node.parentKey)!;
      created.set(node.key, parent.then(step));
    }
    await Promise.all(created.values());
    return clock.now();
  };

  const done = Promise.all(Array.from({ length: o.stacks }, (_, i) => oneStack(i)));
  await clock.run();
  const finishedAt = await done;
  const times = arrivals.map((a) => a.at);
  const spanMs = Math.max(...times) - Math.min(...times);
  const useful = arrivals.filter((a) => !a.throttled).length;
  return {
    calls: arrivals.length,
    throttled: arrivals.length - useful,
    usefulPerSecond: (useful * 1000) / spanMs,
    spanMs,
    finishedAt,
    arrivals,
  };
}

/**
 * The reference without any control: `processes` that each send at a fixed, equal share of
 * `offeredPerSecond`, gaps spread as the client's pacing (±PACING_SPREAD), random phases, for 10
 * minutes.
 * What no uncoordinated client can beat much: even at fair, steady rates, calls bunch up.
 */
export function fixedRatesReference(
  processes: number,
  offeredPerSecond: number,
  seed = 7,
  algorithm: RateLimitAlgorithm = "sliding-window",
) {
  const random = seededRandom(seed);
  const gapMs = (1000 * processes) / offeredPerSecond;
  const sends: number[] = [];
  for (let p = 0; p < processes; p++) {
    const spread = () => 1 - PACING_SPREAD + 2 * PACING_SPREAD * random();
    for (let t = random() * gapMs; t < 600_000; t += gapMs * spread()) sends.push(t);
  }
  sends.sort((a, b) => a - b);
  const server = new AccountRateLimit(algorithm);
  const throttled = sends.filter((t) => !server.check("account", t, 10).accepted).length;
  return { throttledShare: throttled / sends.length, usefulPerSecond: (sends.length - throttled) / 600 };
}

/**
 * Several seeds per number of stacks: the spread of the 429 share and of useful calls/s, and for the
 * largest number, where the time goes (stacks-phases.ts).
 */
export async function simulateStacksTable(
  counts: number[],
  seeds: number,
  groupsPerStack: number,
  algorithms: RateLimitAlgorithm[] = ["sliding-window"],
): Promise<string> {
  const rows = [
    "| server counts | stacks × groups | seeds | answered 429 (mean, min–max) | useful calls/s together (mean, min–max) |",
    "| --- | --- | --- | --- | --- |",
  ];
  const spread = (xs: number[], digits: number, unit: string) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return `${mean.toFixed(digits)}${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  };
  const most = Math.max(...counts);
  const phases: string[] = [];
  for (const algorithm of algorithms) {
    for (const stacks of counts) {
      const results: SimulationResult[] = [];
      for (let seed = 1; seed <= seeds; seed++)
        results.push(await simulateStacks({ stacks, seed, groupsPerStack, algorithm }));
      if (stacks === most && most > 1) {
        phases.push(
          "",
          `Where the time goes, ${stacks} × ${groupsPerStack} (${algorithm}, mean of ${seeds} seeds):`,
          "",
        );
        phases.push(renderPhaseTable(phaseRows(results)));
      }
      rows.push(
        `| ${algorithm} | ${stacks} × ${groupsPerStack} | ${seeds} | ${spread(
          results.map((r) => (100 * r.throttled) / r.calls),
          1,
          " %",
        )} | ${spread(
          results.map((r) => r.usefulPerSecond),
          2,
          "",
        )} |`,
      );
    }
  }
  rows.push(...phases);
  rows.push("", "Reference, 8 processes at fixed equal rates (no control):");
  for (const algorithm of algorithms) {
    const reference = [8.5, 9, 9.5].map((offered) => {
      const r = fixedRatesReference(8, offered, 7, algorithm);
      return `${offered}/s: ${(100 * r.throttledShare).toFixed(1)} % answered 429, ${r.usefulPerSecond.toFixed(2)} useful/s`;
    });
    rows.push(`- ${algorithm}: ${reference.join("; ")}.`);
  }
  return rows.join("\n");
}
