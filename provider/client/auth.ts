/**
 * Authentication: password grant, refreshed ahead of expiry with the refresh token (falling back
 * to the password grant), one token request in flight at a time however many calls wait for it,
 * and one renewal and resend after a 401 (or a 400 that says the token is bad: isBadTokenAnswer).
 * On-Prem signs in with `POST /GetTokens` in whichever body the server takes (on-prem-sign-in.ts).
 * Tokens are cached per process on globalThis, keyed by
 * the auth base URL, username and a hash of the password, so every client and every copy of this
 * module with the same credentials shares them.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { AuthError, isEsetConnectError, OperationInfo, ResponseValidationError } from "./errors";
import { ApiRequest, ApiResponse, Send } from "./http";
import { errorFromResponse, STATUS_TEXT } from "./failures";
import {
  isBodyNotUnderstood,
  noShapeUnderstood,
  onPremSignInBody,
  rememberShape,
  shapesToTry,
} from "./on-prem-sign-in";
import { ClientMetrics } from "./observe";
import { processWide } from "../../shared/process-wide";

/** The cached tokens of one user; the shape is shared with other copies of this module. */
interface TokenSlot {
  token?: { accessToken: string; refreshToken?: string; expiresAt: number };
  inFlight?: Promise<string>;
  /** Tokens issued recently, kept so that redaction knows them after a renewal. */
  recent: string[];
}

const RECENT_TOKENS_KEPT = 20;

function tokenSlot(key: string): TokenSlot {
  const cache = processWide("tokens.v1", () => new Map<string, TokenSlot>());
  let slot = cache.get(key);
  if (!slot) {
    slot = { recent: [] };
    cache.set(key, slot);
  }
  return slot;
}

/**
 * The lifetime assumed when a token answer has no `expires_in`: ESET's Token schema requires no
 * field, and public clients (maciekaz/ESET-MCP `eset_mcp/auth.py`) fall back to an hour. If the
 * token dies sooner, the 401 (or 400) it meets renews it once.
 */
export const DEFAULT_TOKEN_LIFETIME_S = 3600;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().default(DEFAULT_TOKEN_LIFETIME_S),
});

/** On-Prem's `/GetTokens` answer (camelCase, no refresh token). */
const onPremTokenResponse = z.object({
  accessToken: z.string().min(1),
  expiresIn: z.coerce.number().positive().default(DEFAULT_TOKEN_LIFETIME_S),
});

type ParseToken = (
  body: unknown,
) => { success: true; data: ParsedToken } | { success: false; error: z.ZodError };

/** One answer of the token endpoint, with when it was asked. */
interface TokenExchange {
  response: ApiResponse;
  retries: number;
  startedAt: number;
}

interface ParsedToken {
  accessToken: string;
  refreshToken?: string;
  /** Seconds. */
  expiresIn: number;
}

/** gRPC's UNAUTHENTICATED, the code of ESET's bad-authorization bodies. */
const GRPC_UNAUTHENTICATED = 16;
const BAD_AUTHORIZATION_WORDS =
  /bad or missing authori[sz]ation|token has expired|expired (access )?token|invalid (access )?token|access token (expired|is invalid)|unauthenticated/i;

/**
 * Whether an answer refuses the token itself: a 401, or a 400 whose body says so. ESET's spec lists
 * "400: Bad or missing authorization" next to "401: Token has expired or is invalid" on every
 * endpoint, so a bad token may come back as a 400; it is told from a validation error by the body's
 * gRPC code 16 (UNAUTHENTICATED, also as the name) or ESET's wording.
 */
export function isBadTokenAnswer(response: ApiResponse): boolean {
  if (response.status === 401) return true;
  if (response.status !== 400) return false;
  const body = response.body;
  if (typeof body === "string") return BAD_AUTHORIZATION_WORDS.test(body);
  if (typeof body !== "object" || body === null) return false;
  const { code, message, error } = body as Record<string, unknown>;
  if (code === GRPC_UNAUTHENTICATED || code === "UNAUTHENTICATED" || code === String(GRPC_UNAUTHENTICATED))
    return true;
  return [message, error].some((text) => typeof text === "string" && BAD_AUTHORIZATION_WORDS.test(text));
}

