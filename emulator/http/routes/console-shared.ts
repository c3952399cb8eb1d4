import type { FastifyReply, FastifyRequest } from "fastify";
import { DEMO_TENANT } from "../../model/cloud-store";
import { HttpError, toErrorResponse } from "../grpc-errors";
import { send } from "../pipeline";
import { queryOf } from "./shared";

/** Runs a console action: model errors answer as the API's would in the default mode (400/404/403). */
export function answer(reply: FastifyReply, work: () => unknown): void {
  try {
    send(reply, { status: 200, body: work() ?? {} });
  } catch (e) {
    send(reply, toErrorResponse(e, 400));
  }
}

/** `?tenant=` names the tenant; default demo. */
export function tenantOf(request: FastifyRequest): string {
  return queryOf(request).tenant ?? DEMO_TENANT;
}

/** `{uuid}:verb` of a path segment. */
export function consoleTarget(
  segment: string,
  verbs: string[],
  what: string,
): { uuid: string; verb: string } {
  const colon = segment.lastIndexOf(":");
  const verb = colon > 0 ? segment.slice(colon + 1) : "";
  if (!verbs.includes(verb)) {
    throw new HttpError(
      404,
      `no such console operation on ${what} ${segment}: use ${verbs.map((v) => `{uuid}:${v}`).join(" or ")}`,
    );
  }
  return { uuid: segment.slice(0, colon), verb };
}
