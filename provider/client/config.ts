/**
 * Client configuration: validated with zod, with messages that name the stack config key and the
 * environment variable to set. The password is never echoed in an error.
 */
import { z } from "zod";
import { ConfigError, ConfigIssue } from "./errors";
import { REGIONS, REQUIRED_SERVICES, Region, SERVICES, Service } from "./hosts";

/** What a caller passes; everything but the credentials and an address has a default. */
export interface ClientConfigInput {
  /** ESET region (`eu`, `de`, `us`, `ca`, `jpn`). Needed unless `endpoint` or every host is set. */
  region?: Region;
  /** One base URL for every service (the emulator, a proxy). Wins over `region`. */
  endpoint?: string;
  /** Per-service base URLs; each wins over `endpoint` and `region` for its service. */
  hosts?: Partial<Record<Service, string>>;
  /**
   * ESET PROTECT On-Prem (13.1 and later): the server's origin, e.g. `https://protect.example.com:9443`.
   * Every path is served from it and sign-in is On-Prem's `POST /GetTokens`. https only, except a
   * loopback address (the emulator). Not together with `region`, `endpoint` or `hosts`.
   */
  serverUrl?: string;
  /** On-Prem only: the API user is an Active Directory (domain) user. Default false. */
  domainUser?: boolean;
  /**
   * PEM certificate(s) to trust besides Node's CAs, e.g. the CA of an On-Prem server's self-signed
   * certificate. Stack config `eset:caCertificate`, env `ESET_CONNECT_CA_CERTIFICATE`.
   */
  caCertificate?: string;
  /** API user (an email address) with the Integrations right. */
  username: string;
  /** The API user's password. Kept in memory only; never logged or put in an error. */
  password: string;
  /**
   * Calls that may start in any 1000 ms, shared by every client of this process talking to the
   * same ESET deployment. Default 10 (ESET's limit).
   */
  rateLimitPerSecond?: number;
  /**
   * How long one HTTP exchange may take before it counts as a timeout. Default 60000 ms, above
   * the 30 s after which ESET answers 202 (pending) instead of holding the request.
   */
  requestTimeoutMs?: number;
  /**
   * How long to keep polling a pending (202) request before giving up with a
   * PendingTimeoutError. Default 180000 ms (ESET abandons pending work after 120 s with a 504).
   */
  pendingDeadlineMs?: number;
  /** Retries after the first attempt for 5xx and connection errors (429s are bounded by time). Default 8. */
  maxRetries?: number;
  /**
   * How long a call answered 429 (never processed) keeps being retried, from its first attempt.
   * Default 180000 ms: other pipelines of the account may hold most of its 10 calls/s for minutes.
   */
  rateLimitRetryBudgetMs?: number;
  /**
   * How long a call keeps being retried after connection failures (refused, reset, timed out),
   * from its first attempt. Default 15000 ms, so an endpoint that is down fails quickly. A DNS
   * failure at sign-in is never retried. Env `ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS`.
   */
  connectionRetryBudgetMs?: number;
  /**
   * Recovery from an interrupted `up` where ESET ignored the client's uuid: a Group create that
   * finds a same-named group under its parent takes it over if no device sits in it or below it
   * instead of failing. Default false. Stack config `eset:adoptEmptyGroupsOnCreate`,
   * env `ESET_CONNECT_ADOPT_EMPTY_GROUPS_ON_CREATE` (`true`/`false`). A group that holds a device
   * is never taken over (resources/group/orphans.ts).
   */
  adoptEmptyGroupsOnCreate?: boolean;
}

/** A validated configuration, defaults applied. */
export interface ClientConfig {
  region?: Region;
  endpoint?: string;
  hosts?: Partial<Record<Service, string>>;
  serverUrl?: string;
  /** Set with serverUrl only. */
  domainUser?: boolean;
  caCertificate?: string;
  username: string;
  password: string;
  rateLimitPerSecond: number;
  requestTimeoutMs: number;
  pendingDeadlineMs: number;
  maxRetries: number;
  rateLimitRetryBudgetMs: number;
  connectionRetryBudgetMs: number;
  adoptEmptyGroupsOnCreate: boolean;
}

export const CONFIG_DEFAULTS = {
  rateLimitPerSecond: 10,
  requestTimeoutMs: 60_000,
  pendingDeadlineMs: 180_000,
  maxRetries: 8,
  rateLimitRetryBudgetMs: 180_000,
  connectionRetryBudgetMs: 15_000,
  adoptEmptyGroupsOnCreate: false,
  domainUser: false,
} as const;

