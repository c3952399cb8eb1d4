// A resource as the program declares it: the content of one RegisterResourceRequest, read into
// plain values. The SDK sends the request only once every input (outputs of other resources
// included), the parent and every dependsOn resource are resolved, which is how the order by
// parent, dependsOn and data flow arises: the harness answers a registration only when its step is
// done. https://www.pulumi.com/docs/iac/concepts/resources/options/dependson/
import type * as resPb from "@pulumi/pulumi/proto/resource_pb";
import type { PropertyMap } from "./properties";

export interface Goal {
  type: string;
  name: string;
  parent?: string;
  custom: boolean;
  inputs: PropertyMap;
  protect: boolean;
  retainOnDelete: boolean;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** undefined when the program did not set the option (then the provider's answer decides). */
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  /** Alias URNs, already expanded by the SDK (the harness does not claim structured alias specs). */
  aliases: string[];
  deletedWith?: string;
  /** Set by the engine, not the request: the default provider's reference (`<urn>::<id>`). */
  defaultProvider?: string;
}

/** Reads a registration; throws, naming the resource, for what the harness cannot run. */
export function goalFromRequest(req: resPb.RegisterResourceRequest): Goal {
  const type = req.getType();
  const name = req.getName();
  const refuse = (what: string): never => {
    throw new Error(`resource '${name}' (${type}): ${what} is not supported by the engine harness`);
  };
  if (req.getRemote()) refuse("a multi-language component");
  if (req.getImportid()) refuse("the import option (it does not work for dynamic resources either)");
  if (req.getProvider()) refuse("an explicit provider");
  if (req.getCustom() && !type.startsWith("pulumi-nodejs:dynamic")) {
    refuse("a resource of a provider plugin (only dynamic resources and components run here)");
  }
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    const urns = deps.getUrnsList();
    if (urns.length > 0) propertyDependencies[key] = urns;
  });
  const aliases = [
    ...req.getAliasurnsList(),
    ...req
      .getAliasesList()
      .map((a) => a.getUrn())
      .filter((u) => u !== ""),
  ];
  return {
    type,
    name,
    parent: req.getParent() || undefined,
    custom: req.getCustom(),
    inputs: (req.getObject()?.toJavaScript() ?? {}) as PropertyMap,
    protect: req.hasProtect() ? (req.getProtect() ?? false) : false,
    retainOnDelete: req.hasRetainondelete() ? (req.getRetainondelete() ?? false) : false,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
    ignoreChanges: req.getIgnorechangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    aliases,
    deletedWith: req.getDeletedwith() || undefined,
  };
}
