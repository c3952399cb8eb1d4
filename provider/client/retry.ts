/**
 * Retries for calls that are safe to repeat (reads, deletes, move, rename, GPO files, sign-in):
 * 429 within the rate-limit budget, 500, 502, 503, 504 and connection failures (within the
 * connection budget), with backoff and jitter, one line on stderr per retry. Creates are not
 * retried here: see safe-create.ts.
 */
import { OperationInfo } from "./errors";
import { ApiRequest, ApiResponse, Send, TransportFailure } from "./http";
import { ClientMetrics, LogLine } from "./observe";
import {
  BackoffOptions,
  decideRetry,
  DEFAULT_RETRY_BUDGETS,
  isTransient,
  Outcome,
  RetryBudgets,
} from "./retry-policy";
import { errorFromTransport } from "./failures";
import { formatRetryNotice } from "./retry-notice";
import { redact } from "./redact";

export interface RetryOptions {
  maxRetries: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  backoff?: BackoffOptions;
  metrics: ClientMetrics;
  secrets: () => Iterable<string>;
  /** Default DEFAULT_RETRY_BUDGETS. */
  budgets?: RetryBudgets;
  /** Receives one line per retry. Default: none (the client passes stderr). */
  notice?: LogLine;
}

export interface RetriedResponse {
  response: ApiResponse;
  /** Retries made before this response. */
  retries: number;
}

/** The outcome of one attempt, as the pure retry rules see it. */
export function outcomeOf(result: ApiResponse | TransportFailure): Outcome {
  if (result instanceof TransportFailure) return { transport: { sent: result.sent, code: result.code } };
  return { status: result.status, retryAfter: result.headers["retry-after"] };
}

/**
 * Decides whether to retry after a failed attempt; when it does, counts it, writes the retry line
 * and sleeps. Returns false when the failure is final.
 */
export async function retryAfterFailure(
  options: RetryOptions,
  operation: OperationInfo,
  result: ApiResponse | TransportFailure,
  retries: number,
  firstAttemptAt: number,
  safeToRepeat: boolean,
): Promise<boolean> {
  const budgets = options.budgets ?? DEFAULT_RETRY_BUDGETS;
  const outcome = outcomeOf(result);
  const now = options.now();
  const elapsedMs = now - firstAttemptAt;
  const decision = decideRetry({
    outcome,
    retries,
    maxRetries: options.maxRetries,
    safeToRepeat,
    now,
    backoff: options.backoff,
    elapsedMs,
    budgets,
    signIn: operation.name === "signIn",
  });
  if (!decision.retry) return false;
  options.metrics.retries++;
  options.metrics.backoffWaitMs += decision.delayMs;
  if (options.notice) {
    const budgetMs =
      "transport" in outcome
        ? budgets.connectionMs
        : outcome.status === 429
          ? budgets.rateLimitMs
          : undefined;
    const line = formatRetryNotice({
      description: operation.description,
      result,
      attempt: retries + 1,
      maxAttempts: options.maxRetries + 1,
      budgetMs,
      budgetLeftMs: budgetMs === undefined ? undefined : budgetMs - elapsedMs,
      delayMs: decision.delayMs,
    });
    options.notice(redact(line, options.secrets()));
  }
  await options.sleep(decision.delayMs);
  return true;
}

/**
 * Sends until the response is final (any status retrying cannot fix, or a budget or the retries
 * exhausted) and returns it; a connection failure that outlasts the retries becomes a NetworkError.
 */
export async function sendWithRetries(
  send: Send,
  request: ApiRequest,
  operation: OperationInfo,
  options: RetryOptions,
): Promise<RetriedResponse> {
  const firstAttemptAt = options.now();
  for (let retries = 0; ; retries++) {
    let result: ApiResponse | TransportFailure;
    try {
      result = await send(request, { operation, attempt: retries });
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      result = error;
    }
    const failed = isTransient(outcomeOf(result));
    if (!failed || !(await retryAfterFailure(options, operation, result, retries, firstAttemptAt, true))) {
      if (result instanceof TransportFailure)
        throw errorFromTransport(result, operation, retries, options.secrets());
      return { response: result, retries };
    }
  }
}
