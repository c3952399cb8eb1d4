// `stack output [NAME] [--json] [--show-secrets]`: the root stack's outputs from the state, printed
// the way the CLI prints them (pkg/cmd/pulumi/stack/stack_output.go): one value (a string as it is,
// anything else as JSON), or every output; secrets as "[secret]" unless --show-secrets; an unknown
// name is an error naming it.
import * as fs from "fs";
import * as path from "path";
import { readProject } from "./project";
import { maskForDisplay, unwrapSecrets, type Value } from "./properties";
import { StackState } from "./state";
import { ROOT_STACK_TYPE } from "./urn";

export interface StackOutputOptions {
  programDir: string;
  /** Default: "dev". */
  stack?: string;
  /** Default: `<programDir>/.pulumi-engine/<stack>.json`. */
  stateFile?: string;
  /** One output; default: all of them. */
  name?: string;
  /** Print JSON. Default: false. */
  json?: boolean;
  /** Print secret values in plaintext. Default: false. */
  showSecrets?: boolean;
  passphrase: string;
}

/** The text to print, or throws with the reason. */
export function stackOutput(o: StackOutputOptions): string {
  const programDir = path.resolve(o.programDir);
  const project = readProject(programDir);
  const stack = o.stack ?? "dev";
  const stateFile = path.resolve(o.stateFile ?? path.join(programDir, ".pulumi-engine", `${stack}.json`));
  if (!fs.existsSync(stateFile)) throw new Error(`no state for stack ${stack} (${stateFile}): run up first`);
  const state = StackState.load(stateFile, project.name, stack, o.passphrase);
  const raw = state.resources.find((r) => r.type === ROOT_STACK_TYPE)?.outputs ?? {};
  const shown = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, o.showSecrets ? unwrapSecrets(v) : maskForDisplay(v)]),
  );
  if (o.name !== undefined) {
    if (!(o.name in shown)) throw new Error(`current stack does not have output property '${o.name}'`);
    const v = shown[o.name];
    if (o.json) return JSON.stringify(v, null, 2) + "\n";
    return (typeof v === "string" ? v : JSON.stringify(v)) + "\n";
  }
  if (o.json) return JSON.stringify(shown, null, 2) + "\n";
  const keys = Object.keys(shown).sort();
  if (keys.length === 0) return "Current stack has no outputs\n";
  const text = (v: Value) => (typeof v === "string" ? v : JSON.stringify(v));
  const width = Math.max("OUTPUT".length, ...keys.map((k) => k.length));
  const lines = [`Current stack outputs (${keys.length}):`, `    ${"OUTPUT".padEnd(width)}  VALUE`];
  for (const k of keys) lines.push(`    ${k.padEnd(width)}  ${text(shown[k])}`);
  return lines.join("\n") + "\n";
}
