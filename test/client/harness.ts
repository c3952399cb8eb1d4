/**
 * Clients wired to a test emulator on an IdleClock: the client's clock, its private limiter (so
 * tests do not share the process one) and the emulator's clock read one time, in which waiting
 * costs nothing, so backoffs, Retry-After, rate pacing and pending polls take no real time. Also everything a secret scan needs (debug lines, and the tokens the emulator issued, read
 * from the token answers).
 */
import { EsetConnectClient, ClientOptions } from "../../provider/client/client";
import { ClientConfigInput } from "../../provider/client/config";
import { ApiRequest, Send } from "../../provider/client/http";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { SeedInput, TestEmulator } from "../support/emulator";
import { IdleClock } from "./fake-clock";

export interface Harness {
  client: EsetConnectClient;
  /** Every sleep the client asked for (backoff, Retry-After, pending polls), in ms. */
  sleeps: number[];
  /** Debug log lines. */
  lines: string[];
  /** Retry lines (written to stderr outside tests). */
  notices: string[];
  /** Access and refresh tokens the emulator issued to this client. */
  tokens: Set<string>;
  /** Requests as the transport received them (headers included). */
  sent: ApiRequest[];
  /** The time the client, its limiter and the emulator share. */
  clock: IdleClock;
}

/** A clock whose skipped waits the emulator's clock skips too. */
export function emulatorClock(emulator: TestEmulator): IdleClock {
  return new IdleClock((ms) => emulator.advanceClock(ms));
}

export function harness(
  emulator: TestEmulator,
  config: Partial<ClientConfigInput> = {},
  options: ClientOptions & { onSleep?: (ms: number) => Promise<void>; clock?: IdleClock } = {},
): Harness {
  const { onSleep, clock = emulatorClock(emulator), ...clientOptions } = options;
  const sleeps: number[] = [];
  const lines: string[] = [];
  const notices: string[] = [];
  const tokens = new Set<string>();
  const sent: ApiRequest[] = [];
  const capture =
    (send: Send): Send =>
    async (request, context) => {
      sent.push(request);
      const response = await send(request, context);
      if (request.path === "/oauth/token" && response.body && typeof response.body === "object") {
        const body = response.body as Record<string, unknown>;
        for (const key of ["access_token", "refresh_token"]) {
          if (typeof body[key] === "string") tokens.add(body[key] as string);
        }
      }
      return response;
    };
  const client = new EsetConnectClient(
    {
      endpoint: emulator.url,
      username: emulator.username,
      password: emulator.password,
      rateLimitPerSecond: 1000,
      ...config,
    },
    {
      limiter: new SlidingWindowLimiter(clock),
      log: (line) => lines.push(line),
      notice: (line) => notices.push(line),
      wrapTransport: (send) => clock.tracked(capture(send)),
      now: clock.now,
      // Waiting is skipped: the shared clock and the emulator's clock jump instead (Retry-After,
      // pending 504 rules); `onSleep` replaces that for tests that move time their own way.
      sleep: async (ms) => {
        sleeps.push(ms);
        await (onSleep ? onSleep(ms) : clock.sleep(ms));
      },
      ...clientOptions,
    },
  );
  return { client, sleeps, lines, notices, tokens, sent, clock };
}

/** Groups of the demo tenant as `parent-name/name` strings, sorted: the live tree in one line. */
export async function liveTree(emulator: TestEmulator): Promise<string[]> {
  const state = await emulator.state();
  const tenant = state.tenants.find((t) => t.id === emulator.tenant);
  if (!tenant) throw new Error("demo tenant missing");
  const byUuid = new Map(tenant.groups.map((g) => [g.uuid, g]));
  return tenant.groups
    .map((g) => `${byUuid.get(g.parentGroupUuid ?? "")?.displayName ?? "-"}/${g.displayName}`)
    .sort();
}

export async function demoGroups(emulator: TestEmulator) {
  const state = await emulator.state();
  const tenant = state.tenants.find((t) => t.id === emulator.tenant);
  if (!tenant) throw new Error("demo tenant missing");
  return tenant;
}

type SeedTenant = NonNullable<SeedInput["tenants"]>[number];

/** The groups most client tests start from: EMEA, EMEA/Berlin and US. */
export const EMEA = "10000000-0000-4000-8000-000000000001";
export const BERLIN = "10000000-0000-4000-8000-000000000002";
export const US = "10000000-0000-4000-8000-000000000003";

/**
 * A fresh demo tenant for the next test: reset, the rate limit off (client tests that are not about
 * it should never meet a 429), EMEA, EMEA/Berlin and US, then the test file's own groups and devices.
 */
export async function resetToDemoTree(
  emulator: TestEmulator,
  extra: Pick<SeedTenant, "groups" | "devices"> = {},
): Promise<void> {
  await emulator.reset();
  await emulator.settings({ rateLimit: { perSecond: 0 } });
  await emulator.seed({
    tenants: [
      {
        id: emulator.tenant,
        groups: [
          { uuid: EMEA, displayName: "EMEA" },
          { uuid: BERLIN, displayName: "Berlin", parentGroupUuid: EMEA },
          { uuid: US, displayName: "US" },
          ...(extra.groups ?? []),
        ],
        devices: extra.devices,
      },
    ],
  });
}
