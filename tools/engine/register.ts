// One step per registration, decided and run the way the engine's step generator does:
// - find the old state by URN, else by one of its aliases (then the state takes the new URN);
//   https://www.pulumi.com/docs/iac/concepts/resources/options/aliases/
// - apply ignoreChanges, then Check; with old state, Diff: none -> same, some -> update, or
//   replace when the provider names properties that force it; "unknown" (no diff method) -> the
//   engine compares old and new inputs itself;
// - an old state with init errors ("created with errors") is always updated on the next run
//   (pulumi/pulumi#1836);
// - replace = create the new object, and delete the old one at the end of the run, unless
//   deleteBeforeReplace (the option, or the provider's answer) asks for delete first;
//   https://www.pulumi.com/docs/iac/concepts/resources/options/deletebeforereplace/
// - a protected resource is never replaced or deleted;
//   https://www.pulumi.com/docs/iac/concepts/resources/options/protect/
// - outputs named in additionalSecretOutputs, and outputs of secret inputs, become secrets;
//   https://www.pulumi.com/docs/iac/concepts/resources/options/additionalsecretoutputs/
// - preview calls no Create/Update (the host does not support preview): planned outputs are the
//   checked inputs, anything else is unknown to the program.
import { HaltedError, type EngineContext } from "./context";
import type { Goal } from "./goal";
import { applyIgnoreChanges } from "./ignore-changes";
import { ResourceInitFailedError } from "./provider-host";
import {
  changedKeys,
  deepEqual,
  markSecret,
  maskMap,
  secretKeysOf,
  unwrapMap,
  type PropertyMap,
} from "./properties";
import type { StepOp, StepRecord } from "./report";
import type { ResourceState } from "./state";
import { makeUrn } from "./urn";
import { deleteWithProvider, protectedMessage } from "./deletes";

export interface Registered {
  urn: string;
  id: string;
  outputs: PropertyMap;
}

export class Deployment {
  /** Old resources (not pending deletion) a registration may take over. */
  private readonly olds: ResourceState[];
  private readonly consumed = new Set<ResourceState>();
  private readonly registered = new Map<string, ResourceState | undefined>();
  private inFlight = 0;
  private settled: (() => void)[] = [];
  stackOutputs: PropertyMap = {};

  constructor(private readonly ctx: EngineContext) {
    this.olds = ctx.state.resources.filter((r) => !r.delete);
  }

