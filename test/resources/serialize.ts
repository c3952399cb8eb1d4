/**
 * `__provider` exactly as `new Group(...)` / `new GpoSccmFile(...)` produce it: the SDK's own
 * serializer, called the way `pulumi.dynamic.Resource` calls it, on the provider objects the
 * classes pass.
 */
import * as pulumi from "@pulumi/pulumi";
import { gpoSccmFileProvider, groupProvider } from "../../provider/resources/serialized-providers";

async function serialize(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return sf.text;
}

export const serializedGroupProvider = () => serialize(groupProvider);
export const serializedGpoSccmFileProvider = () => serialize(gpoSccmFileProvider);
