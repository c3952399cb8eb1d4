/** How a real-CLI benchmark run was made, as its rows name it. */
import type { CliSizeResult } from "./cli-scenario";

/** The CLI's settings of a run, the program left out: "checkpoints skipped, --parallel 64". */
export function cliSettingsOf(r: CliSizeResult): string {
  const parts = [r.skipCheckpoints ? "checkpoints skipped" : "checkpoints saved"];
  if (r.parallel !== undefined) parts.push(`--parallel ${r.parallel}`);
  return parts.join(", ");
}

/** How a run was made: "checkpoints skipped, --parallel 64, eset plugin (YAML program)". */
export function settingsOf(r: CliSizeResult): string {
  const parts = [cliSettingsOf(r)];
  if (r.jsProgram) parts.push("JavaScript program");
  if (r.program === "plugin") parts.push("eset plugin (YAML program)");
  return parts.join(", ");
}
