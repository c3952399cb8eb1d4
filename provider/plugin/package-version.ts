/**
 * The version of the installed pulumi-eset-connect, for GetPluginInfo and the schema: read from its
 * package.json, found upwards from this file (provider/plugin in a checkout, dist/provider/plugin
 * once built).
 */
import * as fs from "fs";
import * as path from "path";

export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "pulumi-eset-connect" && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of pulumi-eset-connect above ${from}`);
  }
}
