// Operations an earlier run left pending (the process died or lost an answer), handled as the CLI
// handles them:
// - every run warns about them (pkg/resource/deploy/deployment_executor.go,
//   `printPendingOperationsWarning`);
// - pending creates are carried into every new state until the user resolves them
//   (pkg/backend/snapshot.go: "we don't want to clear pending CREATE operations"); the other kinds
//   are dropped once a run has warned about them;
// - `refresh --clear-pending-creates` drops them; `refresh --import-pending-creates URN ID` (the
//   flag repeated: URN, ID, URN, ID, ...) completes the create with the object's id, and the refresh
//   then reads it (pkg/cmd/pulumi/operations/refresh.go, `pendingCreatesToImports`). A
//   non-interactive refresh keeps them otherwise (the CLI asks only when interactive).
import type { Diagnostic } from "./report";
import type { StackState } from "./state";

export interface PendingCreateOptions {
  /** Drop every pending create. Default: false. */
  clearPendingCreates?: boolean;
  /** URN, ID, URN, ID, ...: complete those pending creates with the object's id. Default: none. */
  importPendingCreates?: string[];
}

/** Refuses flags the CLI refuses; throws with the fix. */
export function validatePendingCreateOptions(command: string, o: PendingCreateOptions): void {
  const imports = o.importPendingCreates ?? [];
  if ((o.clearPendingCreates || imports.length > 0) && command !== "refresh") {
    throw new Error("--clear-pending-creates and --import-pending-creates go with refresh only");
  }
  if (imports.length % 2 !== 0) {
    throw new Error(
      "each URN must be followed by an ID: found an odd number of entries " +
        "(write --import-pending-creates <URN> --import-pending-creates <ID>)",
    );
  }
}

/** The warnings about pending operations, then the state's pending list as this run leaves it. */
export function resolvePendingOperations(
  state: StackState,
  command: string,
  o: PendingCreateOptions,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = state.pendingOperations.map((p) => ({
    severity: "warning",
    urn: p.urn,
    message:
      `an earlier run was interrupted while ${p.type} ${p.urn}: ` +
      (p.type === "creating"
        ? "the object may exist without being in the state. If it exists, run refresh with " +
          `--import-pending-creates ${p.urn} --import-pending-creates <its id>; if not, run refresh with --clear-pending-creates`
        : "run refresh to read its current state"),
  }));
  const imports = new Map<string, string>();
  const list = o.importPendingCreates ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) imports.set(list[i], list[i + 1]);
  const kept = [];
  for (const p of state.pendingOperations) {
    if (p.type !== "creating") continue;
    const id = imports.get(p.urn);
    if (id !== undefined && p.resource) {
      imports.delete(p.urn);
      // Outputs start as the inputs, which carry __provider: the refresh's read needs it.
      state.resources.push({ ...p.resource, id, outputs: p.resource.inputs });
      continue;
    }
    if (!o.clearPendingCreates) kept.push(p);
  }
  for (const urn of imports.keys()) {
    diagnostics.push({ severity: "warning", message: `"${urn}" did not correspond to a pending create` });
  }
  state.pendingOperations = kept;
  return diagnostics;
}
