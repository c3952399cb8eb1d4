import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import type { Identity } from "../pipeline";

/** The caller of a Bearer-authenticated API call. */
export function bearerCaller(ctx: EmulatorContext): (request: FastifyRequest) => Identity {
  return (request) => {
    const settings = ctx.settings();
    const signIn = settings.deployment === "on-prem" ? "POST /GetTokens" : "POST /oauth/token";
    return ctx.tokens.verify(request.headers.authorization, settings.badTokenStatus, signIn);
  };
}

export function tenantOf(identity: Identity): string {
  if (identity.tenant === undefined) throw new Error("authenticated call without a tenant");
  return identity.tenant;
}

/** The JSON object body of a call, or a 400 saying what to send. */
export function jsonObjectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body) || !isJson(request)) {
    throw new HttpError(400, "the request body must be a JSON object sent as application/json");
  }
  return body as Record<string, unknown>;
}

function isJson(request: FastifyRequest): boolean {
  return (request.headers["content-type"] ?? "").toLowerCase().startsWith("application/json");
}

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  return request.query as Record<string, string | undefined>;
}

export function objectField(
  body: Record<string, unknown>,
  field: string,
): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    throw new HttpError(400, `${field} must be a JSON object`);
  return value as Record<string, unknown>;
}
