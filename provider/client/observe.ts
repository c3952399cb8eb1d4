/**
 * Observability: counters that tests and benchmarks read, and the `ESET_CONNECT_DEBUG=1` log, one
 * line per HTTP exchange. Lines carry method, path, status, duration, request-id, the attempt
 * number and limiter wait; never a header value, a body or a query secret.
 */
import { Send, TransportFailure } from "./http";
import { redact } from "./redact";
import { debugRequested } from "../../shared/debug";

/** Counters of one client. Plain numbers, so they can be read and compared at any time. */
export interface ClientMetrics {
  /** HTTP exchanges by status code (`"200"`, `"429"`, ...) or `"network"` when no answer came. */
  calls: Record<string, number>;
  /** HTTP exchanges sent, every kind included (token, retries, pending polls). */
  requests: number;
  /** Attempts made again after a 429, 5xx or connection failure. */
  retries: number;
  /** Exchanges that had to wait for the rate limiter, and the total time they waited. */
  limiterWaits: number;
  limiterWaitMs: number;
  /** Time slept between retries and between pending polls. */
  backoffWaitMs: number;
  /** Resends with `response-id` while a result was pending. */
  pendingPolls: number;
  /** Token requests (password and refresh grants). */
  tokenRequests: number;
  /** Renewals caused by a 401. */
  tokenRenewalsAfter401: number;
  /** Listings made to check whether a create whose outcome was unknown had been applied. */
  createChecks: number;
  /** Full listings of the group tree, and reads served from a snapshot without a call. */
  treeListings: number;
  treeReadsFromSnapshot: number;
  /** Tenant-wide listings of policy assignments, and reads served from that snapshot without a call. */
  assignmentListings: number;
  assignmentReadsFromSnapshot: number;
  /** Listings made to check whether an assign whose outcome was unknown had been applied. */
  assignChecks: number;
}

export function newMetrics(): ClientMetrics {
  return {
    calls: {},
    requests: 0,
    retries: 0,
    limiterWaits: 0,
    limiterWaitMs: 0,
    backoffWaitMs: 0,
    pendingPolls: 0,
    tokenRequests: 0,
    tokenRenewalsAfter401: 0,
    createChecks: 0,
    treeListings: 0,
    treeReadsFromSnapshot: 0,
    assignmentListings: 0,
    assignmentReadsFromSnapshot: 0,
    assignChecks: 0,
  };
}

export type LogLine = (line: string) => void;

/** The default debug sink: stderr, when `ESET_CONNECT_DEBUG` is on (shared/debug.ts). */
export function debugLogFromEnv(env: NodeJS.ProcessEnv = process.env): LogLine | undefined {
  if (!debugRequested(env)) return undefined;
  return (line) => process.stderr.write(`${line}\n`);
}

export interface ExchangeRecord {
  method: string;
  path: string;
  query?: Record<string, string>;
  status: number | string;
  durationMs: number;
  requestId?: string;
  operation: string;
  attempt: number;
  limiterWaitMs?: number;
  responseId?: string;
}

/** One debug line. Query values are shown (page tokens, flags); they are never credentials. */
export function formatExchange(r: ExchangeRecord): string {
  const query =
    r.query && Object.keys(r.query).length > 0 ? `?${new URLSearchParams(r.query).toString()}` : "";
  const parts = [
    "[eset-connect]",
    r.method,
    r.path + query,
    String(r.status),
    `${Math.round(r.durationMs)}ms`,
    `op=${r.operation}`,
    `request-id=${r.requestId ?? "-"}`,
    `retry=${r.attempt}`,
    `limiter-wait=${Math.round(r.limiterWaitMs ?? 0)}ms`,
  ];
  if (r.responseId) parts.push(`pending=${r.responseId}`);
  return parts.join(" ");
}

/** Wraps the transport: counts every exchange and, when a log is set, writes its line. */
export function observed(
  send: Send,
  metrics: ClientMetrics,
  now: () => number,
  log: LogLine | undefined,
  secrets: () => Iterable<string>,
): Send {
  return async (request, context) => {
    const started = now();
    metrics.requests++;
    if (context.limiterWaitMs && context.limiterWaitMs > 0) {
      metrics.limiterWaits++;
      metrics.limiterWaitMs += context.limiterWaitMs;
    }
    const record = (key: string, shown: number | string, requestId?: string) => {
      metrics.calls[key] = (metrics.calls[key] ?? 0) + 1;
      if (!log) return;
      const line = formatExchange({
        method: request.method,
        path: request.path,
        query: request.query,
        status: shown,
        durationMs: now() - started,
        requestId,
        operation: context.operation.name,
        attempt: context.attempt,
        limiterWaitMs: context.limiterWaitMs,
        responseId: context.responseId,
      });
      log(redact(line, secrets()));
    };
    try {
      const response = await send(request, context);
      record(String(response.status), response.status, response.requestId);
      return response;
    } catch (error) {
      if (error instanceof TransportFailure) record("network", error.code);
      throw error;
    }
  };
}
