// Chaos lifecycle: up, edits (renames, moves, adds, removes), refresh and destroy through the engine
// harness while the emulator injects faults into 20% of API calls (429, 5xx, dropped connections
// before and after the write, 202 pending). After each step the emulator's tree must match the
// declared one exactly (no duplicates, no lost groups), uuids must survive (no recreate), nothing
// but what was removed may be deleted, and a preview must propose no change.
//
// A delete whose answer was lost meets a user error when it is sent again (the group is gone: 404,
// and 403 in ESET's 403-for-every-user-error mode), so the lifecycle runs in both user-error
// modes: N = 100 with 400s and, as the faults and rules are the same, N = 30 with 403s.
// ESET_CHAOS_N=1000 for a bigger run (both modes), ESET_CHAOS_SEED to change the fault draws,
// ESET_CHAOS_FIGURES=<file> to keep the figures (docs/reliability.md).
import * as fs from "fs";
import { FAULT_KINDS, startEmulator, type FaultScriptEntry, type RunningEmulator } from "../../emulator";
import { emulatorControl, type EmulatorControl } from "../../emulator/control-client";
import type { EngineRun } from "../../tools/bench/engine";
import { summarizeCalls, type CallSummary } from "../../tools/bench/requests";
import { editTree, realisticTree, type DeclaredTree } from "../../tools/bench/tree";
import { compareWithDeclared, describeMismatch } from "../../tools/bench/verify";
import { seededRandom } from "../../tools/bench/seeded-random";
import { describeEachUserErrorMode, type UserErrorMode } from "../support/user-error-modes";
import { EngineStack, errorsOf } from "./stack";

const CHOSEN_N = process.env.ESET_CHAOS_N ? Number(process.env.ESET_CHAOS_N) : undefined;
const SEED = Number(process.env.ESET_CHAOS_SEED ?? 7);
const FAULT_RATE = 0.2;
const USERNAME = "demo@example.com";
const PASSWORD = "demo-password";

/** What one step did, for docs/reliability.md. */
interface StepFigures {
  step: string;
  exitCode: number;
  calls: CallSummary;
  retries: number;
  pendingPolls: number;
  createChecks: number;
  outcome: string;
}

function sum(run: EngineRun, key: string): number {
  return (run.host?.clients ?? []).reduce((total, c) => total + Number(c[key] ?? 0), 0);
}

/** The figures of each mode's run, written once both ran. */
const figuresByMode: Record<string, { n: number; steps: StepFigures[] }> = {};

afterAll(() => {
  if (!process.env.ESET_CHAOS_FIGURES) return;
  // One mode's figures as before (the 400 mode's, the documented run), the other's beside them.
  const main = figuresByMode["user errors 400"];
  fs.writeFileSync(
    process.env.ESET_CHAOS_FIGURES,
    JSON.stringify(
      { n: main?.n, seed: SEED, faultRate: FAULT_RATE, steps: main?.steps ?? [], byMode: figuresByMode },
      null,
      2,
    ) + "\n",
  );
});

