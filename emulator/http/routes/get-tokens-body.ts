/**
 * The body of ESET PROTECT On-Prem's `POST /GetTokens`, whose exact shape nobody public agrees on.
 * Three are seen:
 * - `{ username, password, grant_type: 0 }` [doc: help.eset.com protect_admin/13.0/en-US/using_api.html,
 *   step 4, ESET's own example];
 * - `{ username, password, grant_type: "password" }` [seen: maciekaz/ESET-MCP eset_mcp/auth.py; also
 *   Fenrindale/eset-protect-mcp before its "Update ESET API compatibility" change for 13.1];
 * - `{ username, password, is_domain_user, grantType: "PASSWORD" }` [seen: Fenrindale/eset-protect-mcp
 *   src/eset-client.ts, "the 13.1 token schema" in its test].
 * The `onPremSignIn` switch plays a server that takes only one of them ("eset-doc", "grant-type-text",
 * "grant-type-camel"), or every one ("any", the default: nothing says which is real).
 *
 * A server that takes one shape answers the others as a JSON decoder refuses a body it cannot map:
 * 400 with an rpcStatus body (code 3, INVALID_ARGUMENT) whose message names the field, such as
 * `unknown field "grantType"` [assumed: On-Prem serves ESET Connect's gRPC-gateway paths, and
 * gRPC-gateway's decoder answers an unknown field or a wrong enum value so]. It does so before it
 * looks at the credentials, so a wrong body never counts as a failed sign-in [assumed]. An optional
 * boolean `is_domain_user` (Active Directory users) is taken by every shape [assumed: only
 * Fenrindale's client sends it; the others show no AD user].
 */
import { ModelError } from "../../model/errors";

export const ON_PREM_SIGN_IN = ["any", "eset-doc", "grant-type-text", "grant-type-camel"] as const;
export type OnPremSignIn = (typeof ON_PREM_SIGN_IN)[number];

type Body = Record<string, unknown>;

const shown = (value: unknown) => JSON.stringify(value);
const unknownField = (name: string) => `unknown field "${name}" in the GetTokens body`;

/** Why a server playing `mode` cannot read this body, or undefined when it can. Pure. */
export function getTokensBodyRefusal(body: Body, mode: OnPremSignIn): string | undefined {
  if (body.is_domain_user !== undefined && typeof body.is_domain_user !== "boolean") {
    return "invalid value for is_domain_user: must be true or false";
  }
  switch (mode) {
    case "any":
      return anyShapeRefusal(body);
    case "eset-doc":
      // An enum sent as its number; 0 is the password grant. Absent is its default [assumed:
      // a protobuf enum's zero value].
      if ("grantType" in body) return unknownField("grantType");
      if (body.grant_type === undefined || body.grant_type === 0) return undefined;
      return `invalid value for enum field grant_type: ${shown(body.grant_type)} (0 is the password grant)`;
    case "grant-type-text":
      if ("grantType" in body) return unknownField("grantType");
      if (body.grant_type === "password") return undefined;
      return `invalid value for grant_type: ${shown(body.grant_type ?? null)} (a text, "password")`;
    case "grant-type-camel":
      if ("grant_type" in body) return unknownField("grant_type");
      if (body.grantType === "PASSWORD") return undefined;
      return `invalid value for enum field grantType: ${shown(body.grantType ?? null)} ("PASSWORD")`;
  }
}

/** Every shape at once: grant_type "password" or 0, grantType "PASSWORD" (without case), or none. */
function anyShapeRefusal(body: Body): string | undefined {
  const grant = body.grant_type ?? body.grantType;
  const isPassword =
    grant === undefined || grant === 0 || (typeof grant === "string" && grant.toLowerCase() === "password");
  return isPassword
    ? undefined
    : `grant_type must be "password" (or grantType "PASSWORD", or 0) (got ${shown(grant)})`;
}

/** Throws the 400 a server playing `mode` answers to a body it cannot read. */
export function checkGetTokensBody(body: Body, mode: OnPremSignIn): void {
  const refusal = getTokensBodyRefusal(body, mode);
  if (refusal !== undefined) throw new ModelError("invalid", refusal);
}
