/**
 * What the resources of this run claim in the tree, so that preview refuses two resources of one
 * stack that would put groups with one name under one parent (each alone looks fine against the
 * live tree). The engine starts one dynamic-provider host for all resources of a run and calls
 * `check` once per resource, so a record per process is a record per run, for the Pulumi CLI and
 * the engine harness alike. Kept on globalThis: the host may load several copies of this package.
 */
import type { Placement } from "./rules";
import { processWide } from "../../shared/process-wide";

/** Who claims a place: a new group (one per `check`), or an existing group by uuid. */
export type Claimant = { kind: "create"; serial: number } | { kind: "group"; uuid: string };

export class RunClaims {
  private readonly byPlace = new Map<string, Claimant>();
  private readonly checkedUpdates = new Map<string, number>();
  private serial = 0;

  /** A claimant for one new group (each `check` of a create is one resource). */
  newGroup(): Claimant {
    return { kind: "create", serial: ++this.serial };
  }

  /**
   * Claims `at` for `who`. Returns the other claimant when another resource of this run already
   * claimed it (and leaves the record as it was); a group claiming again is no clash.
   */
  claim(at: Placement, who: Claimant): Claimant | undefined {
    const key = placeKey(at);
    const holder = this.byPlace.get(key);
    if (holder && !sameClaimant(holder, who)) return holder;
    // A group that moves on (diff called again with other inputs) gives up its earlier claim.
    if (who.kind === "group") {
      for (const [k, c] of this.byPlace) if (k !== key && sameClaimant(c, who)) this.byPlace.delete(k);
    }
    this.byPlace.set(key, who);
    return undefined;
  }

  /** A new group was created at `at`: its claim is now the group's, so a later diff of it is no clash. */
  created(at: Placement, uuid: string): void {
    const key = placeKey(at);
    if (this.byPlace.get(key)?.kind === "create") this.byPlace.set(key, { kind: "group", uuid });
  }

  /**
   * `check` of an update notes its inputs, and `diff` runs the tree rules only for inputs that
   * `check` saw in this run: the engine's refresh also calls `diff` (with the live outputs and the
   * stored inputs), and a refresh must not fail on a tree rule.
   *
   * Why a note and not something the call carries: nothing in a `diff` call tells a refresh's from
   * an `up`'s. The engine's DiffRequest has no flag for it (pkg/resource/deploy/step.go,
   * `RefreshStep.Apply` calls the same diff), the SDK's host passes only id, olds and news
   * (@pulumi/pulumi cmd/dynamic-provider, `diff`), and both shapes are alike: olds are outputs,
   * news are checked inputs (refresh's are the stored ones, checked by an earlier run). Marking the
   * inputs in `check` would store the mark in the state. What differs is only whether `check` ran
   * for these inputs in this process, so that is what is remembered.
   */
  noteCheckedUpdate(at: Placement): void {
    const key = placeKey(at);
    this.checkedUpdates.set(key, (this.checkedUpdates.get(key) ?? 0) + 1);
  }

  /** True when `check` saw these inputs of an update in this run; the note is kept for `takeCheckedUpdate`. */
  sawCheckedUpdate(at: Placement): boolean {
    return (this.checkedUpdates.get(placeKey(at)) ?? 0) > 0;
  }

  /** True (once per note) when `check` saw these inputs of an update in this run. */
  takeCheckedUpdate(at: Placement): boolean {
    const key = placeKey(at);
    const count = this.checkedUpdates.get(key) ?? 0;
    if (count === 0) return false;
    if (count === 1) this.checkedUpdates.delete(key);
    else this.checkedUpdates.set(key, count - 1);
    return true;
  }
}

function placeKey(at: Placement): string {
  return JSON.stringify([at.parentGroupUuid, at.displayName]);
}

function sameClaimant(a: Claimant, b: Claimant): boolean {
  return a.kind === "create"
    ? b.kind === "create" && a.serial === b.serial
    : b.kind === "group" && a.uuid === b.uuid;
}

/** The claims of this process's run. */
export function runClaims(): RunClaims {
  return processWide("runClaims.v1", () => new RunClaims());
}
