/**
 * The entry point of the `eset` provider plugin: what Pulumi's nodejs language host runs for the
 * PulumiPlugin.yaml in provider/plugin (whose package.json `main` points here, once built).
 * Exports nothing: the SDK's plugin runner would serve exported components as a component provider.
 */
import { EsetProvider } from "./provider";
import { serve } from "./server";
import { schemaText } from "./schema";
import { packageVersion } from "../../shared/command-process";

// The installed pulumi-eset-connect's version, for GetPluginInfo and the schema (found upwards from here).
const version = packageVersion(__dirname);
if (version === "unknown") throw new Error(`no package.json of pulumi-eset-connect above ${__dirname}`);
serve(new EsetProvider(version, schemaText(version)), process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
