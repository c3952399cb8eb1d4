import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import { errorResponse } from "../grpc-errors";
import { marshalBody } from "../json-zero-values";
import { send } from "../pipeline";
import type { Deployment } from "../settings";

/**
 * The answer to a path the server does not serve: 404 in the gRPC error shape. ESET PROTECT On-Prem
 * answers a cloud-only call with "a plain 404" [seen: maciekaz/ESET-MCP README, "What works on
 * on-prem vs cloud"; Fenrindale/eset-protect-mcp src/eset-client.ts retries `:renameDevice` after a
 * 404 on-prem]; its body is not shown anywhere, so the emulator keeps its usual error shape
 * [assumed]. Answered before authentication, as a router does.
 */
export function sendNoSuchEndpoint(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): void {
  const answer = errorResponse(404, `no such endpoint: ${request.method} ${request.url.split("?")[0]}`);
  send(reply, { ...answer, body: marshalBody(answer.body, ctx.settings().jsonZeroValues) });
}

/**
 * Whether this path exists only on another deployment; if so, answers it as an unknown endpoint.
 * On-Prem lacks group delete and the installer calls (cloud-only in both public clients:
 * Fenrindale/eset-protect-mcp `requireCloud("deleteGroup")`, `requireCloud("generateGpoSccmFile")`,
 * README "Cloud-Only Tools") and `/oauth/token`; the cloud lacks `/GetTokens`.
 */
export function notServedOnThisDeployment(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  servedOn: Deployment,
): boolean {
  if (ctx.settings().deployment === servedOn) return false;
  sendNoSuchEndpoint(ctx, request, reply);
  return true;
}
