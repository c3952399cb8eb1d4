/**
 * No password or token in any error, log line or serialized client. The tokens are the ones the
 * emulator really issued during the run, read from its token answers.
 */
import { createServer } from "node:net";
import { inspect } from "node:util";
import { EsetConnectClient } from "../../provider/client/client";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { FakeClock } from "./fake-clock";
import { harness } from "./harness";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
});
afterAll(() => emulator.close());

/** Every way an error or object could reach a log. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { showHidden: true, depth: Infinity })];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // circular: inspect covers it
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "", inspect(value.cause, { showHidden: true, depth: Infinity }));
  }
  return out;
}

const leaksIn = (texts: string[], secrets: string[]) =>
  secrets.filter((s) => texts.some((t) => t.includes(s)));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("secrets", () => {
  it("the scan finds a secret when there is one", () => {
    expect(leaksIn(renderings(new Error("oops demo-password")), ["demo-password"])).toEqual([
      "demo-password",
    ]);
  });

  it("never appear in errors, debug lines or the client, through faults, expiry, pending and failures", async () => {
    const h = harness(emulator);
    const errors: unknown[] = [];
    const keep = (p: Promise<unknown>) => p.catch((e: unknown) => void errors.push(e));

    await emulator.settings({
      faults: {
        script: [
          { kind: "drop-after", method: "POST", path: "/oauth/token" },
          { kind: "500-after", method: "POST", path: "/v1/groups" },
          { kind: "pending", polls: 2, method: "POST", path: ":rename" },
          { kind: "drop", method: "GET" },
        ],
      },
    });
    const parent = await h.client.createGroup({
      displayName: "Secret-Test",
      parentGroupUuid: emulator.allGroupUuid,
    });
    await h.client.renameGroup(parent.uuid, "Secret-Test-2");
    await emulator.advanceClock(3600_000 + 1000); // token expires mid-run: 401, then refresh
    await h.client.listDeviceGroups();
    await keep(
      h.client.createGroup({ displayName: "Secret-Test-2", parentGroupUuid: emulator.allGroupUuid }),
    );
    await keep(h.client.moveGroup(parent.uuid, "missing-parent"));
    await keep(h.client.deleteGroup(emulator.allGroupUuid, { releaseConsumedUnits: false }));

    const wrong = harness(emulator, { password: "wrong-password-xyz" });
    await keep(wrong.client.listDeviceGroups());
    const unreachable = new EsetConnectClient(
      {
        endpoint: `http://127.0.0.1:${await closedPort()}`,
        username: "u@example.com",
        password: "offline-pw-123",
      },
      { sleep: async () => undefined, limiter: new SlidingWindowLimiter(), log: (l) => h.lines.push(l) },
    );
    await keep(unreachable.listDeviceGroups());
    await keep(Promise.reject(new Error("control")).catch(() => Promise.reject(new Error("control error"))));

    const tokens = [...h.tokens, ...wrong.tokens];
    // Sign-in (its first answer dropped, so those tokens never reached the client) and a refresh.
    expect(tokens).toHaveLength(4);
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "ApiError",
      "ApiError",
      "ApiError",
      "AuthError",
      "NetworkError",
      "Error",
    ]);
    const secrets = [emulator.password, "wrong-password-xyz", "offline-pw-123", ...tokens];
    const texts = [
      ...h.lines,
      ...errors.flatMap(renderings),
      ...renderings(h.client),
      ...renderings(h.client.config),
      ...renderings(unreachable),
    ];
    expect(h.lines.length).toBeGreaterThan(10);
    expect(leaksIn(texts, secrets)).toEqual([]);
  });

  it("logs to stderr with ESET_CONNECT_DEBUG=1, one line per exchange and one per retry, without secrets", async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const previous = process.env.ESET_CONNECT_DEBUG;
    process.env.ESET_CONNECT_DEBUG = "1";
    try {
      await emulator.settings({
        faults: {
          script: [
            { kind: "429", method: "GET" },
            { kind: "pending", polls: 0, method: "GET" },
          ],
        },
      });
      const username = "debug-user@example.com";
      await emulator.seed({
        tenants: [{ id: emulator.tenant, users: [{ username, password: "debug-pw-1" }] }],
      });
      const tokens = new Set<string>();
      const client = new EsetConnectClient(
        { endpoint: emulator.url, username, password: "debug-pw-1", rateLimitPerSecond: 1 },
        {
          sleep: async () => undefined,
          // Limiter waits pass on a fake clock: real, reported, but instant.
          limiter: new SlidingWindowLimiter(new FakeClock()),
          wrapTransport: (send) => async (request, context) => {
            const response = await send(request, context);
            const body = response.body as Record<string, string> | undefined;
            if (body?.access_token) tokens.add(body.access_token).add(body.refresh_token);
            return response;
          },
        },
      );
      await client.listDeviceGroups();
      expect(tokens.size).toBe(2);
      expect(leaksIn(written, ["debug-pw-1", ...tokens])).toEqual([]);
    } finally {
      spy.mockRestore();
      if (previous === undefined) delete process.env.ESET_CONNECT_DEBUG;
      else process.env.ESET_CONNECT_DEBUG = previous;
    }
    const id = "[0-9a-f-]{36}";
    const expected = [
      new RegExp(
        `^\\[eset-connect\\] POST /oauth/token 200 \\d+ms op=signIn request-id=${id} retry=0 limiter-wait=0ms\\n$`,
      ),
      new RegExp(
        `^\\[eset-connect\\] GET /v1/device_groups\\?pageSize=1000 429 \\d+ms op=listDeviceGroups request-id=${id} retry=0 limiter-wait=\\d+ms\\n$`,
      ),
      new RegExp(
        `^\\[eset-connect\\] listing device groups: 429 Too many requests, request-id ${id}; attempt 1 failed \\(retried for up to 180 s, 180 s left\\), next in \\d\\.\\d s\\n$`,
      ),
      new RegExp(
        `^\\[eset-connect\\] GET /v1/device_groups\\?pageSize=1000 202 \\d+ms op=listDeviceGroups request-id=${id} retry=1 limiter-wait=\\d+ms\\n$`,
      ),
      new RegExp(
        `^\\[eset-connect\\] GET /v1/device_groups\\?pageSize=1000 200 \\d+ms op=listDeviceGroups request-id=${id} retry=1 limiter-wait=\\d+ms pending=${id}\\n$`,
      ),
    ];
    expect(written).toHaveLength(expected.length);
    written.forEach((line, i) => expect(line).toMatch(expected[i]));
    // rateLimitPerSecond 1: the calls after the first waited for the limiter, and the line says so.
    expect(written.slice(1).every((l) => !l.includes("limiter-wait=0ms"))).toBe(true);
  });
});
