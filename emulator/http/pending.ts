import { randomUUID } from "node:crypto";
import { errorResponse, type ApiResponse, type UserErrorStatus } from "./grpc-errors";

/** ESET's rules: not ready within 120 s → 504; a ready result not fetched within 10 minutes → gone. */
export const PENDING_DEADLINE_MS = 120_000;
export const RESULT_RETENTION_MS = 600_000;

interface PendingCall {
  fingerprint: string;
  caller: string;
  startedAt: number;
  /** Resends still to be answered 202 before the result becomes ready. */
  pollsLeft: number;
  execute: () => ApiResponse;
  result?: { response: ApiResponse; readyAt: number };
}

/**
 * Calls answered 202 with a `response-id`. The work (and so the write) happens when the result
 * becomes ready, after the configured number of resends; the next resend gets it, once.
 */
export class PendingCalls {
  private readonly calls = new Map<string, PendingCall>();

  /** Registers a call and answers its first 202. */
  start(
    fingerprint: string,
    caller: string,
    now: number,
    polls: number,
    execute: () => ApiResponse,
  ): ApiResponse {
    this.purge(now);
    const id = randomUUID();
    const call: PendingCall = { fingerprint, caller, startedAt: now, pollsLeft: polls, execute };
    this.calls.set(id, call);
    if (polls === 0) call.result = { response: execute(), readyAt: now };
    return accepted(id);
  }

  /** Answers a resend that carries `response-id`; a differing resend is a user error. */
  resend(
    id: string,
    fingerprint: string,
    caller: string,
    now: number,
    userErrorStatus: UserErrorStatus = 400,
  ): ApiResponse {
    this.purge(now);
    const call = this.calls.get(id);
    if (!call || call.caller !== caller) {
      return errorResponse(
        404,
        `response-id ${id} is unknown, expired or already answered: send the request again as new`,
      );
    }
    if (call.fingerprint !== fingerprint) {
      return errorResponse(
        userErrorStatus,
        `the request differs from the one response-id ${id} was issued for: resend the identical method, path, query and body`,
        undefined,
        3,
      );
    }
    if (call.result) {
      this.calls.delete(id);
      return call.result.response;
    }
    if (now - call.startedAt > PENDING_DEADLINE_MS) {
      this.calls.delete(id);
      return errorResponse(
        504,
        `response-id ${id} was not ready within 120 s and was abandoned: send the request again as new`,
      );
    }
    call.pollsLeft -= 1;
    if (call.pollsLeft <= 0) call.result = { response: call.execute(), readyAt: now };
    return accepted(id);
  }

  private purge(now: number): void {
    for (const [id, call] of this.calls) {
      if (call.result && now - call.result.readyAt > RESULT_RETENTION_MS) this.calls.delete(id);
      else if (!call.result && now - call.startedAt > RESULT_RETENTION_MS) this.calls.delete(id);
    }
  }

  clear(): void {
    this.calls.clear();
  }
}

function accepted(id: string): ApiResponse {
  return { status: 202, body: {}, headers: { "response-id": id } };
}
