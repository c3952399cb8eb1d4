/**
 * The one function that sends a request (axios), and the types every wrapper around it shares.
 * It never throws for an HTTP status: statuses are decisions for the wrappers. It throws a
 * TransportFailure, free of request data, when no answer arrived.
 */
import * as https from "node:https";
import * as tls from "node:tls";
import axios, { AxiosInstance } from "axios";
import { OperationInfo } from "./errors";
import { Service } from "./hosts";
import { redact } from "./redact";

export type HttpMethod = "GET" | "POST" | "DELETE";

/** One API request, described independently of the transport, so that it can be resent as is. */
export interface ApiRequest {
  service: Service;
  method: HttpMethod;
  /** Path below the service's base URL, e.g. `/v1/groups/<uuid>:move`. */
  path: string;
  query?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** Form body (`application/x-www-form-urlencoded`), used by the token endpoint only. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  requestId?: string;
}

/** What the wrappers know about the logical call an exchange belongs to. */
export interface CallContext {
  operation: OperationInfo;
  /** 0 for the first attempt, then 1, 2, ... for retries. */
  attempt: number;
  /** Milliseconds this exchange waited for the rate limiter (set by the limiter). */
  limiterWaitMs?: number;
  /** Set while polling a pending result. */
  responseId?: string;
}

export type Send = (request: ApiRequest, context: CallContext) => Promise<ApiResponse>;

/**
 * No HTTP answer arrived. `sent` says whether the server may have received the request:
 * `false` for a refused connection or a failed DNS lookup, `"unknown"` for a reset, a dropped
 * connection or a timeout (the server may have applied it).
 */
export class TransportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly sent: false | "unknown",
    readonly url: string,
  ) {
    super(message);
    this.name = "TransportFailure";
  }
}

/** Codes for which the request cannot have reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export interface HttpSendOptions {
  baseUrlOf: (service: Service) => string;
  timeoutMs: number;
  /** Known secrets removed from transport error messages. */
  secrets: () => Iterable<string>;
  /** PEM certificate(s) trusted besides Node's CAs (an On-Prem server's own CA). */
  caCertificate?: string;
}

function flattenHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === "object") {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    }
  }
  return out;
}

function parseBody(text: unknown): unknown {
  if (typeof text !== "string") return text ?? undefined;
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Builds the transport: one axios instance, every status accepted, bodies parsed leniently. */
export function createHttpSend(
  options: HttpSendOptions,
  instance: AxiosInstance = axios.create(
    options.caCertificate
      ? { httpsAgent: new https.Agent({ ca: [...tls.rootCertificates, options.caCertificate] }) }
      : {},
  ),
): Send {
  return async (request) => {
    const base = options.baseUrlOf(request.service);
    const url = base + request.path;
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    let data: string | undefined;
    if (request.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      data = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      data = JSON.stringify(request.json);
    }
    try {
      const response = await instance.request({
        method: request.method,
        url,
        params: request.query,
        headers,
        data,
        timeout: options.timeoutMs,
        responseType: "text",
        transformResponse: (raw: unknown) => raw,
        validateStatus: () => true,
        maxRedirects: 0,
        transitional: { clarifyTimeoutError: true },
      });
      const responseHeaders = flattenHeaders(response.headers);
      return {
        status: response.status,
        headers: responseHeaders,
        body: parseBody(response.data),
        requestId: responseHeaders["request-id"],
      };
    } catch (error) {
      // The axios error holds the request config (headers with the token, the form body with
      // the password): keep only its code and a redacted message.
      const e = error as { code?: unknown; message?: unknown };
      const code = typeof e.code === "string" ? e.code : "ENETWORK";
      const message = redact(typeof e.message === "string" ? e.message : "network error", options.secrets());
      throw new TransportFailure(code, message, NOT_SENT_CODES.has(code) ? false : "unknown", url);
    }
  };
}
