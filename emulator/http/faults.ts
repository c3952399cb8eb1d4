import type { FaultKind, FaultScriptEntry } from "./settings";
import { errorResponse, type ApiResponse } from "./grpc-errors";

/** The call a fault may hit. */
export interface FaultTarget {
  method: string;
  path: string;
  /** A resend with `response-id`: a "pending" fault makes no sense there and is skipped. */
  isResend: boolean;
}

/** Picks the fault for each API call: the script first, then the random rate. */
export class FaultInjector {
  private script: FaultScriptEntry[] = [];

  constructor(private readonly random: () => number) {}

  setScript(entries: FaultScriptEntry[]): void {
    this.script = entries.map((e) => ({ ...e }));
  }

  /** What is left of the script, counts included. */
  remainingScript(): FaultScriptEntry[] {
    return this.script.map((e) => ({ ...e }));
  }

  draw(
    target: FaultTarget,
    random: { rate: number; kinds: FaultKind[] },
  ): { kind: FaultKind; polls?: number } | undefined {
    const index = this.script.findIndex((e) => matches(e, target));
    if (index >= 0) {
      const entry = this.script[index];
      entry.count -= 1;
      if (entry.count <= 0) this.script.splice(index, 1);
      return { kind: entry.kind, polls: entry.polls };
    }
    if (random.rate > 0 && this.random() < random.rate) {
      const kinds = random.kinds.filter((k) => !(target.isResend && k === "pending"));
      if (kinds.length > 0) return { kind: kinds[Math.floor(this.random() * kinds.length)] };
    }
    return undefined;
  }
}

function matches(entry: FaultScriptEntry, target: FaultTarget): boolean {
  if (target.isResend && entry.kind === "pending") return false;
  if (entry.method && entry.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (entry.path && !target.path.includes(entry.path)) return false;
  return true;
}

/** Faults that fail the call before it is applied. */
export function failsBefore(kind: FaultKind): boolean {
  return ["429", "500", "502", "503", "504", "drop"].includes(kind);
}

/** Faults that apply the call, then fail or drop the answer. */
export function failsAfter(kind: FaultKind): boolean {
  return kind.endsWith("-after");
}

export function drops(kind: FaultKind): boolean {
  return kind === "drop" || kind === "drop-after";
}

/**
 * The answer an injected status fault gives. A 502 comes from a gateway in front of the API, so it
 * carries an HTML page rather than JSON (assumed), which clients must tolerate.
 */
export function faultResponse(kind: FaultKind): ApiResponse {
  const status = Number(kind.replace("-after", ""));
  switch (status) {
    case 429:
      return errorResponse(429, "too many requests (injected fault)");
    case 502:
      return {
        status: 502,
        contentType: "text/html",
        body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n",
      };
    case 503:
      return errorResponse(503, "service unavailable: maintenance (injected fault)");
    case 504:
      return errorResponse(504, "upstream request timeout (injected fault)");
    default:
      return errorResponse(500, "internal error (injected fault)");
  }
}
