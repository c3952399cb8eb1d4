// The project (`Pulumi.yaml`) and the stack config, read like the CLI reads them:
// - `Pulumi.yaml`: `name`, `runtime` (nodejs only; `options.typescript: false` turns ts-node off),
//   `main`, and project-level `config` defaults;
// - `Pulumi.<stack>.yaml` `config:` (plain values), then `--config key=value` and
//   `--secret-config key=value` on top. Keys without a namespace take the project's name, as
//   `pulumi config set` does. The harness cannot decrypt `secure:` values (they are encrypted with
//   the CLI's stack key): pass such keys with --secret-config instead.
// https://www.pulumi.com/docs/iac/concepts/projects/project-file/
// https://www.pulumi.com/docs/iac/concepts/config/
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export interface ProjectInfo {
  dir: string;
  name: string;
  /** `main` from Pulumi.yaml (a file or folder relative to the project), if set. */
  main?: string;
  /** Load TypeScript through ts-node (the nodejs runtime's default). */
  typescript: boolean;
  /** Project-level config defaults, namespaced. */
  configDefaults: Record<string, string>;
}

export interface StackConfig {
  /** Every value as the program reads it (PULUMI_CONFIG): namespaced keys, strings. */
  values: Record<string, string>;
  /** Keys whose values are secret. */
  secretKeys: string[];
}

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch (e) {
    throw new Error(`${file} is not valid YAML: ${(e as Error).message}`);
  }
}

function configString(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readProject(dir: string): ProjectInfo {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no Pulumi.yaml in ${dir}: pass the folder of a Pulumi project`);
  const doc = readYaml(file) as Record<string, unknown> | null;
  if (!doc || typeof doc.name !== "string" || doc.name === "") {
    throw new Error(`${file}: "name" is missing: give the project a name`);
  }
  const runtime = doc.runtime as string | { name?: string; options?: Record<string, unknown> } | undefined;
  const runtimeName = typeof runtime === "string" ? runtime : runtime?.name;
  if (runtimeName !== "nodejs") {
    throw new Error(
      `${file}: runtime "${runtimeName ?? ""}" is not supported: the engine harness runs nodejs programs`,
    );
  }
  const options = typeof runtime === "object" ? (runtime.options ?? {}) : {};
  const configDefaults: Record<string, string> = {};
  const projectConfig = (doc.config ?? {}) as Record<string, unknown>;
  for (const [key, spec] of Object.entries(projectConfig)) {
    const value =
      spec && typeof spec === "object" && !Array.isArray(spec)
        ? ((spec as Record<string, unknown>).value ?? (spec as Record<string, unknown>).default)
        : spec;
    if (value !== undefined) configDefaults[namespaced(doc.name, key)] = configString(value);
  }
  return {
    dir,
    name: doc.name,
    main: typeof doc.main === "string" ? doc.main : undefined,
    typescript: options.typescript !== false,
    configDefaults,
  };
}

function parseAssignment(flag: string, text: string, project: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new Error(`${flag} "${text}" is not key=value: write it as ${flag} eset:region=eu`);
  return [namespaced(project, text.slice(0, eq)), text.slice(eq + 1)];
}

export function resolveStackConfig(
  project: ProjectInfo,
  stack: string,
  flags: { config: string[]; secretConfig: string[] },
): StackConfig {
  const values: Record<string, string> = { ...project.configDefaults };
  const secretKeys = new Set<string>();
  const encrypted: string[] = [];
  const stackFile = path.join(project.dir, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(stackFile)) {
    const doc = (readYaml(stackFile) ?? {}) as { config?: Record<string, unknown> };
    for (const [rawKey, value] of Object.entries(doc.config ?? {})) {
      const key = namespaced(project.name, rawKey);
      if (value && typeof value === "object" && "secure" in value) encrypted.push(key);
      else values[key] = configString(value);
    }
  }
  for (const text of flags.config) {
    const [key, value] = parseAssignment("--config", text, project.name);
    values[key] = value;
    secretKeys.delete(key);
  }
  for (const text of flags.secretConfig) {
    const [key, value] = parseAssignment("--secret-config", text, project.name);
    values[key] = value;
    secretKeys.add(key);
  }
  const undecryptable = encrypted.filter((k) => !(k in values));
  if (undecryptable.length > 0) {
    throw new Error(
      `${stackFile}: ${undecryptable.join(", ")} ${undecryptable.length > 1 ? "are" : "is"} encrypted ("secure:"), ` +
        `which the engine harness cannot decrypt: pass ${undecryptable.map((k) => `--secret-config ${k}=...`).join(" ")}`,
    );
  }
  return { values, secretKeys: [...secretKeys].sort() };
}
