// Deletes, as the engine runs them: after every create and update of the run (old copies of
// replaced resources included, and copies left marked by an earlier failed run; pulumi/pulumi#11027),
// in reverse dependency order — a resource goes only once nothing still present depends on it
// (as a child, through dependsOn or through its inputs) — in the engine's rounds (deleteRounds),
// up to --parallel at once.
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

/**
 * Splits `candidates` into the engine's delete rounds: the last round holds those that depend on no
 * other candidate, each earlier one those that depend only on later rounds. A round's deletes run
 * at once (up to --parallel); the next round starts only when the whole round has finished, even
 * where a resource of it could already go (`ScheduleDeletes` in step_generator.go, the antichain
 * loop of `performPostSteps` in deployment_executor.go).
 */
export function deleteRounds(candidates: readonly ResourceState[]): ResourceState[][] {
  // Several copies can share a URN (an old copy of a replaced resource); a copy never waits for another.
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of candidates) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const condemned = new Set(candidates);
  const rounds: ResourceState[][] = [];
  while (condemned.size > 0) {
    const round = [...condemned].filter((r) =>
      prerequisitesOf(r).every(
        (urn) => urn === r.urn || !(byUrn.get(urn) ?? []).some((other) => condemned.has(other)),
      ),
    );
    if (round.length === 0) {
      throw new Error(
        `cannot order the deletion of ${[...condemned].map((r) => r.urn).join(", ")}: a dependency cycle`,
      );
    }
    for (const r of round) condemned.delete(r);
    rounds.push(round);
  }
  return rounds.reverse();
}

/** Deletes `candidates` (all of them, or what the program no longer declares) in reverse dependency order. */
export async function runDeletes(
  ctx: EngineContext,
  candidates: ResourceState[],
  phase: Phase,
): Promise<void> {
  const deletingUrns = new Set(candidates.map((r) => r.urn));

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
        const skipped = await deleteWithProvider(ctx, r, deletingUrns);
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

  let rounds: ResourceState[][];
  try {
    rounds = deleteRounds(candidates);
  } catch (e) {
    ctx.fail((e as Error).message);
    return;
  }
  for (const round of rounds) {
    if (ctx.failed) break;
    // After a failure the steps in flight finish and none starts (step_executor.go).
    await Promise.all(round.map((r) => ctx.limiter.run(async () => (ctx.failed ? undefined : deleteOne(r)))));
  }
}