describeEachUserErrorMode(
  `chaos lifecycle, ${FAULT_RATE * 100}% faults, seed ${SEED}`,
  (mode: UserErrorMode) => {
    const N = CHOSEN_N ?? (mode.status === 400 ? 100 : 30);
    const STEP_TIMEOUT = Math.max(120_000, N * 2_000);
    let running: RunningEmulator;
    let emulator: EmulatorControl;
    let stack: EngineStack;
    const figures: StepFigures[] = [];
    figuresByMode[mode.name] = { n: N, steps: figures };
    /** Each key's uuid after the last step: a later step may not give a kept key another group. */
    let knownUuids = new Map<string, string>();
    let deletionsSeen = 0;

    beforeAll(async () => {
      running = await startEmulator({
        host: "127.0.0.1",
        port: 0,
        random: seededRandom(SEED),
        // Speed is not the subject: no rate limit (429s still come as injected faults).
        settings: { rateLimit: { perSecond: 0 }, ...mode.settings },
      });
      emulator = emulatorControl(running.url);
      stack = new EngineStack(running, { username: USERNAME, password: PASSWORD, via: "config" });
    });

    afterAll(async () => {
      stack?.remove();
      await running?.close();
    });

    /**
     * Runs one engine command with faults on and records its figures. `script` adds faults the
     * command's first matching calls get for sure (a refresh makes too few calls to rely on chance).
     */
    async function underFaults(
      step: string,
      command: "up" | "refresh" | "destroy",
      tree: DeclaredTree,
      script: FaultScriptEntry[] = [],
    ) {
      await emulator.clearRequests();
      await emulator.settings({ faults: { rate: FAULT_RATE, kinds: [...FAULT_KINDS], script } });
      const run = await stack.run(command, tree, { noLimiter: true });
      await emulator.settings({ faults: { rate: 0, script: [] } });
      const calls = summarizeCalls(await emulator.requests());
      const errors = errorsOf(run);
      figures.push({
        step,
        exitCode: run.exitCode,
        calls,
        retries: sum(run, "retries"),
        pendingPolls: sum(run, "pendingPolls"),
        createChecks: sum(run, "createChecks"),
        outcome: run.exitCode === 0 ? "succeeded" : `failed: ${errors.join(" | ")}`,
      });
      expect(errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(Object.keys(calls.faultsByKind).length).toBeGreaterThan(0);
      return run;
    }

    /**
     * The emulator holds exactly the declared tree; kept keys kept their groups; only `removedKeys`
     * were deleted since the last check; the state agrees with ESET.
     */
    async function expectLiveTreeIs(tree: DeclaredTree, removedKeys: string[] = []) {
      const state = await emulator.state();
      const comparison = compareWithDeclared(state, tree);
      expect(describeMismatch(comparison)).toBe("");
      for (const [key, uuid] of comparison.uuidByKey) {
        if (knownUuids.has(key)) expect(`${key}: ${uuid}`).toBe(`${key}: ${knownUuids.get(key)}`);
      }
      const deletions = state.tenants.find((t) => t.id === "demo")!.deletions.slice(deletionsSeen);
      deletionsSeen += deletions.length;
      const deleted = new Set(deletions.flatMap((d) => d.groupUuids));
      const allowed = new Set(removedKeys.map((k) => knownUuids.get(k)));
      expect([...deleted].filter((uuid) => !allowed.has(uuid))).toEqual([]);
      expect(new Map([...stack.uuidsByKey()].sort())).toEqual(new Map([...comparison.uuidByKey].sort()));
      knownUuids = comparison.uuidByKey;
    }

    /** A preview against the live tree proposes nothing (it makes no call, so faults do not matter). */
    async function expectEmptyPreview(tree: DeclaredTree) {
      const preview = await stack.run("preview", tree, { expectNoChanges: true });
      expect(errorsOf(preview)).toEqual([]);
      // Every group, the Hierarchy and the stack.
      expect(preview.report.changeSummary).toEqual({ same: stack.uuidsByKey().size + 2 });
    }

    const initial = realisticTree(N);
    const edit = editTree(initial, {
      renames: Math.round(N / 10),
      moves: Math.round(N / 20),
      adds: Math.round(N / 20),
      removes: Math.round(N / 20),
    });

    test(
      "up from empty builds exactly the declared tree",
      async () => {
        const run = await underFaults("up", "up", initial);
        expect(run.report.changeSummary).toEqual({ create: N + 2 });
        await expectLiveTreeIs(initial);
        await expectEmptyPreview(initial);
      },
      STEP_TIMEOUT,
    );

    test(
      "renames, moves, adds and removes change exactly what was edited",
      async () => {
        const run = await underFaults("edits", "up", edit.tree);
        expect(run.report.changeSummary).toMatchObject({
          create: edit.added.length,
          delete: edit.removed.length,
          update: edit.renamed.length + edit.moved.length,
        });
        await expectLiveTreeIs(edit.tree, edit.removed);
        await expectEmptyPreview(edit.tree);
      },
      STEP_TIMEOUT,
    );

    test(
      "refresh finds no drift and keeps every uuid",
      async () => {
        const run = await underFaults("refresh", "refresh", edit.tree, [
          { kind: "drop-after", count: 1, path: "/oauth/token" },
          { kind: "pending", count: 1, path: "/v1/device_groups", polls: 2 },
          { kind: "503", count: 1, path: "/v1/device_groups" },
          { kind: "drop", count: 1, path: "/v1/device_groups" },
        ]);
        expect(run.report.changeSummary).toEqual({ same: edit.tree.nodes.length });
        await expectLiveTreeIs(edit.tree);
        await expectEmptyPreview(edit.tree);
      },
      STEP_TIMEOUT,
    );

    test(
      "destroy removes every managed group and nothing else",
      async () => {
        const run = await underFaults("destroy", "destroy", edit.tree);
        expect(run.report.changeSummary).toEqual({ delete: edit.tree.nodes.length + 2 });
        await expectLiveTreeIs({ nodes: [] }, [...knownUuids.keys()]);
        expect(stack.uuidsByKey().size).toBe(0);
      },
      STEP_TIMEOUT,
    );
  },
);
