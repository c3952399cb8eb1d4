// What a program depends on, read from the packages installed for it: the resource plugins its
// npm packages declare ("pulumi": { "resource": true } in their package.json, the convention
// Pulumi's provider SDKs follow) and its direct dependencies with their installed versions.
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

export interface PluginDependency {
  name: string;
  version: string;
  /** Download server, when the package names one. */
  server: string;
}

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  pulumi?: { resource?: boolean; name?: string; version?: string; server?: string };
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** The plugin a package.json declares, if any: name without "@scope/", version without "v". */
export function pluginOf(manifest: Manifest): PluginDependency | undefined {
  if (!manifest.pulumi?.resource) return undefined;
  const name = manifest.pulumi.name ?? manifest.name?.replace(/^@[^/]+\//, "");
  const version = manifest.pulumi.version ?? manifest.version;
  if (!name || !version) return undefined;
  return { name, version: version.replace(/^v/, ""), server: manifest.pulumi.server ?? "" };
}

/**
 * Every plugin declared by a package under `<dir>/node_modules`, deeply (nested node_modules and
 * scopes included), each once. Like Pulumi's host, only the program's own folder is searched.
 */
export function requiredPlugins(dir: string): PluginDependency[] {
  const found = new Map<string, PluginDependency>();
  const seen = new Set<string>();
  const visitPackages = (nodeModules: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(nodeModules);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of fs.readdirSync(real, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(real, entry.name);
      if (entry.name.startsWith("@")) {
        visitPackages(full);
        continue;
      }
      const manifest = readManifest(path.join(full, "package.json"));
      const plugin = manifest && pluginOf(manifest);
      if (plugin) found.set(`${plugin.name}@${plugin.version}`, plugin);
      visitPackages(path.join(full, "node_modules"));
    }
  };
  visitPackages(path.join(dir, "node_modules"));
  return [...found.values()];
}

/** The nearest package.json at or above `dir`. */
function nearestManifest(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, "package.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The program's direct dependencies (nearest package.json) with the versions installed. */
export function programDependencies(dir: string): { name: string; version: string }[] {
  const file = nearestManifest(dir);
  const manifest = file && readManifest(file);
  if (!file || !manifest) return [];
  const fromProgram = createRequire(file);
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
  return names.map((name) => {
    let version = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name] ?? "";
    try {
      version = readManifest(fromProgram.resolve(`${name}/package.json`))?.version ?? version;
    } catch {
      // not installed, or it does not export package.json: keep the declared range
    }
    return { name, version };
  });
}
