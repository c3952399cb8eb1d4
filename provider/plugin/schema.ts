/**
 * The package schema the plugin answers GetSchema with (what `pulumi package add`, `gen-sdk` and
 * `get-schema` read). schema.json is kept by hand: every resource, input and output described,
 * defaults stated, secrets marked secret. Its version is the installed package's.
 */
import schema from "./schema.json";

export function schemaText(version: string): string {
  return JSON.stringify({ ...schema, version });
}
