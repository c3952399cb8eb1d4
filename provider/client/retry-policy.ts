/**
 * Pure retry rules: which outcomes to retry, how long to wait, what an outcome says about whether
 * a write was applied, and when a create looks for its group before resending. No I/O here: the
 * one retry loop (retry.ts) acts on them.
 */
import { isUserErrorStatus } from "./user-errors";

/** Statuses worth another attempt. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** An attempt's outcome: an HTTP status, or a failure before any answer (with its network code). */
export type Outcome =
  { status: number; retryAfter?: string } | { transport: { sent: false | "unknown"; code?: string } };

/** Network codes of a failed DNS lookup. */
export const DNS_FAILURE_CODES: ReadonlySet<string> = new Set(["ENOTFOUND", "EAI_AGAIN"]);

/**
 * Node's codes for a server certificate it does not trust (self-signed, an unknown CA, another
 * name, out of date): asking again gets the same certificate, so these fail at once, at any call.
 * Most often an ESET PROTECT On-Prem server with its own CA (eset:caCertificate).
 */
export const CERTIFICATE_FAILURE_CODES: ReadonlySet<string> = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * How long one call is retried, from its first attempt. A 429 was never processed, so it is
 * retried for as long as the rate-limit budget lasts (a count would fail a CI job that merely
 * shares the account with seven others); a connection failure only within the short connection
 * budget, so that an endpoint that is down is reported in seconds, not minutes.
 */
export interface RetryBudgets {
  /** Default 180000 ms. */
  rateLimitMs: number;
  /** Default 15000 ms. */
  connectionMs: number;
}

export const DEFAULT_RETRY_BUDGETS: RetryBudgets = { rateLimitMs: 180_000, connectionMs: 15_000 };

/** Longest wait between two attempts after a 429: the limiter does the pacing, this only spreads. */
export const RATE_LIMIT_BACKOFF_CAP_MS = 4000;

/**
 * For a write, what an outcome says: `applied` (2xx), `not-applied` (the server refused before
 * doing anything: 429, 4xx, a refused connection) or `unknown` (5xx, a dropped connection, a
 * timeout: the server may have done it).
 */
export function writeOutcome(outcome: Outcome): "applied" | "not-applied" | "unknown" {
  if ("transport" in outcome) return outcome.transport.sent === false ? "not-applied" : "unknown";
  if (outcome.status >= 200 && outcome.status < 300) return "applied";
  if (outcome.status >= 500) return "unknown";
  return "not-applied";
}

/**
 * Whether a call whose answers may have been lost (a create) looks for its work before anything
 * is sent again: after an attempt whose outcome is unknown (the server may have done it), and
 * after a user error that follows such an attempt (an earlier attempt may have done it after all
 * and the listing lagged; ESET may answer a duplicate with 403, its status for every user error).
 */
export function lookBeforeResend(outcome: Outcome, earlierOutcomeUnknown: boolean): boolean {
  if (writeOutcome(outcome) === "unknown") return true;
  return earlierOutcomeUnknown && "status" in outcome && isUserErrorStatus(outcome.status);
}

/** Whether an outcome is transient, so that the same request may succeed later. */
export function isTransient(outcome: Outcome): boolean {
  return "transport" in outcome || RETRYABLE_STATUSES.has(outcome.status);
}

export interface BackoffOptions {
  /** First delay before jitter. Default 250 ms. */
  baseMs?: number;
  /** Largest delay before jitter. Default 20000 ms. */
  capMs?: number;
  /** Random source in [0, 1). Default Math.random. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: the n-th retry (0-based) waits between half and all of
 * `min(cap, base * 2^n)`. Half is kept so that a retry never comes back almost at once; the random
 * half spreads callers that failed together.
 */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 20_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Longest Retry-After honoured as given; anything longer is cut to this. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * Parses a Retry-After header (seconds, or an HTTP date) into milliseconds from `now`.
 * Returns undefined for a missing or unreadable header; a date in the past gives 0.
 */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  if (!/[a-z]/i.test(text)) return undefined; // negative or odd numbers are not dates
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

export interface RetryDecisionInput {
  outcome: Outcome;
  /** Retries already made for this call. */
  retries: number;
  maxRetries: number;
  now: number;
  backoff?: BackoffOptions;
  /** Time since the call's first attempt. Default 0. */
  elapsedMs?: number;
  /** Default DEFAULT_RETRY_BUDGETS. */
  budgets?: RetryBudgets;
  /** The call is the sign-in: a DNS failure there means a wrong host, so it fails at once. */
  signIn?: boolean;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * Whether to send again, and after how long. A 429 is retried within the rate-limit budget (no
 * count), waiting at least its Retry-After (plus a little jitter so that callers do not return
 * together); a connection failure up to `maxRetries` times within the connection budget, except
 * a DNS failure at sign-in; 5xx up to `maxRetries` times. Every call is treated as safe to
 * repeat: a create looks for its group before a resend could make a second one (lookBeforeResend).
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { outcome, retries, maxRetries } = input;
  const elapsed = input.elapsedMs ?? 0;
  const budgets = input.budgets ?? DEFAULT_RETRY_BUDGETS;
  if (!isTransient(outcome)) return { retry: false };
  if ("status" in outcome && outcome.status === 429) {
    const after = parseRetryAfter(outcome.retryAfter, input.now);
    const random = input.backoff?.random ?? Math.random;
    const delayMs =
      after !== undefined
        ? after + Math.round(random() * Math.min(1000, after * 0.1 + 50))
        : backoffDelay(retries, { ...input.backoff, capMs: RATE_LIMIT_BACKOFF_CAP_MS });
    return elapsed + delayMs <= budgets.rateLimitMs ? { retry: true, delayMs } : { retry: false };
  }
  if (retries >= maxRetries) return { retry: false };
  const delayMs = backoffDelay(retries, input.backoff);
  if ("transport" in outcome) {
    if (input.signIn && DNS_FAILURE_CODES.has(outcome.transport.code ?? "")) return { retry: false };
    if (CERTIFICATE_FAILURE_CODES.has(outcome.transport.code ?? "")) return { retry: false };
    if (elapsed + delayMs > budgets.connectionMs) return { retry: false };
  }
  return { retry: true, delayMs };
}
