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
// - outputs named in additionalSecretOutputs, and outputs of secret inputs, become secrets
//   (apply.ts); https://www.pulumi.com/docs/iac/concepts/resources/options/additionalsecretoutputs/
// - preview calls no Create/Update (the host does not support preview): planned outputs are the
//   checked inputs, anything else is unknown to the program (apply.ts).
import { applyCreate, applyReplace, applyUpdate, entryFor, reportStep } from "./apply";
import { HaltedError, type EngineContext } from "./context";
import { protectedMessage } from "./deletes";
import type { Goal } from "./goal";
import { isProviderResource, recordDefaultProvider } from "./default-provider";
import { applyIgnoreChanges } from "./ignore-changes";
import { changedKeys, deepEqual, markSecret, secretKeysOf, unwrapMap, type PropertyMap } from "./properties";
import type { ResourceState } from "./state";
import { makeUrn } from "./urn";

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
  /** The default provider's reference, once a dynamic resource needed it in this run. */
  private providerRef: string | undefined;
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
      (r) =>
        r.delete ||
        (this.olds.includes(r) && !this.consumed.has(r) && !(this.providerRef && isProviderResource(r))),
    );
  }

  /**
   * Registers the default provider with the current stack config before the first dynamic
   * resource, as the engine's default_providers.go does, and returns its reference.
   */
  private defaultProvider(): string {
    if (!this.providerRef) {
      this.providerRef = recordDefaultProvider(this.ctx.state, this.ctx.o.stackConfig);
      this.ctx.save();
    }
    return this.providerRef;
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
    reportStep(this.ctx, old ? "same" : "create", { goal, urn, inputs: goal.inputs }, entry);
    return { entry };
  }

  private async customStep(
    declared: Goal,
    urn: string,
    old: ResourceState | undefined,
  ): Promise<{ entry: ResourceState }> {
    this.ctx.checkNotHalted();
    const goal = { ...declared, defaultProvider: this.defaultProvider() };
    const host = await this.ctx.host();
    const news = old ? applyIgnoreChanges(old.inputs, goal.inputs, goal.ignoreChanges) : goal.inputs;
    const checked = await host.check(urn, unwrapMap(old?.inputs ?? {}), unwrapMap(news));
    if (checked.failures.length > 0) {
      const lines = checked.failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
      throw new Error(`${goal.type} resource '${goal.name}' has a problem:\n${lines.join("\n")}`);
    }
    const inputs = markSecret(checked.inputs, secretKeysOf(news));
    const step = { goal, urn, inputs };
    if (!old) return { entry: await applyCreate(this.ctx, step) };

    const diff = await host.diff({
      urn,
      id: old.id ?? "",
      olds: unwrapMap(old.outputs),
      news: unwrapMap(inputs),
      oldInputs: unwrapMap(old.inputs),
      ignoreChanges: goal.ignoreChanges,
    });
    const changed = diff.changes === "some" || (diff.changes === "unknown" && !deepEqual(old.inputs, inputs));
    // Keys the program changed; when there are none (drift found by refresh), the inputs that no
    // longer match the live outputs, which is what the provider's diff compared.
    let diffs = changedKeys(old.inputs, inputs);
    if (diffs.length === 0) diffs = changedKeys(pick(old.outputs, Object.keys(inputs)), inputs);
    if (changed && diff.replaces.length > 0) {
      if (old.protect) throw new Error(protectedMessage(old.urn, "replace"));
      const deleteFirst = goal.deleteBeforeReplace ?? diff.deleteBeforeReplace;
      const change = { diffs, replaceKeys: diff.replaces };
      return { entry: await applyReplace(this.ctx, step, old, deleteFirst, change) };
    }
    if (changed || old.initErrors) return { entry: await applyUpdate(this.ctx, step, old, diffs) };
    const entry = entryFor(goal, urn, old.id, inputs, old.outputs);
    this.ctx.state.replace(old, entry);
    this.ctx.save();
    reportStep(this.ctx, "same", step, entry);
    return { entry };
  }
}

function pick(m: PropertyMap, keys: string[]): PropertyMap {
  return Object.fromEntries(keys.filter((k) => k in m).map((k) => [k, m[k]]));
}
