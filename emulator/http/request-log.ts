import type { EndpointName } from "./endpoints";

/** One API call as the emulator saw it (`GET /_emulator/requests`). */
export interface RequestLogEntry {
  /** Virtual time of arrival, ISO 8601. */
  time: string;
  method: string;
  /** Without the query, e.g. `/v1/groups/<uuid>:move`. */
  path: string;
  query: Record<string, string>;
  /**
   * Which endpoint, e.g. "assign policy" (http/endpoints.ts). The emulator always sets it; it is
   * optional only so entries built by hand (tests of log readers) need not.
   */
  endpoint?: EndpointName;
  /** What the client received; 0 when the connection was dropped. */
  status: number;
  /** The token's user, or the form's username for `/oauth/token`; null when unknown. */
  user: string | null;
  requestId: string;
  /** The injected fault, if any. */
  fault?: string;
  /** True for a call answered 202 or carrying a `response-id`. */
  pending?: boolean;
}

// Bounded so a long-running emulator does not grow without end.
const MAX_ENTRIES = 100_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
