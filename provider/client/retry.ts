/**
 * The one retry loop, for every call: 429 within the rate-limit budget, 500, 502, 503, 504 and
 * connection failures (within the connection budget), with backoff and jitter, one line on stderr
 * per retry. The rules are pure (retry-policy.ts); a create plugs in a hook that looks for its
 * group before resending (create-lost-answer.ts) instead of copying the loop.
 */
import { isPendingTimeoutError, OperationInfo } from "./errors";
import { ApiRequest, ApiResponse, Send, TransportFailure } from "./http";
import { ClientMetrics, LogLine } from "./observe";
import {
  BackoffOptions,
  decideRetry,
  DEFAULT_RETRY_BUDGETS,
  lookBeforeResend,
  Outcome,
  RetryBudgets,
  writeOutcome,
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
  /** For the error a caller makes of a final failure: what the lost-answer hook's look showed. */
  note?: string;
}

/** The outcome of one attempt, as the pure retry rules see it. */
function outcomeOf(result: ApiResponse | TransportFailure): Outcome {
  if (result instanceof TransportFailure) return { transport: { sent: result.sent, code: result.code } };
  return { status: result.status, retryAfter: result.headers["retry-after"] };
}

/**
 * Decides whether to retry after an attempt; when it does, counts it, writes the retry line and
 * sleeps. Returns false when the outcome is final (a success too).
 */
async function retryAfterFailure(
  options: RetryOptions,
  operation: OperationInfo,
  result: ApiResponse | TransportFailure,
  retries: number,
  firstAttemptAt: number,
): Promise<boolean> {
  const budgets = options.budgets ?? DEFAULT_RETRY_BUDGETS;
  const outcome = outcomeOf(result);
  const now = options.now();
  const elapsedMs = now - firstAttemptAt;
  const decision = decideRetry({
    outcome,
    retries,
    maxRetries: options.maxRetries,
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
 * What a call whose answer may be lost (a create) plugs into the one retry loop: a look at the
 * world for the work of an earlier attempt, before anything is sent again (decide from the world,
 * not from a status). The loop decides when to look (`lookBeforeResend` in retry-policy.ts); the
 * hook only looks.
 */
export interface LostAnswerHook<T> {
  /** What an earlier attempt did, if the world shows it now (e.g. the group it created). */
  look(): Promise<T | undefined>;
  /** Added to the final error when the last attempt's outcome was unknown and `look` found nothing. */
  nothingFoundNote: string;
}

/** The call ended because the hook found the work of an earlier attempt. */
export interface FoundEarlierWork<T> {
  found: T;
  /** Retries made before it was found. */
  retries: number;
}

/**
 * The one retry loop: sends until the response is final (any status retrying cannot fix, or a
 * budget or the retries exhausted) and returns it; a connection failure that outlasts the retries
 * becomes a NetworkError. With a `lostAnswer` hook, an attempt whose outcome is unknown is followed
 * by a look before resending (and so is a pending request given up, which is never resent): what
 * the hook finds ends the call. Having looked, a resend cannot do the work twice.
 */
export function sendWithRetries(
  send: Send,
  request: ApiRequest,
  operation: OperationInfo,
  options: RetryOptions,
): Promise<RetriedResponse>;
export function sendWithRetries<T>(
  send: Send,
  request: ApiRequest,
  operation: OperationInfo,
  options: RetryOptions,
  lostAnswer: LostAnswerHook<T>,
): Promise<RetriedResponse | FoundEarlierWork<T>>;
export async function sendWithRetries<T>(
  send: Send,
  request: ApiRequest,
  operation: OperationInfo,
  options: RetryOptions,
  lostAnswer?: LostAnswerHook<T>,
): Promise<RetriedResponse | FoundEarlierWork<T>> {
  const firstAttemptAt = options.now();
  let earlierOutcomeUnknown = false;
  for (let retries = 0; ; retries++) {
    let result: ApiResponse | TransportFailure;
    try {
      result = await send(request, { operation, attempt: retries });
    } catch (error) {
      if (lostAnswer && isPendingTimeoutError(error)) {
        // The server may still finish the work: resending could do it twice.
        const found = await lostAnswer.look();
        if (found !== undefined) return { found, retries };
        throw error;
      }
      if (!(error instanceof TransportFailure)) throw error;
      result = error;
    }
    const outcome = outcomeOf(result);
    if (lostAnswer && lookBeforeResend(outcome, earlierOutcomeUnknown)) {
      const found = await lostAnswer.look();
      if (found !== undefined) return { found, retries };
    }
    const unknown = writeOutcome(outcome) === "unknown";
    earlierOutcomeUnknown ||= unknown;
    if (await retryAfterFailure(options, operation, result, retries, firstAttemptAt)) continue;
    const note = lostAnswer && unknown ? lostAnswer.nothingFoundNote : undefined;
    if (result instanceof TransportFailure)
      throw errorFromTransport(result, operation, retries, options.secrets(), note);
    return note ? { response: result, retries, note } : { response: result, retries };
  }
}
