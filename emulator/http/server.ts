import { randomUUID } from "node:crypto";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { errorResponse, HttpError } from "./grpc-errors";
import { recordCall, send } from "./pipeline";
import { assetManagementRoutes } from "./routes/asset-management";
import { authenticationRoutes } from "./routes/authentication";
import { consoleRoutes } from "./routes/console";
import { consolePolicyRoutes } from "./routes/console-policies";
import { controlPlaneRoutes } from "./routes/control-plane";
import { deviceManagementRoutes } from "./routes/device-management";
import { installerManagementRoutes } from "./routes/installer-management";
import { policyManagementRoutes } from "./routes/policy-management";
import { sendNoSuchEndpoint } from "./routes/deployment";

const CONTROL_PLANE = "/_emulator/";

function isControlPlane(request: FastifyRequest): boolean {
  return request.url.startsWith(CONTROL_PLANE);
}

/** The fastify app serving every ESET Connect service and the control plane from one origin. */
export async function buildServer(ctx: EmulatorContext): Promise<FastifyInstance> {
  // Long path segments must reach the handlers, so an over-long uuid gets the API's own 400/403
  // ("maxLength: 100" [spec]) rather than fastify's 414.
  const app = Fastify({
    logger: false,
    bodyLimit: 50 * 1024 * 1024,
    routerOptions: { maxParamLength: 2048 },
  });
  await app.register(formbody);
  // An empty JSON body counts as none (a DELETE may carry the header without a body); bad JSON is
  // a 400 in the API's error shape.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new HttpError(400, `the request body is not valid JSON: ${(e as Error).message}`), undefined);
    }
  });
  // Any other body type reaches the handlers as text, so they can answer 415 (oauth) or 400 in the
  // API's error shape instead of fastify's.
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  app.decorateRequest("callNotes", undefined as never);
  app.addHook("onRequest", async (request, reply) => {
    const requestId = randomUUID();
    request.callNotes = { requestId, user: null, arrivedAt: ctx.clock.now() };
    reply.header("request-id", requestId);
  });
  app.addHook("onResponse", async (request, reply) => {
    if (!isControlPlane(request)) recordCall(ctx, request, reply.statusCode);
  });

  app.setErrorHandler((error: { statusCode?: number; status?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? error.status ?? 500;
    if (status >= 500) console.error(`emulator: ${request.method} ${request.url} failed:`, error);
    send(
      reply,
      errorResponse(
        status >= 400 && status < 500 ? status : 500,
        status >= 500 ? "internal error" : error.message,
      ),
    );
  });
  app.setNotFoundHandler((request, reply) => sendNoSuchEndpoint(ctx, request, reply));

  authenticationRoutes(app, ctx);
  assetManagementRoutes(app, ctx);
  deviceManagementRoutes(app, ctx);
  installerManagementRoutes(app, ctx);
  policyManagementRoutes(app, ctx);
  controlPlaneRoutes(app, ctx);
  consoleRoutes(app, ctx);
  consolePolicyRoutes(app, ctx);
  return app;
}
