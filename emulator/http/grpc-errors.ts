import { type ModelErrorKind, isModelError } from "../model/errors";

/** A response as the pipeline passes it around (and a pending call stores it). */
export interface ApiResponse {
  status: number;
  body: unknown;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * The HTTP status of a user error (rule break, validation error, unknown group). ESET's
 * per-endpoint pages and OpenAPI list "400: ... Validation error" and "404: Requested resource not
 * found" [doc, spec]; its `error_codes` page says the domain services answer "HTTP 403: All user
 * errors" [doc]. The emulator plays either (`userErrorStatus`): 400 answers 400/404, 403 answers
 * 403 for all of them.
 */
export type UserErrorStatus = 400 | 403;
export const USER_ERROR_STATUSES: readonly UserErrorStatus[] = [400, 403];

/** The gRPC code grpc-gateway pairs with each HTTP status. */
const GRPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  412: 9, // FAILED_PRECONDITION
  415: 3,
  429: 8, // RESOURCE_EXHAUSTED
  500: 13, // INTERNAL
  502: 14, // UNAVAILABLE
  503: 14,
  504: 4, // DEADLINE_EXCEEDED
};

/** An error answer in the gRPC-gateway shape `{ code, message, details: [] }`. */
export function errorResponse(
  status: number,
  message: string,
  headers?: Record<string, string>,
  code = GRPC_CODE[status] ?? 2,
): ApiResponse {
  return { status, body: { code, message, details: [] }, headers };
}

/** A failure found by the HTTP layer itself (missing token, unsupported body...). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The gRPC code of the body; default the one the gateway pairs with the status. */
    readonly code: number = GRPC_CODE[status] ?? 2,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/**
 * Bad, missing or expired authorization. Its status is ESET's spec's own (400 "Bad or missing
 * authorization", 401 "Token has expired or is invalid" [spec]) whatever `userErrorStatus` says,
 * and its body's gRPC code is 16 UNAUTHENTICATED under either status [assumed].
 */
export class AuthorizationError extends HttpError {
  constructor(status: 400 | 401, message: string) {
    super(status, message, 16);
    this.name = "AuthorizationError";
  }
}

/**
 * Status (with `userErrorStatus` 400) and gRPC code of each model error. The code says what went
 * wrong whatever the status is, so a client can tell "already exists" (6) from "not found" (5)
 * even when ESET answers 403 for both [assumed: ESET's body code under its 403 is not documented].
 */
const ANSWER_OF: Record<ModelErrorKind, { status: number; code: number; userError: boolean }> = {
  invalid: { status: 400, code: 3, userError: true }, // INVALID_ARGUMENT
  refused: { status: 400, code: 3, userError: true },
  "already-exists": { status: 400, code: 6, userError: true }, // ALREADY_EXISTS
  "not-found": { status: 404, code: 5, userError: true }, // NOT_FOUND
  // 412 [spec: policy-management updateRanking, a rank above the count]; a user error like the rest, so
  // 403 under `userErrorStatus` 403 ("HTTP 403: All user errors" [doc: error_codes]).
  "failed-precondition": { status: 412, code: 9, userError: true }, // FAILED_PRECONDITION
  // The OAuth service answers 4xx for bad credentials [doc: error_codes]; never switched.
  "bad-credentials": { status: 400, code: 3, userError: false },
  // Another tenant's object is refused as a missing permission in both modes.
  "other-tenant": { status: 403, code: 7, userError: false }, // PERMISSION_DENIED
};

/**
 * Model and HTTP errors become their answer; anything else is a bug and is rethrown. With
 * `userErrorStatus` 403 every user error (and a malformed body, an HttpError 400) answers 403.
 */
export function toErrorResponse(e: unknown, userErrorStatus: UserErrorStatus = 400): ApiResponse {
  if (isModelError(e)) {
    const answer = ANSWER_OF[e.kind];
    const status = answer.userError && userErrorStatus === 403 ? 403 : answer.status;
    return errorResponse(status, e.message, undefined, answer.code);
  }
  if (e instanceof HttpError) {
    const status = e.status === 400 && !(e instanceof AuthorizationError) ? userErrorStatus : e.status;
    return errorResponse(status, e.message, undefined, e.code);
  }
  throw e;
}
