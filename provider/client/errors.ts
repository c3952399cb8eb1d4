/**
 * One error class per failure kind, all under `EsetConnectError`. None of them carries a password,
 * token, Authorization header or request body: causes are rebuilt from plain facts (an error code
 * and a redacted message), never kept as the transport library's error object.
 */

/** Marks our errors across copies of this module (instanceof fails between two installed copies). */
const KINDS = Symbol.for("pulumi-eset-connect.errorKinds");

type ErrorKind =
  | "EsetConnectError"
  | "ApiError"
  | "AuthError"
  | "RateLimitError"
  | "PendingTimeoutError"
  | "NetworkError"
  | "ConfigError"
  | "ResponseValidationError";

/** Client operations, as named in error properties and the debug log. */
export type OperationName =
  | "signIn"
  | "createGroup"
  | "moveGroup"
  | "renameGroup"
  | "deleteGroup"
  | "listDeviceGroups"
  | "listGroupDevices"
  | "listTenantDevices"
  | "generateGpoSccmFile"
  | "listPolicies"
  | "getPolicy"
  | "listPolicyAssignments"
  | "assignPolicy"
  | "unassignPolicy"
  | "rankPolicyAssignment";

/** What a call was doing, in words a user recognises, for error messages. */
export interface OperationInfo {
  name: OperationName;
  /** e.g. `moving group "Berlin" (4f1…) under "EMEA" (77a…)` */
  description: string;
  groupUuid?: string;
  groupName?: string;
}

function brand(error: Error, kinds: ErrorKind[]): void {
  Object.defineProperty(error, KINDS, { value: kinds, enumerable: false });
}

function hasKind(e: unknown, kind: ErrorKind): boolean {
  if (typeof e !== "object" || e === null) return false;
  const kinds = (e as { [KINDS]?: unknown })[KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/** Base class of every error this client throws. */
export class EsetConnectError extends Error {
  /** The client operation that failed, when the error concerns one. */
  readonly operation?: OperationName;
  /** ESET's `request-id` of the last response, for support requests. */
  readonly requestId?: string;

  constructor(
    message: string,
    opts: { operation?: OperationName; requestId?: string; cause?: Error } = {},
    kinds: ErrorKind[] = [],
  ) {
    super(message, opts.cause ? { cause: opts.cause } : undefined);
    this.name = new.target.name;
    if (opts.operation) this.operation = opts.operation;
    if (opts.requestId) this.requestId = opts.requestId;
    brand(this, ["EsetConnectError", ...kinds]);
  }
}

export interface ApiErrorDetails {
  status: number;
  /** The API's error code (gRPC code in the error body), when the body had one. */
  code?: number | string;
  /** The API's own message, when the body had one. */
  apiMessage?: string;
  requestId?: string;
  operation: OperationInfo;
}

/**
 * Thrown when ESET Connect answers with an error status that retrying did not (or must not)
 * fix: 400 (e.g. a duplicate sibling name), 403, 404 (the group does not exist), exhausted 5xx.
 * Callers learn that a group is gone from `e.status === 404`.
 */
export class ApiError extends EsetConnectError {
  readonly status: number;
  readonly code?: number | string;
  readonly apiMessage?: string;
  readonly groupUuid?: string;
  readonly groupName?: string;

  constructor(message: string, details: ApiErrorDetails, kinds: ErrorKind[] = []) {
    super(message, { operation: details.operation.name, requestId: details.requestId }, [
      "ApiError",
      ...kinds,
    ]);
    this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.apiMessage !== undefined) this.apiMessage = details.apiMessage;
    if (details.operation.groupUuid) this.groupUuid = details.operation.groupUuid;
    if (details.operation.groupName) this.groupName = details.operation.groupName;
  }
}

/**
 * Thrown when signing in fails (the token endpoint rejects the username or password), or when
 * the API still answers 401 after the client signed in again.
 */
export class AuthError extends ApiError {
  constructor(message: string, details: ApiErrorDetails) {
    super(message, details, ["AuthError"]);
  }
}

/** Thrown when the API still answers 429 after every retry the configuration allows. */
export class RateLimitError extends ApiError {
  /** Retries made before giving up. */
  readonly retries: number;
  constructor(message: string, details: ApiErrorDetails & { retries: number }) {
    super(message, details, ["RateLimitError"]);
    this.retries = details.retries;
  }
}

/**
 * Thrown when a pending (202) request has no result within `pendingDeadlineMs`. The server may
 * still finish the work: a later read shows whether it did.
 */
export class PendingTimeoutError extends EsetConnectError {
  readonly responseId: string;
  readonly waitedMs: number;
  constructor(
    message: string,
    opts: { operation: OperationName; responseId: string; waitedMs: number; requestId?: string },
  ) {
    super(message, { operation: opts.operation, requestId: opts.requestId }, ["PendingTimeoutError"]);
    this.responseId = opts.responseId;
    this.waitedMs = opts.waitedMs;
  }
}

/**
 * Thrown when no HTTP answer arrived (connection refused or dropped, timeout, DNS failure) after
 * every retry allowed. `cause` is a clean Error with the network code and a redacted message.
 */
export class NetworkError extends EsetConnectError {
  /** e.g. `ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`, `ENOTFOUND`. */
  readonly code: string;
  /** The address called, without query string. */
  readonly url: string;
  constructor(message: string, opts: { operation: OperationName; code: string; url: string; cause?: Error }) {
    super(message, { operation: opts.operation, cause: opts.cause }, ["NetworkError"]);
    this.code = opts.code;
    this.url = opts.url;
  }
}

export interface ConfigIssue {
  /** The setting, e.g. `password` or `hosts.auth`. */
  field: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Thrown by `parseClientConfig` (and the client constructor) for missing or invalid settings. */
export class ConfigError extends EsetConnectError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(
      `Invalid ESET Connect configuration:\n${issues.map((i) => `  - ${i.field}: ${i.message}`).join("\n")}`,
      {},
      ["ConfigError"],
    );
    this.issues = issues;
  }
}

/**
 * Thrown when a response does not have the shape this client expects (the API changed, or a
 * proxy answered). Extra fields are always accepted; this means a field the client needs is
 * missing or of another type.
 */
export class ResponseValidationError extends EsetConnectError {
  /** Field paths and problems, e.g. `group.uuid: expected string`. No response values. */
  readonly issues: string[];
  constructor(message: string, opts: { operation: OperationName; requestId?: string; issues: string[] }) {
    super(message, { operation: opts.operation, requestId: opts.requestId }, ["ResponseValidationError"]);
    this.issues = opts.issues;
  }
}

export const isEsetConnectError = (e: unknown): e is EsetConnectError => hasKind(e, "EsetConnectError");
export const isApiError = (e: unknown): e is ApiError => hasKind(e, "ApiError");
export const isAuthError = (e: unknown): e is AuthError => hasKind(e, "AuthError");
export const isRateLimitError = (e: unknown): e is RateLimitError => hasKind(e, "RateLimitError");
export const isPendingTimeoutError = (e: unknown): e is PendingTimeoutError =>
  hasKind(e, "PendingTimeoutError");
export const isNetworkError = (e: unknown): e is NetworkError => hasKind(e, "NetworkError");
export const isConfigError = (e: unknown): e is ConfigError => hasKind(e, "ConfigError");
export const isResponseValidationError = (e: unknown): e is ResponseValidationError =>
  hasKind(e, "ResponseValidationError");
