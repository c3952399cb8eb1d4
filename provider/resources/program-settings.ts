/**
 * The ESET connection settings as the running Pulumi program sees them (stack config `eset:*`,
 * then the `ESET_CONNECT_*` environment), by the same resolver as the provider's host. Program
 * side: resource classes and the Hierarchy component read it while they register resources.
 */
import * as pulumi from "@pulumi/pulumi";
import { clientConfigFromEnv } from "../client/config";
import { resolveClientSettings, stackConfigSettings, type SettingsSource } from "../client/settings-resolver";

/** The connection settings a program reads from the stack config (the password apart: a secret). */
const PROGRAM_SETTINGS = [
  "region",
  "endpoint",
  "serverUrl",
  "domainUser",
  "caCertificate",
  "username",
] as const;

/** The stack config's connection settings, without the password. */
export function programStackSettings(config: pulumi.Config = new pulumi.Config("eset")) {
  return stackConfigSettings((key) => config.get(key.slice("eset:".length)), [...PROGRAM_SETTINGS]);
}

/**
 * True when the program's settings address ESET PROTECT On-Prem (`eset:serverUrl`, or
 * `ESET_CONNECT_SERVER_URL` when the stack config gives no address). Needs no secret, so it is
 * known while the program registers its resources. `stack` is the provider plugin's config there.
 */
export function programTargetsOnPrem(
  env: NodeJS.ProcessEnv = process.env,
  stack: SettingsSource = programStackSettings(),
): boolean {
  const settings = resolveClientSettings([stack, clientConfigFromEnv(env)]);
  return typeof settings.serverUrl === "string" && settings.serverUrl.trim() !== "";
}

/**
 * On ESET PROTECT On-Prem, which has no group delete, a Group is protected unless its own options
 * say otherwise. The engine plans the delete of a resource removed from the program without asking
 * the provider, even in preview (pulumi/pulumi pkg/resource/deploy/step_generator.go); `protect` is
 * what the engine itself refuses there (step.go, `DeleteStep.Apply`, before its preview check), and
 * it refuses a replacement too. So a removed Group fails `pulumi preview` before any write, instead
 * of failing mid-way through `pulumi up`. Setting `protect` (true or false) on the Group wins; a
 * parent's protection is not inherited here, because this default is set first.
 */
export function groupOptionsOnPrem(
  opts: pulumi.CustomResourceOptions | undefined,
  onPrem: () => boolean = programTargetsOnPrem,
): pulumi.CustomResourceOptions | undefined {
  if (opts?.protect !== undefined || !onPrem()) return opts;
  return { ...opts, protect: true };
}
