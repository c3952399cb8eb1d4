import type { FastifyInstance, FastifyRequest } from "fastify";
import { ModelError } from "../../model/errors";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import { handleApiCall } from "../pipeline";
import { notServedOnThisDeployment } from "./deployment";
import { checkGetTokensBody } from "./get-tokens-body";
import { jsonObjectBody } from "./shared";

function form(request: FastifyRequest): Record<string, unknown> {
  const type = (request.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new HttpError(415, "POST /oauth/token takes an application/x-www-form-urlencoded body");
  }
  return (request.body ?? {}) as Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The authentication service. Cloud: `POST /oauth/token` with the password and refresh grants
 * [doc]. On-Prem: `POST /GetTokens` with a JSON body (its shape: get-tokens-body.ts), answering
 * camelCase `accessToken` / `expiresIn` and no refresh token [seen: both public clients; doc: using_api].
 */
export function authenticationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/GetTokens", (request, reply) => {
    if (notServedOnThisDeployment(ctx, request, reply, "on-prem")) return;
    return handleApiCall(ctx, request, reply, {
      authentication: true,
      identify: (req) => {
        const username = text(jsonObjectBody(req).username);
        return { username: username ?? null };
      },
      run: () => {
        // The body is read before the credentials are checked: a shape the server does not take
        // is refused whatever the password (get-tokens-body.ts, switch onPremSignIn). The emulator
        // has no Active Directory: is_domain_user changes nothing [assumed].
        const body = jsonObjectBody(request);
        checkGetTokensBody(body, ctx.settings().onPremSignIn);
        const username = text(body.username);
        const password = text(body.password);
        if (!username || !password) {
          throw new ModelError("invalid", 'POST /GetTokens needs { "username", "password" }');
        }
        const user = ctx.cloud.authenticate(username, password);
        return { status: 200, body: ctx.tokens.issueOnPrem(user) };
      },
    });
  });

  app.post("/oauth/token", (request, reply) => {
    if (notServedOnThisDeployment(ctx, request, reply, "cloud")) return;
    return handleApiCall(ctx, request, reply, {
      authentication: true,
      identify: (req) => {
        const body = form(req);
        const username = text(body.username) ?? ctx.tokens.ownerOfRefreshToken(text(body.refresh_token));
        return { username: username ?? null };
      },
      run: () => {
        const body = form(request);
        switch (body.grant_type) {
          case "password": {
            const username = text(body.username);
            const password = text(body.password);
            if (!username || !password) {
              throw new ModelError("invalid", "grant_type=password needs username and password");
            }
            const user = ctx.cloud.authenticate(username, password);
            return { status: 200, body: ctx.tokens.issue(user) };
          }
          case "refresh_token": {
            const token = text(body.refresh_token);
            if (!token) throw new ModelError("invalid", "grant_type=refresh_token needs refresh_token");
            return { status: 200, body: ctx.tokens.useRefreshToken(token) };
          }
          default:
            throw new ModelError(
              "invalid",
              `grant_type must be "password" or "refresh_token" (got ${JSON.stringify(body.grant_type ?? null)})`,
            );
        }
      },
    });
  });
}
