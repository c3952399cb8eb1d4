/**
 * Turns a final error response or a transport failure into the error a user reads: status and
 * its meaning, what the client was doing (group names and uuids), the API's own message, and the
 * request-id. Secrets are removed from everything the server or the network library said.
 */
import { ApiError, ApiErrorDetails, AuthError, NetworkError, OperationInfo, RateLimitError } from "./errors";
import { ApiResponse, TransportFailure } from "./http";
import { redact } from "./redact";

export const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Access denied",
  404: "Not found",
  409: "Conflict",
  412: "Precondition failed",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/** Reads the gRPC-gateway error body `{ code, message }` leniently: any other body gives nothing. */
export function parseErrorBody(body: unknown): { code?: number | string; apiMessage?: string } {
  if (typeof body === "string") {
    const text = body.trim();
    // Plain-text bodies are kept when short; HTML error pages from proxies are not useful.
    return text && text.length <= 300 && !text.startsWith("<") ? { apiMessage: text } : {};
  }
  if (!body || typeof body !== "object") return {};
  const record = body as Record<string, unknown>;
  const out: { code?: number | string; apiMessage?: string } = {};
  if (typeof record.code === "number" || typeof record.code === "string") out.code = record.code;
  const message = record.message ?? record.error_description ?? record.error;
  if (typeof message === "string" && message.trim() !== "") out.apiMessage = message.trim();
  return out;
}

/** What a 404 means for each operation. */
const MISSING: Partial<Record<OperationInfo["name"], string>> = {
  createGroup: "the parent group does not exist",
  moveGroup: "the group or its new parent does not exist",
  generateGpoSccmFile: "the security group does not exist",
  getPolicy: "the policy does not exist",
  assignPolicy: "the policy or the target group does not exist",
  unassignPolicy: "the policy assignment does not exist",
  rankPolicyAssignment: "the policy assignment does not exist",
};

function explain(status: number, operation: OperationInfo, retries: number): string {
  const subject = operation.groupUuid ? "the group" : "the object";
  if (operation.name === "signIn") {
    if (status === 400 || status === 401) {
      return "the username or password was rejected; check eset:username / ESET_CONNECT_USERNAME and eset:password / ESET_CONNECT_PASSWORD";
    }
    if (status === 403) return "the account may not be an API user with the Integrations right";
  }
  switch (status) {
    case 401:
      return "the API rejected the access token even after signing in again; check that the API user is still active";
    case 403:
      return "the API user lacks permission";
    case 404:
      return `${MISSING[operation.name] ?? `${subject} does not exist`} (or the API user cannot see it)`;
    case 429:
      return `the rate limit was still exceeded after ${retries} retries within the rate-limit budget (rateLimitRetryBudgetMs); other processes of this account may be using most of its calls: run fewer pipelines at once or raise the budget`;
    case 503:
      return `ESET Connect is unavailable (maybe maintenance) after ${retries} retries; try again later`;
    default:
      if (status >= 500) return `ESET Connect failed after ${retries} retries; try again later`;
      return "the API rejected the request";
  }
}

function requestIdSuffix(requestId: string | undefined): string {
  return requestId ? ` (request-id ${requestId})` : " (no request-id)";
}

/**
 * The error for a final non-2xx response. 401 gives an AuthError (as does any refusal of the
 * sign-in itself), 429 a RateLimitError, every other status an ApiError.
 */
export function errorFromResponse(
  response: ApiResponse,
  operation: OperationInfo,
  retries: number,
  secrets: Iterable<string>,
  note?: string,
): ApiError {
  const { code, apiMessage: raw } = parseErrorBody(response.body);
  const list = [...secrets];
  const apiMessage = raw === undefined ? undefined : redact(raw, list);
  const status = response.status;
  const hint = explain(status, operation, retries);
  // For 400 and 409 the API's message is the explanation (e.g. a duplicate sibling name).
  const because =
    apiMessage && (status === 400 || status === 409) && operation.name !== "signIn"
      ? apiMessage
      : apiMessage
        ? `${hint} (ESET: ${apiMessage})`
        : hint;
  const message =
    `${status} ${STATUS_TEXT[status] ?? "Error"} while ${operation.description}: ${because}${note ? `; ${note}` : ""}` +
    requestIdSuffix(response.requestId);
  const details: ApiErrorDetails = { status, code, apiMessage, requestId: response.requestId, operation };
  if (status === 401 || (operation.name === "signIn" && (status === 400 || status === 403))) {
    return new AuthError(message, details);
  }
  if (status === 429) return new RateLimitError(message, { ...details, retries });
  return new ApiError(message, details);
}

export const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was dropped",
  ETIMEDOUT: "no answer came in time",
  ECONNABORTED: "no answer came in time",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved",
  EPENDINGLOST: "the answer carrying the pending result was lost",
};

/** The error for a request that got no answer after every retry. */
export function errorFromTransport(
  failure: TransportFailure,
  operation: OperationInfo,
  retries: number,
  secrets: Iterable<string>,
  note?: string,
): NetworkError {
  const url = failure.url.split("?")[0];
  const what = NETWORK_TEXT[failure.code] ?? "the request failed";
  const check =
    failure.code === "ENOTFOUND" || failure.code === "ECONNREFUSED"
      ? "; check the region, endpoint or host settings and the network"
      : "";
  const message = `Network error while ${operation.description}: ${what} (${failure.code}, ${url}) after ${retries} retries${check}${note ? `; ${note}` : ""}`;
  const cause = new Error(`${failure.code}: ${redact(failure.message, secrets)}`);
  return new NetworkError(message, { operation: operation.name, code: failure.code, url, cause });
}
