/**
 * The body of ESET PROTECT On-Prem's `POST /GetTokens`, which nobody public agrees on: the client
 * tries each published shape in turn, moves on only when the server says it did not understand the
 * body, and remembers per process and server which shape it took, so later sign-ins take one call.
 */
import { ApiResponse } from "./http";
import { parseErrorBody } from "./failures";
import { processWide } from "../../shared/process-wide";

/**
 * The shapes, in the order they are tried:
 * 1. "eset-doc", `grant_type: 0`: ESET's own example (help.eset.com
 *    protect_admin/13.0/en-US/using_api.html, step 4). The vendor's documented form comes first; it is
 *    also the one a protobuf-backed server (On-Prem serves ESET Connect's gRPC-gateway paths) reads
 *    whatever its enum's names are, since 0 is an enum's number on the wire.
 * 2. "grant-type-camel", `grantType: "PASSWORD"` with `is_domain_user` (Fenrindale/eset-protect-mcp
 *    src/eset-client.ts): that client sent `grant_type: "password"` before and moved to this body in
 *    its change for On-Prem 13.1, the version this product targets, so it reflects a newer server.
 * 3. "grant-type-text", `grant_type: "password"` (maciekaz/ESET-MCP eset_mcp/auth.py, which says it
 *    was checked against Fenrindale's earlier body, not against a server): the weakest evidence.
 */
export const ON_PREM_SIGN_IN_SHAPES = ["eset-doc", "grant-type-camel", "grant-type-text"] as const;
export type OnPremSignInShape = (typeof ON_PREM_SIGN_IN_SHAPES)[number];

/** What ESET's page calls each shape, for the error when none was understood. */
const DESCRIBED: Record<OnPremSignInShape, string> = {
  "eset-doc": "grant_type 0",
  "grant-type-camel": 'grantType "PASSWORD"',
  "grant-type-text": 'grant_type "password"',
};

export interface OnPremCredentials {
  username: string;
  password: string;
  domainUser: boolean;
}

/**
 * The JSON body of one shape. `is_domain_user` is part of Fenrindale's body; the two others show no
 * Active Directory user, so there it is sent only when true (a server that reads those bodies may
 * not know the field).
 */
export function onPremSignInBody(shape: OnPremSignInShape, c: OnPremCredentials): Record<string, unknown> {
  const credentials = { username: c.username, password: c.password };
  const domainFlag = c.domainUser ? { is_domain_user: true } : {};
  switch (shape) {
    case "eset-doc":
      return { ...credentials, grant_type: 0, ...domainFlag };
    case "grant-type-camel":
      return { ...credentials, is_domain_user: c.domainUser, grantType: "PASSWORD" };
    case "grant-type-text":
      return { ...credentials, grant_type: "password", ...domainFlag };
  }
}

const NOT_UNDERSTOOD =
  /unknown field|invalid value|unmarshal|cannot be (converted|parsed)|syntax error|grant_?type|is_?domain_?user/i;
// "password" alone is not enough: it is also the grant's own value ("expected password").
const ABOUT_CREDENTIALS =
  /(wrong|invalid|incorrect|bad|unknown) (user ?name|password|user)|user ?name or password|credential|log ?in failed|authentication failed|locked|disabled/i;

/**
 * Whether a sign-in answer says the body was not understood, the only answer that moves the client
 * to the next shape: a 400 (or a 403, a user error under ESET's "403: All user errors") whose message
 * names a field of the grant or a decoding failure, and says nothing of the credentials. Anything
 * else stops: bad credentials must not be tried again in other bodies (a lockout counts each try),
 * and 429 / 5xx reach here only after the retry loop gave up.
 */
export function isBodyNotUnderstood(response: ApiResponse): boolean {
  if (response.status !== 400 && response.status !== 403) return false;
  const { apiMessage } = parseErrorBody(response.body);
  return apiMessage !== undefined && NOT_UNDERSTOOD.test(apiMessage) && !ABOUT_CREDENTIALS.test(apiMessage);
}

const remembered = () => processWide("onPremSignInShape.v1", () => new Map<string, OnPremSignInShape>());

/** The shapes to try for this server: the one it took before first, then the rest in order. */
export function shapesToTry(serverUrl: string): [OnPremSignInShape, ...OnPremSignInShape[]] {
  const known = remembered().get(serverUrl) ?? ON_PREM_SIGN_IN_SHAPES[0];
  return [known, ...ON_PREM_SIGN_IN_SHAPES.filter((s) => s !== known)];
}

/** Records the shape this server took, for every later sign-in of the process. */
export function rememberShape(serverUrl: string, shape: OnPremSignInShape): void {
  remembered().set(serverUrl, shape);
}

/** Why the sign-in failed when the server understood none of the shapes (ends the error message). */
export function noShapeUnderstood(): string {
  const tried = ON_PREM_SIGN_IN_SHAPES.map((s) => DESCRIBED[s]).join(", ");
  return `the server understood none of the sign-in bodies this client knows (${tried}); check that eset:serverUrl is an ESET PROTECT On-Prem server with its REST API enabled, and report the server's version and this message`;
}
