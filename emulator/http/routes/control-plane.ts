import type { FastifyInstance, FastifyReply } from "fastify";
import { isModelError } from "../../model/errors";
import { applySeed } from "../../model/seed";
import type { EmulatorContext } from "../context";
import { errorResponse } from "../grpc-errors";
import { send } from "../pipeline";
import { SettingsError } from "../settings";

/** Runs a control-plane action; bad input becomes a 400 naming the field. */
function answer(reply: FastifyReply, work: () => unknown): void {
  try {
    send(reply, { status: 200, body: work() ?? {} });
  } catch (e) {
    if (isModelError(e) || e instanceof SettingsError) return send(reply, errorResponse(400, e.message));
    throw e;
  }
}

/**
 * `/_emulator/*`: how tests and users steer the emulator. No auth, no rate limit, no faults, not
 * logged.
 */
export function controlPlaneRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/_emulator/reset", (_request, reply) => answer(reply, () => ctx.reset()));

  app.post("/_emulator/seed", (request, reply) =>
    answer(reply, () => {
      applySeed(ctx.cloud, request.body);
      return ctx.cloud.state();
    }),
  );

  app.get("/_emulator/state", (_request, reply) => answer(reply, () => ctx.cloud.state()));

  app.get("/_emulator/settings", (_request, reply) => answer(reply, () => ctx.settings()));
  app.put("/_emulator/settings", (request, reply) => answer(reply, () => ctx.updateSettings(request.body)));

  app.get("/_emulator/requests", (_request, reply) =>
    answer(reply, () => ({ requests: ctx.requestLog.list() })),
  );
  // For secret scans: what to look for in logs, state files and errors. Not cleared by reset, since a
  // token issued before a reset must not leak after it either.
  app.get("/_emulator/tokens", (_request, reply) =>
    answer(reply, () => ({ tokens: ctx.tokens.issuedTokens() })),
  );
  app.delete("/_emulator/requests", (_request, reply) => answer(reply, () => ctx.requestLog.clear()));

  app.post("/_emulator/clock", (request, reply) =>
    answer(reply, () => {
      const advanceMs = (request.body as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (typeof advanceMs !== "number" || !Number.isFinite(advanceMs) || advanceMs < 0) {
        throw new SettingsError(
          'advanceMs must be a number of milliseconds >= 0, e.g. { "advanceMs": 121000 }',
        );
      }
      ctx.clock.advance(advanceMs);
      return { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs };
    }),
  );
  app.get("/_emulator/clock", (_request, reply) =>
    answer(reply, () => ({ now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs })),
  );
}