/** Where each setting can come from, for messages that say how to fix it. */
const SOURCES: Record<string, string> = {
  region: "stack config eset:region or env ESET_CONNECT_REGION",
  endpoint: "stack config eset:endpoint or env ESET_CONNECT_ENDPOINT",
  serverUrl: "stack config eset:serverUrl or env ESET_CONNECT_SERVER_URL",
  domainUser: "stack config eset:domainUser or env ESET_CONNECT_DOMAIN_USER",
  caCertificate: "stack config eset:caCertificate or env ESET_CONNECT_CA_CERTIFICATE",
  username: "stack config eset:username or env ESET_CONNECT_USERNAME",
  password: "stack config eset:password (a secret) or env ESET_CONNECT_PASSWORD",
  connectionRetryBudgetMs: "env ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS",
  adoptEmptyGroupsOnCreate:
    "stack config eset:adoptEmptyGroupsOnCreate or env ESET_CONNECT_ADOPT_EMPTY_GROUPS_ON_CREATE",
};

/** true/false, also as the text stack config and the environment hold. */
const flag = z
  .union([z.boolean(), z.enum(["true", "false"])], { error: "must be true or false" })
  .transform((v) => v === true || v === "true");

const httpUrl = z.string().refine((s) => /^https?:\/\/[^\s/]+/.test(s), {
  message: "must be an http(s) URL such as https://eu.asset-management.eset.systems",
});

/** A loopback host: the only place an On-Prem server URL may use plain http (the emulator). */
function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

/** https, or http to a loopback address; an origin (a path is refused: On-Prem serves from its root). */
const serverUrl = z.string().refine(
  (s) => {
    let url: URL;
    try {
      url = new URL(s.trim());
    } catch {
      return false;
    }
    if (url.pathname !== "/" && url.pathname !== "") return false;
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname));
  },
  {
    message:
      "must be the https origin of ESET PROTECT On-Prem such as https://protect.example.com:9443 (http only for a loopback address)",
  },
);

const integer = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const schema = z
  .object({
    // Region codes in any case (`EU`, ` eu `): the meaning is clear, so they are not refused.
    region: z
      .preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(REGIONS))
      .optional(),
    endpoint: httpUrl.optional(),
    hosts: z
      .object(Object.fromEntries(SERVICES.map((s) => [s, httpUrl.optional()])))
      .strict()
      .optional(),
    serverUrl: serverUrl.optional(),
    domainUser: flag.default(CONFIG_DEFAULTS.domainUser),
    caCertificate: z
      .string()
      .refine((s) => s.includes("-----BEGIN CERTIFICATE-----"), {
        message: "must be PEM text (-----BEGIN CERTIFICATE----- ...), not a file path",
      })
      .optional(),
    username: z.string().trim().min(1),
    password: z.string().min(1),
    rateLimitPerSecond: integer(1, 10_000).default(CONFIG_DEFAULTS.rateLimitPerSecond),
    requestTimeoutMs: integer(1_000, 600_000).default(CONFIG_DEFAULTS.requestTimeoutMs),
    pendingDeadlineMs: integer(0, 3_600_000).default(CONFIG_DEFAULTS.pendingDeadlineMs),
    maxRetries: integer(0, 50).default(CONFIG_DEFAULTS.maxRetries),
    rateLimitRetryBudgetMs: integer(0, 3_600_000).default(CONFIG_DEFAULTS.rateLimitRetryBudgetMs),
    connectionRetryBudgetMs: integer(0, 600_000).default(CONFIG_DEFAULTS.connectionRetryBudgetMs),
    adoptEmptyGroupsOnCreate: flag.default(CONFIG_DEFAULTS.adoptEmptyGroupsOnCreate),
  })
  .strict();

const KNOWN_KEYS = Object.keys(schema.shape);

function issueFor(issue: z.core.$ZodIssue, input: Record<string, unknown>): ConfigIssue {
  const field = issue.path.join(".");
  const top = String(issue.path[0] ?? "");
  const source = SOURCES[top];
  if (issue.code === "unrecognized_keys") {
    const where = field ? `${field}.` : "";
    const known = field === "hosts" ? SERVICES : KNOWN_KEYS;
    return {
      field: issue.keys.map((k) => where + k).join(", "),
      message: `unknown setting; known settings are ${known.join(", ")}`,
    };
  }
  if (input[top] === undefined && source) {
    return { field, message: `missing; set ${source}` };
  }
  if (top === "region") {
    return {
      field,
      message: `${JSON.stringify(input.region)} is not an ESET region; use one of ${REGIONS.join(", ")} (${source})`,
    };
  }
  if (top === "username" || top === "password") {
    return { field, message: `must not be empty; set ${source}` };
  }
  // Never echo the value: only the rule it broke.
  return { field, message: source ? `${issue.message} (${source})` : issue.message };
}

