// Refresh: Read every custom resource in the state and adopt what the provider reports, as the
// engine's RefreshStep does (pkg/resource/deploy/step.go, `RefreshStep.Apply`):
// - a read that returns no id means the object is gone: it leaves the state;
// - `ReadResult.inputs` replace the stored inputs;
// - the change is classified by the provider's `diff`, called the way the engine calls it after a
//   read: the read outputs as olds and the old inputs as news (what an `up` of an unchanged program
//   would see, inverted). `some` -> update, `none` -> same, `unknown` -> update when outputs differ.
//   A diff error fails the refresh, as it does in the engine;
// - provider resources are not read (the engine skips them).
// Secrets stay secret (the keys that were secret, and additionalSecretOutputs). `preview
// --refresh` and `refresh --preview-only` refresh in memory only; `up --refresh` and `refresh`
// write the result. https://www.pulumi.com/docs/iac/cli/commands/pulumi_refresh/
import type { EngineContext } from "./context";
import { isProviderResource } from "./default-provider";
import { changedKeys, markSecret, maskMap, secretKeysOf, unwrapMap } from "./properties";
import type { StepRecord } from "./report";
import type { ResourceState } from "./state";
import { nameOf, typeOf } from "./urn";

export async function runRefresh(ctx: EngineContext): Promise<void> {
  const targets = ctx.state.resources.filter((r) => r.custom && r.id && !isProviderResource(r));
  await Promise.all(targets.map((r) => ctx.limiter.run(() => refreshOne(ctx, r))));
}

async function refreshOne(ctx: EngineContext, r: ResourceState): Promise<void> {
  const step: StepRecord = {
    op: "same",
    phase: "refresh",
    urn: r.urn,
    type: typeOf(r.urn),
    name: nameOf(r.urn),
    id: r.id,
  };
  if (ctx.failed) return;
  try {
    const host = await ctx.host();
    const read = await host.read(r.urn, r.id ?? "", unwrapMap(r.outputs), unwrapMap(r.inputs));
    if (!read.id) {
      ctx.state.replace(r, undefined);
      ctx.reporter.step({ ...step, op: "delete" });
    } else {
      const secretKeys = new Set([...secretKeysOf(r.outputs), ...(r.additionalSecretOutputs ?? [])]);
      const outputs = markSecret(read.properties, secretKeys);
      const inputs = read.inputs ? markSecret(read.inputs, secretKeysOf(r.inputs)) : r.inputs;
      const diffs = changedKeys(r.outputs, outputs);
      const diff = await host.diff({
        urn: r.urn,
        id: read.id,
        olds: unwrapMap(outputs),
        news: unwrapMap(r.inputs),
        oldInputs: unwrapMap(inputs),
        ignoreChanges: [],
      });
      const changed = diff.changes === "some" || (diff.changes === "unknown" && diffs.length > 0);
      ctx.state.replace(r, { ...r, id: read.id, outputs, inputs });
      ctx.reporter.step({
        ...step,
        op: changed ? "update" : "same",
        diffs: changed ? diffs : [],
        outputs: maskMap(outputs),
      });
    }
    ctx.save();
  } catch (e) {
    ctx.reporter.step({ ...step, error: (e as Error).message });
    ctx.fail((e as Error).message, r.urn);
  }
}
