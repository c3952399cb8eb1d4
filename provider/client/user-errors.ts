/**
 * The one set of statuses with which ESET refuses a request as wrong (a user error), as opposed to
 * failing to do it. Callers that meet one read the tree and decide from what is there, not from
 * the status. ESET's error_codes page: its domain services answer 403 for all user errors (403 is
 * also a missing permission); 400 a request that fails validation; 404 an unknown object (a
 * parent or group that does not exist); 409 a conflict.
 */
import { ApiError, isApiError } from "./errors";

export const USER_ERROR_STATUSES: ReadonlySet<number> = new Set([400, 403, 404, 409]);

/** Whether ESET uses `status` for a request it refused as wrong. */
export function isUserErrorStatus(status: number): boolean {
  return USER_ERROR_STATUSES.has(status);
}

/** Whether `error` is ESET's refusal of a request as wrong (an ApiError with a user-error status). */
export function isUserError(error: unknown): error is ApiError {
  return isApiError(error) && isUserErrorStatus(error.status);
}
