/**
 * Pending responses: ESET answers 202 with a `response-id` header when a result is not ready in
 * 30 s. The identical request is then sent again with that header until the result comes. A POST
 * is never sent again without the header, since that would run it twice: failures while polling
 * (dropped connections, 429, 5xx) are polled through, within the deadline. A 504 while polling
 * means ESET abandoned the work; it is returned to the caller, who may send the request as new.
 * A 404 after a poll whose answer was lost means that poll fetched the result: the outcome is
 * then unknown, reported as a TransportFailure so that creates look before sending again.
 */
import { PendingTimeoutError, ResponseValidationError } from "./errors";
import { ApiResponse, Send, TransportFailure } from "./http";
import { ClientMetrics } from "./observe";

export interface PendingOptions {
  deadlineMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  metrics: ClientMetrics;
}

/** Delay before the n-th poll (0-based): 250 ms doubling to 5 s. ESET itself holds a poll up to 30 s. */
export function pollDelay(poll: number): number {
  return Math.min(5_000, 250 * 2 ** poll);
}

/** Outcomes that only mean "ask again" while polling. 504 is not one: it ends the pending work. */
const POLL_THROUGH = new Set([202, 429, 500, 502, 503]);

export function pendingAware(send: Send, options: PendingOptions): Send {
  return async (request, context) => {
    const first = await send(request, context);
    if (first.status !== 202) return first;
    const responseId = first.headers["response-id"];
    if (!responseId) {
      throw new ResponseValidationError(
        `ESET Connect answered 202 (pending) while ${context.operation.description} without a response-id header, so the result cannot be fetched${first.requestId ? ` (request-id ${first.requestId})` : ""}`,
        {
          operation: context.operation.name,
          requestId: first.requestId,
          issues: ["response-id header missing"],
        },
      );
    }
    const started = options.now();
    const poll = { ...request, headers: { ...request.headers, "response-id": responseId } };
    let lastRequestId = first.requestId;
    // A poll whose answer was lost may have fetched the result: the id then answers 404.
    let answerLost = false;
    for (let polls = 0; ; polls++) {
      const waited = options.now() - started;
      if (waited >= options.deadlineMs) {
        throw new PendingTimeoutError(
          `ESET Connect had no result after ${Math.round(waited / 1000)} s while ${context.operation.description} (response-id ${responseId}); the work may still complete: read the state again before retrying, or raise pendingDeadlineMs${lastRequestId ? ` (request-id ${lastRequestId})` : ""}`,
          { operation: context.operation.name, responseId, waitedMs: waited, requestId: lastRequestId },
        );
      }
      const delay = Math.min(pollDelay(polls), options.deadlineMs - waited);
      options.metrics.backoffWaitMs += delay;
      await options.sleep(delay);
      options.metrics.pendingPolls++;
      let response: ApiResponse;
      try {
        response = await send(poll, { ...context, responseId });
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        answerLost = true;
        continue;
      }
      lastRequestId = response.requestId ?? lastRequestId;
      if (response.status >= 500) answerLost = true;
      if (response.status === 404 && answerLost) {
        // Whether the work was done is unknown: callers treat this like a dropped connection.
        throw new TransportFailure(
          "EPENDINGLOST",
          `the result for response-id ${responseId} was fetched by a poll whose answer was lost`,
          "unknown",
          request.path,
        );
      }
      if (!POLL_THROUGH.has(response.status)) return response;
    }
  };
}
