/**
 * Why a model operation was refused. The model knows nothing of HTTP: the HTTP layer maps each
 * kind to a status and a gRPC code (`emulator/http/grpc-errors.ts`).
 */
export type ModelErrorKind =
  /** The input is malformed or a field is missing. */
  | "invalid"
  /** The group, device or user does not exist anywhere. */
  | "not-found"
  /** The object exists, but in another tenant. */
  | "other-tenant"
  /** The input is well-formed but a tree rule forbids the change (delete All, move under itself...). */
  | "refused"
  /** A client-supplied uuid or username is already taken; a policy already assigned to the target. */
  | "already-exists"
  /**
   * The input is well-formed but the object's current state forbids it: a rank beyond the target's
   * number of assignments (412 [spec: policy-management updateRanking]).
   */
  | "failed-precondition"
  /** Username/password or refresh token do not match. */
  | "bad-credentials";

/** A rule of the emulated ESET cloud was broken; the message is meant for the API caller. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ModelError";
  }
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError;
}
