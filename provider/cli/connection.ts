/**
 * The CLI's connection settings: the same sources as the provider — flags where the provider has
 * stack config, and the `ESET_CONNECT_*` environment variables. The password comes from
 * `ESET_CONNECT_PASSWORD` only: a flag would be kept in shell history and printed in CI logs.
 */
import { clientConfigFromEnv, REGIONS, type ClientConfigInput, type Region } from "../client";
import { resolveClientSettings } from "../client/settings-resolver";

/** Global flags shared by every command. */
export interface ConnectionFlags {
  /** One base URL for every service, e.g. the emulator. Default: env ESET_CONNECT_ENDPOINT. */
  endpoint?: string;
  /** ESET region. Default: env ESET_CONNECT_REGION. */
  region?: string;
  /** API user. Default: env ESET_CONNECT_USERNAME. */
  username?: string;
}

/** A setting the user must fix before anything is sent; the message says how. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

/**
 * Flags win over environment variables, by the provider's rules (provider/client/settings-resolver.ts):
 * a `--region` hides ESET_CONNECT_ENDPOINT and `--endpoint` hides ESET_CONNECT_REGION. Missing
 * pieces are reported with the flag and variable to set.
 */
export function connectionConfig(flags: ConnectionFlags, env: NodeJS.ProcessEnv): ClientConfigInput {
  const fromEnv = clientConfigFromEnv(env);
  const settings = resolveClientSettings([flags, fromEnv]);
  // Region codes in any case: `--region EU` means eu.
  const givenRegion = settings.region as string | undefined;
  const region = givenRegion?.trim().toLowerCase();
  const endpoint = settings.endpoint as string | undefined;
  const username = settings.username as string | undefined;
  const problems: string[] = [];
  if (region !== undefined && !REGIONS.includes(region as Region)) {
    problems.push(
      `region ${JSON.stringify(givenRegion)} is not an ESET region; use one of ${REGIONS.join(", ")}`,
    );
  }
  if (region === undefined && endpoint === undefined) {
    problems.push(
      `no ESET address; pass --region (${REGIONS.join(", ")}) or --endpoint URL, or set ESET_CONNECT_REGION or ESET_CONNECT_ENDPOINT`,
    );
  }
  if (username === undefined || username.trim() === "") {
    problems.push("no API user; pass --username or set ESET_CONNECT_USERNAME");
  }
  if (fromEnv.password === undefined) {
    problems.push(
      "no password; set ESET_CONNECT_PASSWORD (there is no --password flag on purpose: it would be kept in shell history and CI logs)",
    );
  }
  if (problems.length > 0) throw new CliUsageError(problems.join("\n"));
  const config: ClientConfigInput = { username: username as string, password: fromEnv.password as string };
  if (region !== undefined) config.region = region as Region;
  if (endpoint !== undefined) config.endpoint = endpoint;
  return config;
}

/** The client's config messages name stack config keys; on the command line the flag is what to set. */
export function cliConfigMessage(message: string): string {
  return message.replace(/stack config eset:(endpoint|region|username) or env/g, "--$1 or env");
}
