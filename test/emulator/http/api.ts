import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../emulator";

/** What a raw call returned: status, headers, and the body parsed as JSON when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A bare HTTP view of a running emulator, for asserting exact statuses and bodies. */
export class Api {
  constructor(readonly url: string) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(options.json);
    }
    if (options.form) {
      headers["content-type"] ??= "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  async signIn(username = "demo@example.com", password = "demo-password"): Promise<string> {
    const answer = await this.call("POST", "/oauth/token", {
      form: { grant_type: "password", username, password },
    });
    if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
    return answer.body.access_token as string;
  }

  control(method: string, path: string, json?: unknown): Promise<Answer> {
    return this.call(method, `/_emulator/${path}`, json === undefined ? {} : { json });
  }

  createGroup(token: string, group: Record<string, unknown>): Promise<Answer> {
    return this.call("POST", "/v1/groups", { token, json: { group } });
  }
}

/** Starts an emulator for one test file; rate limit off unless the test turns it on. */
export async function startForTest(
  options: EmulatorOptions = {},
): Promise<{ emulator: RunningEmulator; api: Api }> {
  const emulator = await startEmulator({
    ...options,
    settings: { rateLimit: { perSecond: 0 }, jsonZeroValues: "emit", ...options.settings },
  });
  return { emulator, api: new Api(emulator.url) };
}

export const ALL = "00000000-0000-0000-7001-000000000001";
export const LOST = "00000000-0000-0000-7001-000000000002";

/** The gRPC-gateway error body for a status, with this message. */
export function grpcError(code: number, message: string): { code: number; message: string; details: [] } {
  return { code, message, details: [] };
}
