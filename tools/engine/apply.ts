// Running a decided step against the provider host, and recording it: create (or the create half
// of a replacement), update, replacement, "created with errors". Every provider call is recorded as
// a pending operation while it runs, and the state is written after it, so a run that dies leaves a
// state the next run continues from. In preview nothing is called: planned outputs are the checked
// inputs (pulumi/pulumi#3245).
import type { EngineContext } from "./context";
import { deleteWithProvider } from "./deletes";
import type { Goal } from "./goal";
import { ResourceInitFailedError } from "./provider-host";
import { markSecret, maskMap, secretKeysOf, unwrapMap, type PropertyMap } from "./properties";
import type { StepOp, StepRecord } from "./report";
import type { ResourceState } from "./state";

/** One registration's step: the goal, its URN and its checked inputs. */
export interface Step {
  goal: Goal;
  urn: string;
  inputs: PropertyMap;
}

/** Outputs named in additionalSecretOutputs, and outputs of secret inputs, become secrets. */
function secretOutputs(step: Step, outputs: PropertyMap): PropertyMap {
  return markSecret(outputs, new Set([...secretKeysOf(step.inputs), ...step.goal.additionalSecretOutputs]));
}

export function reportStep(
  ctx: EngineContext,
  op: StepOp,
  step: Step,
  entry: ResourceState,
  extra: Partial<StepRecord> = {},
): void {
  ctx.reporter.step({
    op,
    phase: "update",
    urn: step.urn,
    type: step.goal.type,
    name: step.goal.name,
    id: entry.id,
    outputs: maskMap(entry.outputs),
    ...extra,
  });
}

/** Created (or updated) with errors: the object exists, so it goes into the state with its reasons. */
function keepInitFailed(
  ctx: EngineContext,
  step: Step,
  e: ResourceInitFailedError,
  old?: ResourceState,
): void {
  const outputs = secretOutputs(step, e.properties);
  const entry = {
    ...entryFor(step.goal, step.urn, e.id || old?.id, step.inputs, outputs),
    initErrors: e.reasons,
  };
  ctx.state.replace(old, entry);
}

/** Runs `call` as a pending operation of the state; keeps objects created with errors. */
async function recorded<T>(
  ctx: EngineContext,
  step: Step,
  type: "creating" | "updating",
  old: ResourceState | undefined,
  call: () => Promise<T>,
): Promise<T> {
  // A create's operation carries the resource, so --import-pending-creates can complete it.
  const resource =
    type === "creating" ? entryFor(step.goal, step.urn, undefined, step.inputs, {}) : undefined;
  const pending = { urn: step.urn, type, ...(resource ? { resource } : {}) };
  ctx.state.addPending(pending);
  ctx.save();
  try {
    return await call();
  } catch (e) {
    if (e instanceof ResourceInitFailedError) keepInitFailed(ctx, step, e, old);
    throw e;
  } finally {
    ctx.state.removePending(pending);
    ctx.save();
  }
}

export async function applyCreate(
  ctx: EngineContext,
  step: Step,
  replacing?: { diffs: string[]; replaceKeys: string[] },
): Promise<ResourceState> {
  const op: StepOp = replacing ? "replace" : "create";
  const { goal, urn, inputs } = step;
  if (ctx.preview) {
    const entry = entryFor(goal, urn, undefined, inputs, inputs);
    reportStep(ctx, op, step, entry, replacing);
    return entry;
  }
  const host = await ctx.host();
  return recorded(ctx, step, "creating", undefined, async () => {
    const created = await host.create(urn, unwrapMap(inputs));
    const entry = entryFor(goal, urn, created.id, inputs, secretOutputs(step, created.properties));
    ctx.state.replace(undefined, entry);
    reportStep(ctx, op, step, entry, replacing);
    return entry;
  });
}

export async function applyUpdate(
  ctx: EngineContext,
  step: Step,
  old: ResourceState,
  diffs: string[],
): Promise<ResourceState> {
  const { goal, urn, inputs } = step;
  const id = old.id ?? "";
  if (ctx.preview) {
    const entry = entryFor(goal, urn, old.id, inputs, inputs);
    reportStep(ctx, "update", step, entry, { diffs });
    return entry;
  }
  const host = await ctx.host();
  return recorded(ctx, step, "updating", old, async () => {
    const outs = await host.update({
      urn,
      id,
      olds: unwrapMap(old.outputs),
      news: unwrapMap(inputs),
      oldInputs: unwrapMap(old.inputs),
      ignoreChanges: goal.ignoreChanges,
    });
    const entry = entryFor(goal, urn, id, inputs, secretOutputs(step, outs));
    ctx.state.replace(old, entry);
    reportStep(ctx, "update", step, entry, { diffs });
    return entry;
  });
}

export async function applyReplace(
  ctx: EngineContext,
  step: Step,
  old: ResourceState,
  deleteFirst: boolean,
  change: { diffs: string[]; replaceKeys: string[] },
): Promise<ResourceState> {
  if (deleteFirst && !ctx.preview) {
    await deleteWithProvider(ctx, old, false);
    ctx.state.replace(old, undefined);
    ctx.save();
  }
  const entry = await applyCreate(ctx, step, change);
  if (!deleteFirst && !ctx.preview) {
    // The old copy stays in the state, marked, until the end of the run deletes it.
    ctx.state.replace(old, { ...old, delete: true });
    ctx.save();
  }
  return entry;
}

/** The state entry for a goal: the options the engine records next to inputs and outputs. */
export function entryFor(
  goal: Goal,
  urn: string,
  id: string | undefined,
  inputs: PropertyMap,
  outputs: PropertyMap,
): ResourceState {
  const entry: ResourceState = {
    urn,
    custom: goal.custom,
    type: goal.type,
    inputs,
    outputs,
    dependencies: goal.dependencies,
  };
  if (id) entry.id = id;
  if (goal.parent) entry.parent = goal.parent;
  if (goal.protect) entry.protect = true;
  if (goal.retainOnDelete) entry.retainOnDelete = true;
  if (Object.keys(goal.propertyDependencies).length > 0)
    entry.propertyDependencies = goal.propertyDependencies;
  if (goal.deletedWith) entry.deletedWith = goal.deletedWith;
  if (goal.additionalSecretOutputs.length > 0) entry.additionalSecretOutputs = goal.additionalSecretOutputs;
  if (goal.defaultProvider) entry.provider = goal.defaultProvider;
  return entry;
}
