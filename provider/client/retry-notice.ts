/**
 * The line written for every retry, without debug: a CI log shows at once that the API is slow,
 * throttling or down, instead of minutes of silence. It says what failed, which attempt it was
 * and how long until the next; never a header, body or query.
 */
import { NETWORK_TEXT, STATUS_TEXT } from "./failures";
import { ApiResponse, TransportFailure } from "./http";
import { LogLine } from "./observe";

export interface RetryNotice {
  /** What the client was doing, e.g. `listing device groups`. */
  description: string;
  /** The failed attempt's answer, or the transport failure. */
  result: ApiResponse | TransportFailure;
  /** The failed attempt, 1-based. */
  attempt: number;
  /** Most attempts allowed (maxRetries + 1); unused for 429, which is retried within a time budget. */
  maxAttempts: number;
  /** The time budget of this kind of failure, and what is left of it. */
  budgetMs?: number;
  budgetLeftMs?: number;
  delayMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function whatFailed(result: ApiResponse | TransportFailure): string {
  if (result instanceof TransportFailure) {
    const host = result.url.split("?")[0].replace(/^(https?:\/\/[^/]+).*$/, "$1");
    return `${NETWORK_TEXT[result.code] ?? "the request failed"} (${result.code}, ${host})`;
  }
  const id = result.requestId ? `, request-id ${result.requestId}` : "";
  return `${result.status} ${STATUS_TEXT[result.status] ?? "Error"}${id}`;
}

export function formatRetryNotice(n: RetryNotice): string {
  const throttled = !(n.result instanceof TransportFailure) && n.result.status === 429;
  const budget =
    n.budgetMs !== undefined
      ? ` (retried for up to ${seconds(n.budgetMs)}, ${seconds(Math.max(0, n.budgetLeftMs ?? 0))} left)`
      : "";
  const attempt = throttled ? `attempt ${n.attempt}` : `attempt ${n.attempt} of ${n.maxAttempts}`;
  return `[eset-connect] ${n.description}: ${whatFailed(n.result)}; ${attempt} failed${budget}, next in ${seconds(n.delayMs)}`;
}

/** The default sink: standard error, always (retries are rare and worth seeing). */
export const stderrNotices: LogLine = (line) => process.stderr.write(`${line}\n`);