/**
 * How long before expiry a token is renewed: a fifth of its lifetime, at most 60 s, so that a
 * call never leaves with a token that expires on the way.
 */
export function refreshAheadMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 5);
}

export interface TokenManagerOptions {
  authBaseUrl: string;
  /** ESET PROTECT On-Prem: sign in with `POST /GetTokens` (no refresh token). */
  onPrem?: { domainUser: boolean };
  username: string;
  password: string;
  now: () => number;
  /** Sends a token request through limiter, retries and pending handling; returns the final response. */
  requestToken: (
    request: ApiRequest,
    operation: OperationInfo,
  ) => Promise<{ response: ApiResponse; retries: number }>;
  metrics: ClientMetrics;
  secrets: () => Iterable<string>;
}

export class TokenManager {
  readonly #slot: TokenSlot;
  private readonly operation: OperationInfo;

  // Private (#): these options hold the password.
  readonly #options: TokenManagerOptions;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
    // The password's hash is part of the key: a client given a wrong password must not borrow
    // the token another client obtained with the right one.
    const fingerprint = createHash("sha256").update(options.password).digest("base64url");
    this.#slot = tokenSlot(`${options.authBaseUrl}\n${options.username}\n${fingerprint}`);
    this.operation = { name: "signIn", description: `signing in to ESET Connect as ${options.username}` };
  }

  /** Access and refresh tokens this process holds for the user, for redaction. */
  knownTokens(): string[] {
    return this.#slot.recent;
  }

  /** A token valid for a while yet; signs in or refreshes first when needed. */
  async accessToken(): Promise<string> {
    const token = this.#slot.token;
    if (token && this.#options.now() < token.expiresAt) return token.accessToken;
    return this.renew();
  }

  /**
   * After a 401 (or a bad-token 400) with `rejected`: renew unless another call already did, and
   * return the token to use.
   */
  async renewAfter401(rejected: string): Promise<string> {
    const token = this.#slot.token;
    if (token && token.accessToken !== rejected && this.#options.now() < token.expiresAt)
      return token.accessToken;
    if (token && token.accessToken === rejected) token.expiresAt = -Infinity; // keep its refresh token
    if (!this.#slot.inFlight) this.#options.metrics.tokenRenewalsAfter401++;
    return this.renew();
  }

  /** One token request in flight per user: concurrent callers share its result. */
  private renew(): Promise<string> {
    if (!this.#slot.inFlight) {
      const request = this.obtain().finally(() => {
        this.#slot.inFlight = undefined;
      });
      this.#slot.inFlight = request;
    }
    return this.#slot.inFlight;
  }

  private async obtain(): Promise<string> {
    if (this.#options.onPrem) return this.grantOnPrem(this.#options.onPrem.domainUser);
    const refreshToken = this.#slot.token?.refreshToken;
    if (refreshToken) {
      try {
        return await this.grant({ grant_type: "refresh_token", refresh_token: refreshToken });
      } catch (error) {
        // A refused or expired refresh token is expected after a long pause: sign in again.
        if (!isEsetConnectError(error)) throw error;
      }
    }
    return this.grant({
      grant_type: "password",
      username: this.#options.username,
      password: this.#options.password,
    });
  }

  private async grant(form: Record<string, string>): Promise<string> {
    return this.signIn({ service: "auth", method: "POST", path: "/oauth/token", form }, (body) => {
      const parsed = tokenResponse.safeParse(body);
      return parsed.success
        ? {
            success: true,
            data: {
              accessToken: parsed.data.access_token,
              refreshToken: parsed.data.refresh_token,
              expiresIn: parsed.data.expires_in,
            },
          }
        : parsed;
    });
  }

  /**
   * ESET PROTECT On-Prem's sign-in: `POST /GetTokens` with a JSON body, answering camelCase
   * `accessToken` / `expiresIn` and no refresh token. Which body the server takes is unknown: each
   * published shape is tried in turn (on-prem-sign-in.ts), the next only after an answer that says
   * the body was not understood, and the shape that worked is remembered for the process. Each try
   * counts in metrics.tokenRequests.
   */
  private async grantOnPrem(
    domainUser: boolean,
    shapes = shapesToTry(this.#options.authBaseUrl),
  ): Promise<string> {
    const [shape, ...others] = shapes;
    const credentials = { username: this.#options.username, password: this.#options.password, domainUser };
    const json = onPremSignInBody(shape, credentials);
    const exchange = await this.exchange({ service: "auth", method: "POST", path: "/GetTokens", json });
    if (isBodyNotUnderstood(exchange.response)) {
      if (others.length > 0) return this.grantOnPrem(domainUser, others as typeof shapes);
      throw this.noShapeUnderstood(exchange);
    }
    const token = this.accept(exchange, (body) => {
      const parsed = onPremTokenResponse.safeParse(body);
      return parsed.success
        ? { success: true, data: { accessToken: parsed.data.accessToken, expiresIn: parsed.data.expiresIn } }
        : parsed;
    });
    rememberShape(this.#options.authBaseUrl, shape);
    return token;
  }

  private async signIn(request: ApiRequest, parse: ParseToken): Promise<string> {
    return this.accept(await this.exchange(request), parse);
  }

  /** Sends one token request (counted) through the retry loop. */
  private async exchange(request: ApiRequest): Promise<TokenExchange> {
    this.#options.metrics.tokenRequests++;
    const startedAt = this.#options.now();
    const { response, retries } = await this.#options.requestToken(request, this.operation);
    return { response, retries, startedAt };
  }

  /** The token of a successful answer, kept for the user; an error for any other. */
  private accept({ response, retries, startedAt }: TokenExchange, parse: ParseToken): string {
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(response, this.operation, retries, this.#options.secrets());
    }
    const parsed = parse(response.body);
    if (!parsed.success) {
      // Issues name fields only: the body holds tokens.
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
      throw new ResponseValidationError(
        `ESET Connect's token endpoint answered in an unexpected shape while ${this.operation.description}: ${issues.join("; ")}${response.requestId ? ` (request-id ${response.requestId})` : ""}`,
        { operation: "signIn", requestId: response.requestId, issues },
      );
    }
    const lifetimeMs = parsed.data.expiresIn * 1000;
    const token = {
      accessToken: parsed.data.accessToken,
      refreshToken: parsed.data.refreshToken ?? this.#slot.token?.refreshToken,
      // Measured from when we asked, not when the answer came: the server's clock started earlier.
      expiresAt: startedAt + lifetimeMs - refreshAheadMs(lifetimeMs),
    };
    this.#slot.token = token;
    this.remember(token.accessToken);
    if (token.refreshToken) this.remember(token.refreshToken);
    return token.accessToken;
  }

  /** The error when the server understood none of the sign-in bodies: not a credentials problem. */
  private noShapeUnderstood({ response, retries }: TokenExchange): AuthError {
    const base = errorFromResponse(response, this.operation, retries, this.#options.secrets());
    const message =
      `${base.status} ${STATUS_TEXT[base.status] ?? "Error"} while ${this.operation.description}: ${noShapeUnderstood()}` +
      `${base.apiMessage ? ` (ESET: ${base.apiMessage})` : ""}${base.requestId ? ` (request-id ${base.requestId})` : ""}`;
    return new AuthError(message, { ...base, operation: this.operation });
  }

  private remember(secret: string): void {
    if (this.#slot.recent.includes(secret)) return;
    this.#slot.recent.push(secret);
    if (this.#slot.recent.length > RECENT_TOKENS_KEPT) this.#slot.recent.shift();
  }
}

/** Adds the bearer token to every exchange; on a 401 or a bad-token 400, renews once and resends. */
export function authorized(send: Send, tokens: TokenManager): Send {
  return async (request, context) => {
    const token = await tokens.accessToken();
    const first = await send(withBearer(request, token), context);
    if (!isBadTokenAnswer(first)) return first;
    const renewed = await tokens.renewAfter401(token);
    return send(withBearer(request, renewed), context);
  };
}

function withBearer(request: ApiRequest, token: string): ApiRequest {
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}
