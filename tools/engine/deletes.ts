// Deletes, as the engine runs them: after every create and update of the run (old copies of
// replaced resources included, and copies left marked by an earlier failed run; pulumi/pulumi#11027),
// in reverse dependency order — a resource goes only once nothing still present depends on it
// (as a child, through dependsOn or through its inputs) — with up to --parallel at once.
// https://www.pulumi.com/docs/iac/concepts/resources/options/dependson/
// Options honoured: protect (refused), retainOnDelete (removed from state, provider not called),
// deletedWith (provider not called when that resource is deleted in the same run).
// https://www.pulumi.com/docs/iac/concepts/resources/options/retainondelete/
// https://www.pulumi.com/docs/iac/concepts/resources/options/deletedwith/
import type { EngineContext } from "./context";
import { isProviderResource } from "./default-provider";
import { maskMap, unwrapMap } from "./properties";
import type { Phase, StepRecord } from "./report";
import { prerequisitesOf, type ResourceState } from "./state";
import { nameOf, typeOf } from "./urn";

export function protectedMessage(urn: string, action: "delete" | "replace"): string {
  return (
    `unable to ${action} resource "${urn}" as it is marked for protection. ` +
    "To unprotect it, remove the `protect` option from the resource in the program and run `up`, then try again."
  );
}

/**
 * Calls the provider's delete unless retainOnDelete or deletedWith say not to; returns which of
 * the two skipped it. Records the operation as pending while it runs.
 */
export async function deleteWithProvider(
  ctx: EngineContext,
  r: ResourceState,
  deletingUrns: Set<string> | false,
): Promise<Pick<StepRecord, "retained" | "deletedWith">> {
  if (r.protect) throw new Error(protectedMessage(r.urn, "delete"));
  // A provider resource is only dropped from the state (the engine has no provider to ask).
  if (!r.custom || isProviderResource(r)) return {};
  if (r.retainOnDelete) return { retained: true };
  if (r.deletedWith && deletingUrns && deletingUrns.has(r.deletedWith)) return { deletedWith: r.deletedWith };
  const host = await ctx.host();
  const pending = { urn: r.urn, type: "deleting" as const };
  ctx.state.addPending(pending);
  ctx.save();
  try {
    await host.delete(r.urn, r.id ?? "", unwrapMap(r.outputs), unwrapMap(r.inputs));
  } finally {
    ctx.state.removePending(pending);
  }
  return {};
}

/** Deletes `candidates` (all of them, or what the program no longer declares) in reverse dependency order. */
export async function runDeletes(
  ctx: EngineContext,
  candidates: ResourceState[],
  phase: Phase,
): Promise<void> {
  const remaining = new Set(candidates);
  const deletingUrns = new Set(candidates.map((r) => r.urn));
  const running = new Map<ResourceState, Promise<void>>();
  const blocked = (r: ResourceState): boolean =>
    [...remaining].some(
      (other) => other !== r && prerequisitesOf(other).includes(r.urn) && other.urn !== r.urn,
    );

  const deleteOne = async (r: ResourceState): Promise<void> => {
    const step: StepRecord = {
      op: r.delete ? "delete-replaced" : "delete",
      phase,
      urn: r.urn,
      type: typeOf(r.urn),
      name: nameOf(r.urn),
      id: r.id,
      outputs: maskMap(r.outputs),
    };
    try {
      if (ctx.preview) {
        if (r.protect) throw new Error(protectedMessage(r.urn, "delete"));
      } else {
        const skipped = await ctx.limiter.run(() => deleteWithProvider(ctx, r, deletingUrns));
        Object.assign(step, skipped);
        ctx.state.replace(r, undefined);
        ctx.save();
      }
      // The default provider is not listed (the harness does not show it, see docs/engine-harness.md).
      if (!isProviderResource(r)) ctx.reporter.step(step);
    } catch (e) {
      ctx.save();
      ctx.reporter.step({ ...step, error: (e as Error).message });
      ctx.fail((e as Error).message, r.urn);
    }
  };

  while (remaining.size > 0 && !ctx.failed) {
    for (const r of remaining) {
      if (running.has(r) || blocked(r)) continue;
      running.set(
        r,
        deleteOne(r).finally(() => {
          remaining.delete(r);
          running.delete(r);
        }),
      );
    }
    if (running.size === 0) {
      ctx.fail(
        `cannot order the deletion of ${[...remaining].map((r) => r.urn).join(", ")}: a dependency cycle`,
      );
      break;
    }
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
}
