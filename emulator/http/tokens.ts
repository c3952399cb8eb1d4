import { randomBytes } from "node:crypto";
import type { CloudStore } from "../model/cloud-store";
import { ModelError } from "../model/errors";
import type { VirtualClock } from "./clock";
import { AuthorizationError } from "./grpc-errors";

/** Who a valid access token belongs to. */
export interface Caller {
  username: string;
  tenant: string;
}

interface TokenRecord {
  username: string;
  tenant: string;
  expiresAt: number;
}

/** The OAuth token answer, as ESET sends it [spec: business-account Token, whose fields are all optional]. */
export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  /** Absent with `tokenExpiresIn: "omit"`. */
  expires_in?: number;
}

/**
 * The answer of ESET PROTECT On-Prem's `POST /GetTokens`: camelCase, no refresh token [seen:
 * maciekaz/ESET-MCP eset_mcp/auth.py, Fenrindale/eset-protect-mcp src/eset-client.ts; doc:
 * help.eset.com protect_admin using_api, "The accessToken is returned in the response"].
 */
export interface OnPremTokenAnswer {
  accessToken: string;
  /** Absent with `tokenExpiresIn: "omit"`. */
  expiresIn?: number;
}

/** A token the emulator handed out (`GET /_emulator/tokens`), so secret scans know what to look for. */
export interface IssuedToken {
  kind: "access" | "refresh";
  token: string;
  username: string;
  /** Virtual time of issue, ISO 8601. */
  issuedAt: string;
}

// Refresh tokens: single use, valid a day (assumed; ESET documents neither).
const REFRESH_LIFETIME_MS = 24 * 3600 * 1000;
// Bounded like the request log, so a long-running emulator does not grow without end.
const MAX_ISSUED = 100_000;

/** Issues and checks tokens against the virtual clock. Tokens live in memory only. */
export class TokenStore {
  private readonly access = new Map<string, TokenRecord>();
  private readonly refresh = new Map<string, TokenRecord>();
  private issued = 0;
  // Every token ever issued, spent and expired ones included: a leak of an old token is a leak too.
  private readonly history: IssuedToken[] = [];

  constructor(
    private readonly cloud: CloudStore,
    private readonly clock: VirtualClock,
    private readonly lifetimeSeconds: () => number,
    /** Whether answers carry the lifetime (`tokenExpiresIn`). */
    private readonly sendsLifetime: () => boolean = () => true,
  ) {}

  /** The cloud's answer: an access token and a refresh token. */
  issue(user: { username: string; tenant: string }): TokenAnswer {
    const access = this.newAccessToken(user);
    const refresh = randomBytes(24).toString("base64url");
    const now = this.clock.now();
    this.refresh.set(refresh, {
      username: user.username,
      tenant: user.tenant,
      expiresAt: now + REFRESH_LIFETIME_MS,
    });
    this.remember("refresh", refresh, user.username, now);
    return {
      access_token: access.token,
      refresh_token: refresh,
      token_type: "Bearer",
      ...(this.sendsLifetime() && { expires_in: access.lifetime }),
    };
  }

  /** On-Prem's answer: an access token only; a client signs in again when it expires. */
  issueOnPrem(user: { username: string; tenant: string }): OnPremTokenAnswer {
    const access = this.newAccessToken(user);
    return { accessToken: access.token, ...(this.sendsLifetime() && { expiresIn: access.lifetime }) };
  }

  private newAccessToken(user: { username: string; tenant: string }): { token: string; lifetime: number } {
    const now = this.clock.now();
    if (++this.issued % 1000 === 0) this.purgeExpired(now);
    const lifetime = this.lifetimeSeconds();
    const token = randomBytes(24).toString("base64url");
    this.access.set(token, {
      username: user.username,
      tenant: user.tenant,
      expiresAt: now + lifetime * 1000,
    });
    this.remember("access", token, user.username, now);
    return { token, lifetime };
  }

  private remember(kind: IssuedToken["kind"], token: string, username: string, now: number): void {
    this.history.push({ kind, token, username, issuedAt: new Date(now).toISOString() });
    if (this.history.length > MAX_ISSUED) this.history.splice(0, this.history.length - MAX_ISSUED);
  }

  /** Every access and refresh token issued since the emulator started (the latest 100,000), oldest first. */
  issuedTokens(): IssuedToken[] {
    return [...this.history];
  }

  /** Trades a refresh token (once) for a new pair. */
  useRefreshToken(token: string): TokenAnswer {
    const record = this.refresh.get(token);
    this.refresh.delete(token);
    if (!record || record.expiresAt <= this.clock.now() || !this.userStillExists(record)) {
      throw new ModelError(
        "bad-credentials",
        "invalid or expired refresh token: sign in again with grant_type=password",
      );
    }
    return this.issue(record);
  }

  /** Who a refresh token was issued to, for the rate limit and the log; undefined if unknown. */
  ownerOfRefreshToken(token: string | undefined): string | undefined {
    return token === undefined ? undefined : this.refresh.get(token)?.username;
  }

  /**
   * The caller of an `Authorization: Bearer` header. A missing or non-Bearer header answers 400
   * ("Bad or missing authorization" [spec: the 400 of every domain endpoint]); an unknown or expired
   * token answers `badTokenStatus` (401, "Token has expired or is invalid" [spec]; or 400).
   */
  verify(
    authorization: string | undefined,
    badTokenStatus: 400 | 401 = 401,
    signIn = "POST /oauth/token",
  ): Caller {
    if (!authorization) {
      throw new AuthorizationError(
        400,
        `missing Authorization header: send 'Authorization: Bearer <access_token>' from ${signIn}`,
      );
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) {
      throw new AuthorizationError(400, "malformed Authorization header: expected 'Bearer <access_token>'");
    }
    const record = this.access.get(match[1]);
    if (!record || !this.userStillExists(record)) {
      throw new AuthorizationError(badTokenStatus, "invalid access token");
    }
    if (record.expiresAt <= this.clock.now())
      throw new AuthorizationError(badTokenStatus, "access token expired");
    return { username: record.username, tenant: record.tenant };
  }

  // A long-running emulator signs in many times; expired tokens are useless, so drop them now and then.
  private purgeExpired(now: number): void {
    for (const store of [this.access, this.refresh]) {
      for (const [token, record] of store) if (record.expiresAt <= now) store.delete(token);
    }
  }

  // A reset keeps tokens of users that exist again afterwards (the demo user), so long-lived test
  // clients keep working across resets.
  private userStillExists(record: TokenRecord): boolean {
    return this.cloud.users.get(record.username)?.tenant === record.tenant;
  }
}