/**
 * Validates and completes a configuration. Throws a ConfigError that lists every problem, each
 * with the stack config key and environment variable to set.
 */
export function parseClientConfig(input: unknown): ClientConfig {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ConfigError([{ field: "(configuration)", message: "must be an object" }]);
  }
  const record = input as Record<string, unknown>;
  const parsed = schema.safeParse(record);
  const issues: ConfigIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => issueFor(i, record));
  if (parsed.success) {
    const { region, endpoint, hosts, serverUrl } = parsed.data;
    const everyHost = REQUIRED_SERVICES.every((s) => hosts?.[s] !== undefined);
    if (serverUrl && (region || endpoint || hosts)) {
      issues.push({
        field: "serverUrl",
        message:
          `ESET PROTECT On-Prem (${SOURCES.serverUrl}) cannot be combined with an ESET Connect region, endpoint ` +
          `or hosts: set one or the other`,
      });
    } else if (!serverUrl && !region && !endpoint && !everyHost) {
      issues.push({
        field: "region",
        message: `missing; set ${SOURCES.region} (one of ${REGIONS.join(", ")}), or an endpoint (${SOURCES.endpoint})`,
      });
    }
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues);
  const data = parsed.data;
  const config: ClientConfig = {
    username: data.username,
    password: data.password,
    rateLimitPerSecond: data.rateLimitPerSecond,
    requestTimeoutMs: data.requestTimeoutMs,
    pendingDeadlineMs: data.pendingDeadlineMs,
    maxRetries: data.maxRetries,
    rateLimitRetryBudgetMs: data.rateLimitRetryBudgetMs,
    connectionRetryBudgetMs: data.connectionRetryBudgetMs,
    adoptEmptyGroupsOnCreate: data.adoptEmptyGroupsOnCreate,
  };
  if (data.caCertificate) config.caCertificate = data.caCertificate;
  if (data.serverUrl) {
    config.serverUrl = data.serverUrl.trim().replace(/\/+$/, "");
    config.domainUser = data.domainUser;
  }
  if (data.region) config.region = data.region;
  if (data.endpoint) config.endpoint = data.endpoint;
  if (data.hosts) config.hosts = data.hosts as Partial<Record<Service, string>>;
  return config;
}

/**
 * Reads `ESET_CONNECT_REGION`, `ESET_CONNECT_USERNAME`, `ESET_CONNECT_PASSWORD`,
 * `ESET_CONNECT_ENDPOINT`, `ESET_CONNECT_SERVER_URL`, `ESET_CONNECT_DOMAIN_USER`, and `ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS` (a number; anything else is
 * passed on for parseClientConfig to refuse). Unset and empty variables are left out, so the result can be spread
 * under explicit settings: `{ ...clientConfigFromEnv(), ...fromStackConfig }`.
 */
export function clientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ClientConfigInput> {
  const pick = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === "" ? undefined : value;
  };
  const out: Partial<ClientConfigInput> = {};
  const region = pick("ESET_CONNECT_REGION");
  if (region !== undefined) out.region = region.trim() as Region; // validated by parseClientConfig
  const username = pick("ESET_CONNECT_USERNAME");
  if (username !== undefined) out.username = username;
  const password = pick("ESET_CONNECT_PASSWORD");
  if (password !== undefined) out.password = password;
  const endpoint = pick("ESET_CONNECT_ENDPOINT");
  if (endpoint !== undefined) out.endpoint = endpoint.trim();
  const server = pick("ESET_CONNECT_SERVER_URL");
  if (server !== undefined) out.serverUrl = server.trim();
  const ca = pick("ESET_CONNECT_CA_CERTIFICATE");
  if (ca !== undefined) out.caCertificate = ca;
  const domainUser = pick("ESET_CONNECT_DOMAIN_USER");
  if (domainUser !== undefined) out.domainUser = domainUser.trim() as unknown as boolean;
  const adopt = pick("ESET_CONNECT_ADOPT_EMPTY_GROUPS_ON_CREATE");
  if (adopt !== undefined) out.adoptEmptyGroupsOnCreate = adopt.trim() as unknown as boolean;
  const budget = pick("ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS");
  if (budget !== undefined) {
    const n = Number(budget.trim());
    out.connectionRetryBudgetMs = (Number.isNaN(n) ? budget : n) as number;
  }
  return out;
}
