/**
 * One benchmark size with policies (--policies): deploy the depth-4 tree of N groups with two
 * policies each, then a no-op preview, a refresh, and an `up` that swaps the two policies on 10% of
 * the groups, and the same no-op preview with the policies given by name. Each step is checked against the emulator's live state (the tree, and each group's
 * assignments in rank order) before its figures count. No destroy: the next size resets the
 * emulator, and the group figures' destroy is in docs/benchmarks.md.
 */
import * as fs from "fs";
import * as path from "path";
import type { EmulatorControl } from "../../emulator/control-client";
import type { RequestLogEntry } from "../../emulator";
import type { CommandRunner, EngineCommand } from "./engine";
import { describePolicyMismatch, reorderPolicies, withPolicies, withPolicyNames } from "./policies";
import { measureStep, type StepResult } from "./scenario";
import { hierarchyYaml, realisticTree, type DeclaredTree } from "./tree";
import { compareWithDeclared, describeMismatch } from "./verify";

export const POLICY_STEPS = ["up", "preview", "refresh", "reorder", "preview-names"] as const;
export type PolicyStepName = (typeof POLICY_STEPS)[number];

export interface PolicyStepResult extends Omit<StepResult, "step"> {
  step: PolicyStepName;
  /** Calls by the emulator's own endpoint names ("assign policy", "list policy assignments", ...). */
  byEndpointName: Record<string, number>;
}

export interface PolicySizeResult {
  n: number;
  /** Declared assignments (2 per group). */
  assignments: number;
  /** Groups whose two policies the reorder step swaps. */
  reordered: number;
  steps: PolicyStepResult[];
}

export interface PolicyScenarioOptions {
  emulator: EmulatorControl;
  n: number;
  /** Folder for the tree files and the state (created; left for inspection). */
  workDir: string;
  progress?: (line: string) => void;
  /** How each command runs (see EngineRunOptions). Default: a Node process of its own. */
  runner?: CommandRunner;
}

/** Calls by endpoint name, in the emulator's log; calls it could not name count as "other". */
export function countByEndpointName(log: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of log) {
    const name = entry.endpoint ?? "other";
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

export async function runPolicyScenario(o: PolicyScenarioOptions): Promise<PolicySizeResult> {
  const { emulator, n } = o;
  fs.mkdirSync(o.workDir, { recursive: true });
  const stateFile = path.join(o.workDir, "state.json");
  fs.rmSync(stateFile, { force: true });
  await emulator.reset();

  const initial = withPolicies(realisticTree(n));
  const reorder = reorderPolicies(initial);
  const files = {
    initial: path.join(o.workDir, "tree.yaml"),
    reordered: path.join(o.workDir, "tree-reordered.yaml"),
    reorderedByName: path.join(o.workDir, "tree-reordered-names.yaml"),
  };
  fs.writeFileSync(files.initial, hierarchyYaml(initial));
  fs.writeFileSync(files.reordered, hierarchyYaml(reorder.tree));
  fs.writeFileSync(files.reorderedByName, hierarchyYaml(withPolicyNames(reorder.tree)));

  // The tree first (it gives each key's live uuid), then each group's assignments rank by rank.
  const check = (declared: DeclaredTree) => async () => {
    const tree = compareWithDeclared(await emulator.state(), declared);
    const mismatch = describeMismatch(tree);
    if (mismatch) return mismatch;
    return describePolicyMismatch(await emulator.policyAssignments(), declared, tree.uuidByKey);
  };

  const result: PolicySizeResult = {
    n,
    assignments: initial.nodes.length * 2,
    reordered: reorder.reordered.length,
    steps: [],
  };
  const plan: [PolicyStepName, EngineCommand, string, DeclaredTree][] = [
    ["up", "up", files.initial, initial],
    ["preview", "preview", files.initial, initial],
    ["refresh", "refresh", files.initial, initial],
    ["reorder", "up", files.reordered, reorder.tree],
    // The same declared state with policies by name: what names cost a no-op preview.
    ["preview-names", "preview", files.reorderedByName, reorder.tree],
  ];
  // Each step needs the one before it to have succeeded.
  for (const [step, command, treeFile, declared] of plan) {
    const { measured, log } = await measureStep({
      emulator,
      step,
      command,
      stateFile,
      treeFile,
      limiter: true,
      workDir: o.workDir,
      check: check(declared),
      progress: o.progress && ((line) => o.progress?.(`N=${n} policies ${line}`)),
      runner: o.runner,
    });
    result.steps.push({ step, ...measured, byEndpointName: countByEndpointName(log) });
    if (measured.error !== undefined) break;
  }
  return result;
}
