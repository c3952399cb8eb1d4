/**
 * Finding the group a hierarchy is built under. A uuid is used as it is (no call); a path of names
 * is looked up with one listing of ESET's groups, made with the same settings as the provider:
 * stack config `eset:*` first, then the `ESET_CONNECT_*` environment variables.
 */
import * as pulumi from "@pulumi/pulumi";
import { clientConfigFromEnv, parseClientConfig, sharedClient, type ClientConfigInput } from "../client";
import { resolveClientSettings, stackConfigSettings } from "../client/settings-resolver";
import { ALL_GROUP_UUID } from "./format";
import { LiveTree } from "../client/live-tree";
import { programStackSettings } from "../resources/program-settings";
import { asHierarchyUserError } from "./user-error";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `parent` is written as a uuid, so it needs no lookup. */
export function isUuidReference(parent: string): boolean {
  return UUID_PATTERN.test(parent.trim());
}

/** The uuid of the group `path` names, from one listing; undefined when no group matches. */
export async function findGroupUuid(path: string, settings: ClientConfigInput): Promise<string | undefined> {
  const live = new LiveTree(await sharedClient(parseClientConfig(settings)).listDeviceGroups());
  return live.resolve(path)?.uuid;
}

/**
 * The ESET settings of the running Pulumi program: stack config `eset:*`, then the environment
 * (provider/client/settings-resolver.ts). Only the connection settings: the component only lists.
 */
export function programSettings(): pulumi.Output<ClientConfigInput> {
  const config = new pulumi.Config("eset");
  const fromStack = programStackSettings(config);
  return pulumi.output(config.getSecret("password")).apply((password) => {
    const stack = { ...fromStack, ...stackConfigSettings(() => password, ["password"]) };
    return resolveClientSettings([stack, clientConfigFromEnv()]) as unknown as ClientConfigInput;
  });
}

/**
 * The uuid of the group to build under: `parent` itself when it is a uuid, All when it is absent,
 * otherwise the group at that path (one listing). Throws `notFound(parent)` when no group matches.
 */
export function resolveParentUuid(
  parent: string | undefined,
  notFound: (parent: string) => Error,
): pulumi.Output<string> {
  if (parent === undefined) return pulumi.output(ALL_GROUP_UUID);
  if (isUuidReference(parent)) return pulumi.output(parent.trim());
  // The listing's settings include the (secret) password; the uuid found is not secret.
  return pulumi.unsecret(
    programSettings().apply(async (settings) => {
      const uuid = await findGroupUuid(parent, settings).catch((error: unknown) => {
        throw asHierarchyUserError(error);
      });
      if (uuid === undefined) throw notFound(parent);
      return uuid;
    }),
  );
}