  /**
   * Resolves once the run has failed and no step is in flight. The engine then stops: it does not
   * wait for the program, whose registrations that depend on the failed resource never complete.
   */
  async stoppedAfterFailure(): Promise<void> {
    await this.ctx.whenFailed;
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.settled.push(resolve));
  }

  async register(goal: Goal): Promise<Registered> {
    this.inFlight++;
    try {
      return await this.runStep(goal);
    } finally {
      this.inFlight--;
      this.settled.splice(0).forEach((resolve) => resolve());
    }
  }

  private async runStep(goal: Goal): Promise<Registered> {
    this.ctx.checkNotHalted();
    const { project, stack } = this.ctx.o;
    const urn = makeUrn(stack, project, goal.type, goal.name, goal.parent);
    if (this.registered.has(urn)) {
      throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    }
    this.registered.set(urn, undefined);
    const old = this.findOld(urn, goal.aliases);
    if (old) this.consumed.add(old);
    const step = { urn, type: goal.type, name: goal.name };
    try {
      const result = goal.custom
        ? await this.ctx.limiter.run(() => this.customStep(goal, urn, old))
        : this.componentStep(goal, urn, old);
      this.registered.set(urn, result.entry);
      return { urn, id: result.entry.id ?? "", outputs: result.entry.outputs };
    } catch (e) {
      if (!(e instanceof HaltedError)) {
        const message = (e as Error).message;
        this.ctx.reporter.step({ op: old ? "update" : "create", phase: "update", ...step, error: message });
        this.ctx.fail(message, urn);
      }
      throw e;
    }
  }

  /** Outputs registered by a component (the stack's outputs are the stack outputs). */
  registerOutputs(urn: string, outputs: PropertyMap): void {
    const entry = this.registered.get(urn);
    if (entry?.type === "pulumi:pulumi:Stack") this.stackOutputs = outputs;
    if (!entry) return;
    const next = { ...entry, outputs };
    this.ctx.state.replace(entry, next);
    this.registered.set(urn, next);
    this.ctx.save();
  }

  /** Old resources the program no longer declares, and old copies of replaced resources. */
  leftovers(): ResourceState[] {
    return this.ctx.state.resources.filter(
      (r) => r.delete || (this.olds.includes(r) && !this.consumed.has(r)),
    );
  }

  private findOld(urn: string, aliases: string[]): ResourceState | undefined {
    const free = (r: ResourceState) => !this.consumed.has(r);
    return (
      this.olds.find((r) => r.urn === urn && free(r)) ??
      aliases.map((a) => this.olds.find((r) => r.urn === a && free(r))).find((r) => r !== undefined)
    );
  }

  private componentStep(goal: Goal, urn: string, old: ResourceState | undefined): { entry: ResourceState } {
    const entry = entryFor(goal, urn, undefined, goal.inputs, old?.outputs ?? {});
    this.ctx.state.replace(old, entry);
    this.ctx.save();
    this.report(old ? "same" : "create", goal, urn, entry);
    return { entry };
  }

  private async customStep(
    goal: Goal,
    urn: string,
    old: ResourceState | undefined,
  ): Promise<{ entry: ResourceState }> {
    this.ctx.checkNotHalted();
    const host = await this.ctx.host();
    const news = old ? applyIgnoreChanges(old.inputs, goal.inputs, goal.ignoreChanges) : goal.inputs;
    const checked = await host.check(urn, unwrapMap(old?.inputs ?? {}), unwrapMap(news));
    if (checked.failures.length > 0) {
      const lines = checked.failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
      throw new Error(`${goal.type} resource '${goal.name}' has a problem:\n${lines.join("\n")}`);
    }
    const inputs = markSecret(checked.inputs, secretKeysOf(news));
    if (!old) return { entry: await this.create(goal, urn, inputs, undefined) };

    const diff = await host.diff(
      urn,
      old.id ?? "",
      unwrapMap(old.outputs),
      unwrapMap(inputs),
      unwrapMap(old.inputs),
      goal.ignoreChanges,
    );
    const changed = diff.changes === "some" || (diff.changes === "unknown" && !deepEqual(old.inputs, inputs));
    // Keys the program changed; when there are none (drift found by refresh), the inputs that no
    // longer match the live outputs, which is what the provider's diff compared.
    let diffs = changedKeys(old.inputs, inputs);
    if (diffs.length === 0) diffs = changedKeys(pick(old.outputs, Object.keys(inputs)), inputs);
    if (changed && diff.replaces.length > 0) {
      if (old.protect) throw new Error(protectedMessage(old.urn, "replace"));
      const deleteFirst = goal.deleteBeforeReplace ?? diff.deleteBeforeReplace;
      const entry = await this.replace(goal, urn, inputs, old, deleteFirst, diffs, diff.replaces);
      return { entry };
    }
    if (changed || old.initErrors) return { entry: await this.update(goal, urn, inputs, old, diffs) };
    const entry = entryFor(goal, urn, old.id, inputs, old.outputs);
    this.ctx.state.replace(old, entry);
    this.ctx.save();
    this.report("same", goal, urn, entry);
    return { entry };
  }

  private secretOutputs(goal: Goal, inputs: PropertyMap, outputs: PropertyMap): PropertyMap {
    return markSecret(outputs, new Set([...secretKeysOf(inputs), ...goal.additionalSecretOutputs]));
  }

  private async create(
    goal: Goal,
    urn: string,
    inputs: PropertyMap,
    replacing: { old: ResourceState; diffs: string[]; replaceKeys: string[] } | undefined,
  ): Promise<ResourceState> {
    const op: StepOp = replacing ? "replace" : "create";
    const extra = replacing ? { diffs: replacing.diffs, replaceKeys: replacing.replaceKeys } : {};
    if (this.ctx.preview) {
      const entry = entryFor(goal, urn, undefined, inputs, inputs);
      this.report(op, goal, urn, entry, extra);
      return entry;
    }
    const host = await this.ctx.host();
    const pending = { urn, type: "creating" as const };
    this.ctx.state.addPending(pending);
    this.ctx.save();
    try {
      const created = await host.create(urn, unwrapMap(inputs));
      const entry = entryFor(
        goal,
        urn,
        created.id,
        inputs,
        this.secretOutputs(goal, inputs, created.properties),
      );
      this.ctx.state.replace(undefined, entry);
      this.report(op, goal, urn, entry, extra);
      return entry;
    } catch (e) {
      if (e instanceof ResourceInitFailedError) this.keepInitFailed(goal, urn, inputs, e, undefined);
      throw e;
    } finally {
      this.ctx.state.removePending(pending);
      this.ctx.save();
    }
  }

  private async update(
    goal: Goal,
    urn: string,
    inputs: PropertyMap,
    old: ResourceState,
    diffs: string[],
  ): Promise<ResourceState> {
    if (this.ctx.preview) {
      const entry = entryFor(goal, urn, old.id, inputs, inputs);
      this.report("update", goal, urn, entry, { diffs });
      return entry;
    }
    const host = await this.ctx.host();
    const pending = { urn, type: "updating" as const };
    this.ctx.state.addPending(pending);
    this.ctx.save();
    try {
      const id = old.id ?? "";
      const outs = await host.update(
        urn,
        id,
        unwrapMap(old.outputs),
        unwrapMap(inputs),
        unwrapMap(old.inputs),
        goal.ignoreChanges,
      );
      const entry = entryFor(goal, urn, id, inputs, this.secretOutputs(goal, inputs, outs));
      this.ctx.state.replace(old, entry);
      this.report("update", goal, urn, entry, { diffs });
      return entry;
    } catch (e) {
      if (e instanceof ResourceInitFailedError) this.keepInitFailed(goal, urn, inputs, e, old);
      throw e;
    } finally {
      this.ctx.state.removePending(pending);
      this.ctx.save();
    }
  }

  private async replace(
    goal: Goal,
    urn: string,
    inputs: PropertyMap,
    old: ResourceState,
    deleteFirst: boolean,
    diffs: string[],
    replaceKeys: string[],
  ): Promise<ResourceState> {
    if (deleteFirst && !this.ctx.preview) {
      await deleteWithProvider(this.ctx, old, false);
      this.ctx.state.replace(old, undefined);
      this.ctx.save();
    }
    const entry = await this.create(goal, urn, inputs, { old, diffs, replaceKeys });
    if (!deleteFirst && !this.ctx.preview) {
      // The old copy stays in the state, marked, until the end of the run deletes it.
      this.ctx.state.replace(old, { ...old, delete: true });
      this.ctx.save();
    }
    return entry;
  }

  /** Created (or updated) with errors: the object exists, so it goes into the state with its reasons. */
  private keepInitFailed(
    goal: Goal,
    urn: string,
    inputs: PropertyMap,
    e: ResourceInitFailedError,
    old: ResourceState | undefined,
  ): void {
    const outputs = this.secretOutputs(goal, inputs, e.properties);
    const entry = { ...entryFor(goal, urn, e.id || old?.id, inputs, outputs), initErrors: e.reasons };
    this.ctx.state.replace(old, entry);
    this.registered.set(urn, entry);
  }

  private report(
    op: StepOp,
    goal: Goal,
    urn: string,
    entry: ResourceState,
    extra: Partial<StepRecord> = {},
  ): void {
    this.ctx.reporter.step({
      op,
      phase: "update",
      urn,
      type: goal.type,
      name: goal.name,
      id: entry.id,
      outputs: maskMap(entry.outputs),
      ...extra,
    });
  }
}

function pick(m: PropertyMap, keys: string[]): PropertyMap {
  return Object.fromEntries(keys.filter((k) => k in m).map((k) => [k, m[k]]));
}

function entryFor(
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
  return entry;
}
