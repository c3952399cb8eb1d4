/**
 * The provider plugin's resource provider: every CRUD call of eset:index:Group, GroupAnchor,
 * GpoSccmFile, GroupPolicies and PolicyAnchor goes to the implementation the dynamic-provider host runs for that kind, with the
 * plugin's differences handled here: secrets arrive and leave wrapped (secrets.ts), a Group's
 * computed inputs come from the URN (group-identity.ts), and the `__provider` property of dynamic
 * resources is neither required nor stored.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as plugin from "@pulumi/pulumi/provider";
import { install } from "./implementations";
import { GROUP, HIERARCHY, KIND_OF_TYPE, SECRET_OUTPUTS, parseUrn } from "./resource-types";
import { configureRequest } from "./stack-config";
import { Props, unwrapSecrets, wrapSecrets } from "./secrets";
import { withGroupIdentity } from "./group-identity";
import { PluginHierarchy, type PluginHierarchyArgs } from "./hierarchy";
import { programTargetsOnPrem } from "../resources/program-settings";
import { stackConfigSettings } from "../client/settings-resolver";

type Methods = Omit<pulumi.dynamic.ResourceProvider, "configure">;

/** The SDK property dynamic resources carry their serialized provider in: nothing for a plugin. */
const DYNAMIC_PROVIDER_KEY = "__provider";

function withoutDynamicProvider(props: Props | undefined): Props | undefined {
  if (!props || !(DYNAMIC_PROVIDER_KEY in props)) return props;
  const { [DYNAMIC_PROVIDER_KEY]: _dropped, ...rest } = props;
  return rest;
}

export class EsetProvider implements plugin.Provider {
  private readonly methods = new Map<string, Methods>();
  /** The config Configure gave (`eset:serverUrl`, ...), for what the Hierarchy decides at construct. */
  private config: Record<string, string> = {};

  constructor(
    readonly version: string,
    readonly schema: string,
  ) {}

  /** Takes the provider's config (`eset:region`, ...): the engine's Configure, or a test. */
  configure(config: Record<string, string>): void {
    this.config = config;
    for (const [type, kind] of Object.entries(KIND_OF_TYPE)) {
      const target = {};
      install(target, kind, configureRequest(config));
      this.methods.set(type, target as Methods);
    }
  }

  private methodsFor(urn: string): { type: string; methods: Methods } {
    const { type } = parseUrn(urn);
    if (this.methods.size === 0) this.configure({}); // no Configure yet: environment variables only
    const methods = this.methods.get(type);
    if (!methods) throw new Error(`the eset provider has no resource type ${type}`);
    return { type, methods };
  }

  /** Outputs for the wire: secret where the inputs were, and where the type always is. */
  private outputs(type: string, outs: Props | undefined, secretKeys: string[]): Props {
    return wrapSecrets(withoutDynamicProvider(outs), [...secretKeys, ...(SECRET_OUTPUTS[type] ?? [])]);
  }

  /** A "created/updated with errors" failure keeps its id; its properties get the same treatment. */
  private failure(type: string, error: unknown, secretKeys: string[]): unknown {
    const partial = error as { id?: unknown; properties?: Props };
    if (error instanceof Error && partial.id !== undefined && partial.properties) {
      partial.properties = this.outputs(type, partial.properties, secretKeys);
    }
    return error;
  }

  async check(urn: string, olds: Props, news: Props): Promise<plugin.CheckResult> {
    const { type, methods } = this.methodsFor(urn);
    const oldInputs = unwrapSecrets(withoutDynamicProvider(olds)).plain;
    const { plain, secretKeys } = unwrapSecrets(news);
    const given = type === GROUP ? withGroupIdentity(urn, plain) : plain;
    const result = methods.check ? await methods.check(oldInputs, given) : { inputs: given };
    return { inputs: wrapSecrets(result.inputs, secretKeys), failures: result.failures ?? [] };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<plugin.DiffResult> {
    const { methods } = this.methodsFor(urn);
    if (!methods.diff) return {};
    const result = await methods.diff(id, unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
    return {
      changes: result.changes,
      replaces: result.replaces,
      deleteBeforeReplace: result.deleteBeforeReplace,
    };
  }

  async create(urn: string, inputs: Props): Promise<plugin.CreateResult> {
    const { type, methods } = this.methodsFor(urn);
    const { plain, secretKeys } = unwrapSecrets(inputs);
    try {
      const result = await methods.create(plain);
      return { id: result.id, outs: this.outputs(type, result.outs, secretKeys) };
    } catch (error) {
      throw this.failure(type, error, secretKeys);
    }
  }

  /** Also what `pulumi import` calls, with no props at all: the live group gives the inputs. */
  async read(id: string, urn: string, props?: Props): Promise<plugin.ReadResult> {
    const { type, methods } = this.methodsFor(urn);
    const { plain, secretKeys } = unwrapSecrets(withoutDynamicProvider(props));
    if (!methods.read) return { id, props: props ?? {} };
    const result = await methods.read(id, plain);
    // No id: the object is gone (the engine drops it from the stack).
    if (!result.id) return {};
    return {
      id: result.id,
      props: this.outputs(type, result.props, secretKeys),
      inputs: result.inputs ? wrapSecrets(withoutDynamicProvider(result.inputs), secretKeys) : undefined,
    };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<plugin.UpdateResult> {
    const { type, methods } = this.methodsFor(urn);
    const { plain, secretKeys } = unwrapSecrets(news);
    if (!methods.update) throw new Error(`${type} cannot be updated in place`);
    try {
      const result = await methods.update(id, unwrapSecrets(olds).plain, plain);
      return { outs: this.outputs(type, result.outs, secretKeys) };
    } catch (error) {
      throw this.failure(type, error, secretKeys);
    }
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const { methods } = this.methodsFor(urn);
    if (methods.delete) await methods.delete(id, unwrapSecrets(props).plain);
  }

  /** Components: the Hierarchy, its Groups, GroupAnchors and GroupPolicies this plugin's own resources (hierarchy.ts). */
  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<plugin.ConstructResult> {
    if (type !== HIERARCHY) throw new Error(`the eset provider has no component ${type}`);
    const onPrem = programTargetsOnPrem(
      process.env,
      stackConfigSettings((key) => this.config[key]),
    );
    const hierarchy = new PluginHierarchy(name, inputs as PluginHierarchyArgs, options, onPrem);
    return {
      urn: hierarchy.urn,
      state: {
        parentGroupUuid: hierarchy.parentGroupUuid,
        uuidsByKey: hierarchy.uuidsByKey,
        uuidsByPath: hierarchy.uuidsByPath,
        policyUuidsByKey: hierarchy.policyUuidsByKey,
      },
    };
  }
}
