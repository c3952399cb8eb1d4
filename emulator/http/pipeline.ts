import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { endpointOf } from "./endpoints";
import { drops, failsAfter, failsBefore, faultResponse } from "./faults";
import { errorResponse, toErrorResponse, type ApiResponse } from "./grpc-errors";
import { marshalBody } from "./json-zero-values";

/** Who is calling, for the rate limit, the log and pending ownership. */
export interface Identity {
  /** The token's user, or the form's username for `/oauth/token`; null when there is none. */
  username: string | null;
  tenant?: string;
}

/** One API operation: how to find its caller and what it does. */
export interface ApiOperation {
  /** May throw HttpError(401) (answered at once, not rate limited). */
  identify(request: FastifyRequest): Identity;
  /** The work; model errors become error answers. */
  run(identity: Identity): ApiResponse;
  /**
   * The OAuth service: its user errors answer 4xx as its own page says [doc: error_codes, "4xx for
   * bad credentials"], never `userErrorStatus` (which is about the domain services).
   */
  authentication?: boolean;
}

/** Per-request notes the request log reads when the answer is sent. */
export interface CallNotes {
  requestId: string;
  /** Virtual time of arrival. */
  arrivedAt: number;
  user: string | null;
  fault?: string;
  pending?: boolean;
  dropped?: boolean;
  /** Set once the call is in the request log (a dropped call is logged before its socket closes). */
  logged?: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    callNotes: CallNotes;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The path every API call takes: latency, auth, rate limit, faults, pending, the work, and the
 * faults that strike after the work. Each concern lives in its own file; this only orders them.
 */
export async function handleApiCall(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  operation: ApiOperation,
): Promise<void> {
  const settings = ctx.settings();
  const notes = request.callNotes;
  // Every answer of a gateway service, errors included, goes through its one JSON marshaller; the
  // OAuth service is a plain OAuth endpoint, not a gateway service [assumed], and keeps its fields.
  const send = (reply: FastifyReply, response: ApiResponse) =>
    sendAnswer(
      reply,
      operation.authentication
        ? response
        : { ...response, body: marshalBody(response.body, settings.jsonZeroValues) },
    );
  const slow = settings.latencyMs > settings.pending.slowerThanMs;
  if (settings.latencyMs > 0 && !slow) await sleep(settings.latencyMs);

  const userErrorStatus = operation.authentication ? 400 : settings.userErrorStatus;
  let identity: Identity;
  try {
    identity = operation.identify(request);
  } catch (e) {
    return send(reply, toErrorResponse(e, userErrorStatus));
  }
  notes.user = identity.username;

  const now = ctx.clock.now();
  const verdict = ctx.limiter.check(
    identity.username ?? `ip:${request.ip}`,
    now,
    settings.rateLimit.perSecond,
  );
  if (!verdict.accepted) {
    const headers = settings.rateLimit.retryAfter
      ? { "retry-after": String(verdict.retryAfterSeconds) }
      : undefined;
    return send(
      reply,
      errorResponse(
        429,
        `rate limit exceeded: at most ${settings.rateLimit.perSecond} calls per second per user`,
        headers,
      ),
    );
  }

  const path = request.url.split("?")[0];
  const responseId = headerValue(request.headers["response-id"]);
  const fault = ctx.faults.draw(
    { method: request.method, path, isResend: responseId !== undefined },
    settings.faults,
  );
  if (fault) notes.fault = fault.kind;
  if (fault && failsBefore(fault.kind))
    return drops(fault.kind) ? drop(ctx, request, reply) : send(reply, faultResponse(fault.kind));

  const execute = () => {
    try {
      return operation.run(identity);
    } catch (e) {
      return toErrorResponse(e, userErrorStatus);
    }
  };
  const caller = identity.username ?? "";
  let response: ApiResponse;
  if (responseId !== undefined) {
    notes.pending = true;
    response = ctx.pending.resend(responseId, fingerprint(request, path), caller, now, userErrorStatus);
  } else if (
    fault?.kind === "pending" ||
    slow ||
    (settings.pending.rate > 0 && ctx.random() < settings.pending.rate)
  ) {
    notes.pending = true;
    response = ctx.pending.start(
      fingerprint(request, path),
      caller,
      now,
      fault?.polls ?? settings.pending.polls,
      execute,
    );
  } else {
    response = execute();
  }

  if (fault && failsAfter(fault.kind))
    return drops(fault.kind) ? drop(ctx, request, reply) : send(reply, faultResponse(fault.kind));
  return send(reply, response);
}

export function send(reply: FastifyReply, response: ApiResponse): void {
  sendAnswer(reply, response);
}

function sendAnswer(reply: FastifyReply, response: ApiResponse): void {
  if (response.status === 202) reply.request.callNotes.pending = true;
  reply.code(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
  reply.type(response.contentType ?? "application/json");
  reply.send(typeof response.body === "string" ? response.body : JSON.stringify(response.body));
}

/** Destroys the connection, so the client sees a reset and no answer. */
function drop(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): void {
  request.callNotes.dropped = true;
  recordCall(ctx, request, 0);
  reply.hijack();
  request.raw.socket.destroy();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Identity of a request for pending resends: method, path, query and body (the token may differ). */
function fingerprint(request: FastifyRequest, path: string): string {
  const canonical = JSON.stringify([
    request.method,
    path,
    sortKeys(request.query),
    sortKeys(request.body ?? null),
  ]);
  // Hashed so no form password lingers in memory longer than the request.
  return createHash("sha256").update(canonical).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Adds the call to the request log, once. */
export function recordCall(ctx: EmulatorContext, request: FastifyRequest, status: number): void {
  const notes = request.callNotes;
  if (notes.logged) return;
  notes.logged = true;
  const path = request.url.split("?")[0];
  ctx.requestLog.add({
    time: new Date(notes.arrivedAt).toISOString(),
    method: request.method,
    path,
    query: { ...(request.query as Record<string, string>) },
    endpoint: endpointOf(request.method, path),
    status: notes.dropped ? 0 : status,
    user: notes.user,
    requestId: notes.requestId,
    ...(notes.fault !== undefined && { fault: notes.fault }),
    ...(notes.pending && { pending: true }),
  });
}
