import { type ModelErrorKind, isModelError } from "../model/errors";

/** A response as the pipeline passes it around (and a pending call stores it). */
export interface ApiResponse {
  status: number;
  body: unknown;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** The gRPC code grpc-gateway pairs with each HTTP status. */
const GRPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
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
): ApiResponse {
  return { status, body: { code: GRPC_CODE[status] ?? 2, message, details: [] }, headers };
}

/** A failure found by the HTTP layer itself (missing token, unsupported body...). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const STATUS_OF: Record<ModelErrorKind, number> = {
  invalid: 400,
  refused: 400,
  "already-exists": 400,
  "bad-credentials": 400,
  "other-tenant": 403,
  "not-found": 404,
};

/** Model and HTTP errors become their answer; anything else is a bug and is rethrown. */
export function toErrorResponse(e: unknown): ApiResponse {
  if (isModelError(e)) return errorResponse(STATUS_OF[e.kind], e.message);
  if (e instanceof HttpError) return errorResponse(e.status, e.message);
  throw e;
}
