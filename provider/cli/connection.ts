/**
 * The CLI's connection settings: the same sources as the provider — flags where the provider has
 * stack config, and the `ESET_CONNECT_*` environment variables. The password comes from
 * `ESET_CONNECT_PASSWORD` only: a flag would be kept in shell history and printed in CI logs.
 */
import * as fs from "node:fs";
import { clientConfigFromEnv, REGIONS, type ClientConfigInput, type Region } from "../client";
import { resolveClientSettings } from "../client/settings-resolver";

/** Global flags shared by every command. */
export interface ConnectionFlags {
  /** One base URL for every service, e.g. the emulator. Default: env ESET_CONNECT_ENDPOINT. */
  endpoint?: string;
  /** ESET region. Default: env ESET_CONNECT_REGION. */
  region?: string;
  /**
   * ESET PROTECT On-Prem: the server's origin, e.g. `https://protect.example.com:9443`. Not with
   * `region` or `endpoint`. Default: env ESET_CONNECT_SERVER_URL.
   */
  serverUrl?: string;
  /** On-Prem: the API user is an Active Directory user. Default: env ESET_CONNECT_DOMAIN_USER, else false. */
  domainUser?: boolean;
  /**
   * Path of a PEM file with the CA certificate(s) to trust besides Node's, e.g. an On-Prem
   * server's own CA. Default: env ESET_CONNECT_CA_CERTIFICATE, which holds the PEM text itself.
   */
  caCertificate?: string;
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

/** Reads the `--ca-certificate` file; a missing or unreadable file is a usage error naming it. */
function caCertificateText(file: string, readFile: (path: string) => string): string {
  try {
    return readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "unreadable";
    throw new CliUsageError(`cannot read --ca-certificate ${JSON.stringify(file)}: ${code}; give a PEM file`);
  }
}

/**
 * Flags win over environment variables, by the provider's rules (provider/client/settings-resolver.ts):
 * the address is taken whole, so `--region` hides ESET_CONNECT_ENDPOINT and ESET_CONNECT_SERVER_URL,
 * and `--server-url` hides ESET_CONNECT_REGION. Missing pieces are reported with the flag and
 * variable to set; the rest (an https server URL, PEM text) is checked by the client's config.
 */
export function connectionConfig(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => fs.readFileSync(path, "utf8"),
): ClientConfigInput {
  const fromEnv = clientConfigFromEnv(env);
  const fromFlags: ConnectionFlags = { ...flags };
  if (flags.caCertificate !== undefined) {
    fromFlags.caCertificate = caCertificateText(flags.caCertificate, readFile);
  }
  const settings = resolveClientSettings([fromFlags, fromEnv]);
  // Region codes in any case: `--region EU` means eu.
  const givenRegion = settings.region as string | undefined;
  const region = givenRegion?.trim().toLowerCase();
  const endpoint = settings.endpoint as string | undefined;
  const serverUrl = settings.serverUrl as string | undefined;
  const username = settings.username as string | undefined;
  const problems: string[] = [];
  if (region !== undefined && !REGIONS.includes(region as Region)) {
    problems.push(
      `region ${JSON.stringify(givenRegion)} is not an ESET region; use one of ${REGIONS.join(", ")}`,
    );
  }
  if (region === undefined && endpoint === undefined && serverUrl === undefined) {
    problems.push(
      `no ESET address; pass --region (${REGIONS.join(", ")}), --endpoint URL or, for ESET PROTECT On-Prem, --server-url URL; or set ESET_CONNECT_REGION, ESET_CONNECT_ENDPOINT or ESET_CONNECT_SERVER_URL`,
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
  if (serverUrl !== undefined) config.serverUrl = serverUrl;
  // Checked by the client's config (true/false, also as the text ESET_CONNECT_DOMAIN_USER holds).
  if (settings.domainUser !== undefined) config.domainUser = settings.domainUser as boolean;
  if (settings.caCertificate !== undefined) config.caCertificate = settings.caCertificate as string;
  // How long an unreachable server is retried: ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS, as for the provider.
  if (fromEnv.connectionRetryBudgetMs !== undefined) {
    config.connectionRetryBudgetMs = fromEnv.connectionRetryBudgetMs;
  }
  return config;
}

/** The flag that sets each setting the client's config messages name by stack config key. */
const FLAGS: Record<string, string> = {
  endpoint: "--endpoint",
  region: "--region",
  username: "--username",
  serverUrl: "--server-url",
  domainUser: "--domain-user",
  caCertificate: "--ca-certificate (a PEM file)",
};

/** The client's config messages name stack config keys; on the command line the flag is what to set. */
export function cliConfigMessage(message: string): string {
  return message.replace(
    /stack config eset:(endpoint|region|username|serverUrl|domainUser|caCertificate) or env/g,
    (_, key: string) => `${FLAGS[key]} or env`,
  );
}
