/**
 * Wires the layers around the one send function, innermost first: HTTP (axios) → observation
 * (metrics, debug line) → rate limiter → bearer token (renew once on 401) → pending (202) polling.
 * The one retry loop sits on top (retry.ts); creates plug a look into it (create-lost-answer.ts).
 */
import { authorized, TokenManager } from "./auth";
import { ClientConfig } from "./config";
import { serviceBaseUrl } from "./hosts";
import { createHttpSend, Send } from "./http";
import { processRateLimiter, RateLimiter, rateLimited } from "./limiter";
import { ClientMetrics, debugLogFromEnv, LogLine, observed } from "./observe";
import { pendingAware } from "./pending";
import { RetryOptions, sendWithRetries } from "./retry";

export interface StackOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log?: LogLine;
  limiter?: RateLimiter;
  wrapTransport?: (send: Send) => Send;
  metrics: ClientMetrics;
  /** The known secrets at the time of the call (the password, tokens issued so far). */
  secrets: () => Iterable<string>;
  retryOptions: () => RetryOptions;
}

export interface Stack {
  /** Sends an API call with token, limiter and pending handling (no retries). */
  api: Send;
  tokens: TokenManager;
}

export function buildStack(config: ClientConfig, options: StackOptions): Stack {
  const authBaseUrl = serviceBaseUrl("auth", config);
  const http = createHttpSend({
    baseUrlOf: (service) => serviceBaseUrl(service, config),
    timeoutMs: config.requestTimeoutMs,
    secrets: options.secrets,
    caCertificate: config.caCertificate,
  });
  const transport = options.wrapTransport ? options.wrapTransport(http) : http;
  const log = options.log ?? debugLogFromEnv();
  const limiter = options.limiter ?? processRateLimiter(authBaseUrl);
  const limited = rateLimited(
    observed(transport, options.metrics, options.now, log, options.secrets),
    limiter,
    config.rateLimitPerSecond,
  );
  const pending = (send: Send) =>
    pendingAware(send, {
      deadlineMs: config.pendingDeadlineMs,
      now: options.now,
      sleep: options.sleep,
      metrics: options.metrics,
    });
  const tokenSend = pending(limited);
  const tokens = new TokenManager({
    authBaseUrl,
    onPrem: config.serverUrl ? { domainUser: config.domainUser === true } : undefined,
    username: config.username,
    password: config.password,
    now: options.now,
    metrics: options.metrics,
    secrets: options.secrets,
    requestToken: (request, operation) =>
      sendWithRetries(tokenSend, request, operation, options.retryOptions()),
  });
  return { api: pending(authorized(limited, tokens)), tokens };
}
