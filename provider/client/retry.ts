/**
 * Retries for calls that are safe to repeat (reads, deletes, move, rename, GPO files, sign-in):
 * 429 (after its Retry-After), 500, 502, 503, 504 and connection failures, with exponential
 * backoff and jitter. Creates are not retried here: see safe-create.ts.
 */
import { OperationInfo } from "./errors";
import { ApiRequest, ApiResponse, Send, TransportFailure } from "./http";
import { ClientMetrics } from "./observe";
import { BackoffOptions, decideRetry, Outcome } from "./retry-policy";
import { errorFromTransport } from "./failures";

export interface RetryOptions {
  maxRetries: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  backoff?: BackoffOptions;
  metrics: ClientMetrics;
  secrets: () => Iterable<string>;
}

export interface RetriedResponse {
  response: ApiResponse;
  /** Retries made before this response. */
  retries: number;
}

/** The outcome of one attempt, as the pure retry rules see it. */
export function outcomeOf(result: ApiResponse | TransportFailure): Outcome {
  if (result instanceof TransportFailure) return { transport: { sent: result.sent } };
  return { status: result.status, retryAfter: result.headers["retry-after"] };
}

/**
 * Sends until the response is final (any status retrying cannot fix, or retries exhausted) and
 * returns it; a connection failure that outlasts the retries becomes a NetworkError.
 */
export async function sendWithRetries(
  send: Send,
  request: ApiRequest,
  operation: OperationInfo,
  options: RetryOptions,
): Promise<RetriedResponse> {
  for (let retries = 0; ; retries++) {
    let result: ApiResponse | TransportFailure;
    try {
      result = await send(request, { operation, attempt: retries });
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      result = error;
    }
    const decision = decideRetry({
      outcome: outcomeOf(result),
      retries,
      maxRetries: options.maxRetries,
      safeToRepeat: true,
      now: options.now(),
      backoff: options.backoff,
    });
    if (!decision.retry) {
      if (result instanceof TransportFailure)
        throw errorFromTransport(result, operation, retries, options.secrets());
      return { response: result, retries };
    }
    options.metrics.retries++;
    options.metrics.backoffWaitMs += decision.delayMs;
    await options.sleep(decision.delayMs);
  }
}
