/**
 * What the emulator's request log says about a run: calls by endpoint and status, faults injected
 * by kind, 429s and pending answers, and the time from the first call to the last.
 */
import type { RequestLogEntry } from "../../emulator";

/** The ESET Connect endpoints, in the order tables show them. */
export const ENDPOINTS = [
  "token",
  "create",
  "move",
  "rename",
  "delete",
  "list groups",
  "list devices",
  "list tenant devices",
  "gpo file",
  "other",
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** The endpoint a logged call went to. */
export function endpointOf(entry: Pick<RequestLogEntry, "method" | "path">): Endpoint {
  const { method, path } = entry;
  if (method === "POST" && path === "/oauth/token") return "token";
  if (method === "POST" && path === "/v1/groups") return "create";
  if (method === "POST" && /^\/v1\/groups\/[^/]+:move$/.test(path)) return "move";
  if (method === "POST" && /^\/v1\/groups\/[^/]+:rename$/.test(path)) return "rename";
  if (method === "DELETE" && /^\/v1\/groups\/[^/]+$/.test(path)) return "delete";
  if (method === "GET" && path === "/v1/device_groups") return "list groups";
  if (method === "GET" && /^\/v1\/device_groups\/[^/]+\/devices$/.test(path)) return "list devices";
  // GET /v1/devices: every device with its current group (the delete guard's second device listing).
  if (method === "GET" && path === "/v1/devices") return "list tenant devices";
  if (method === "POST" && path === "/v1/gpo-sccm-files:generate") return "gpo file";
  return "other";
}

export interface CallSummary {
  /** Every API call the emulator answered (or dropped). */
  total: number;
  byEndpoint: Partial<Record<Endpoint, number>>;
  /** By status as the client got it; "0" is a dropped connection. */
  byStatus: Record<string, number>;
  /** Injected faults by kind (`503`, `drop-after`, `pending`, ...). */
  faultsByKind: Record<string, number>;
  /** 429 answers, from the rate limit or injected. */
  rateLimited: number;
  /** Calls answered 202 or resent with `response-id`. */
  pending: number;
  /** From the first call's arrival to the last's, ms (0 for fewer than two calls). */
  spanMs: number;
}

const bump = <K extends string>(counts: Partial<Record<K, number>>, key: K) =>
  (counts[key] = (counts[key] ?? 0) + 1);

export function summarizeCalls(log: readonly RequestLogEntry[]): CallSummary {
  const summary: CallSummary = {
    total: log.length,
    byEndpoint: {},
    byStatus: {},
    faultsByKind: {},
    rateLimited: 0,
    pending: 0,
    spanMs: 0,
  };
  for (const entry of log) {
    bump(summary.byEndpoint, endpointOf(entry));
    bump(summary.byStatus, String(entry.status));
    if (entry.fault) bump(summary.faultsByKind, entry.fault);
    if (entry.status === 429) summary.rateLimited++;
    if (entry.pending) summary.pending++;
  }
  if (log.length > 1) {
    // A loop, not Math.max(...times): the log may hold 100,000 entries.
    let first = Infinity;
    let last = -Infinity;
    for (const entry of log) {
      const t = Date.parse(entry.time);
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    summary.spanMs = last - first;
  }
  return summary;
}

/** "create 100, token 1, list groups 2" in the ENDPOINTS order. */
export function formatEndpoints(byEndpoint: Partial<Record<Endpoint, number>>): string {
  const parts = ENDPOINTS.filter((e) => byEndpoint[e]).map((e) => `${e} ${byEndpoint[e]}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}
