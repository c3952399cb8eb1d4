import { startEmulator, type RunningEmulator } from "../../../emulator";
import { Api, grpcError } from "./api";

// Real time is frozen, so only POST /_emulator/clock moves the sliding window: exact counts, no sleeps.
const FROZEN = Date.parse("2030-01-01T00:00:00Z");
let emulator: RunningEmulator;
let api: Api;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => FROZEN, settings: { jsonZeroValues: "emit" } });
  api = new Api(emulator.url);
  await api.control("POST", "seed", {
    tenants: [{ id: "other", users: [{ username: "b@other.test", password: "pw" }] }],
  });
});
afterAll(() => emulator.close());

async function fresh(patch: unknown = {}): Promise<{ a: string; b: string }> {
  await api.control("PUT", "settings", {
    rateLimit: { perSecond: 0, retryAfter: false, algorithm: "sliding-window" },
  });
  const a = await api.signIn();
  const b = await api.signIn("b@other.test", "pw");
  await api.control("PUT", "settings", { rateLimit: { perSecond: 10 } });
  await api.control("PUT", "settings", patch);
  await api.control("POST", "clock", { advanceMs: 1000 });
  return { a, b };
}

async function burst(token: string, n: number): Promise<number[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, () => api.call("GET", "/v1/device_groups", { token })),
  );
  return answers.map((a) => a.status);
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

test("accepts 10 calls per user in a second and answers 429 to the rest, without Retry-After", async () => {
  const { a } = await fresh();
  const answers = await Promise.all(
    Array.from({ length: 15 }, () => api.call("GET", "/v1/device_groups", { token: a })),
  );
  const statuses = answers.map((x) => x.status);
  expect([count(statuses, 200), count(statuses, 429)]).toEqual([10, 5]);
  const rejected = answers.find((x) => x.status === 429);
  expect(rejected?.body).toEqual(grpcError(8, "rate limit exceeded: at most 10 calls per second per user"));
  expect(rejected?.headers.get("retry-after")).toBeNull();
});

test("counts each user separately", async () => {
  const { a, b } = await fresh();
  expect(count(await burst(a, 10), 200)).toBe(10);
  expect(count(await burst(b, 10), 200)).toBe(10);
  expect(await burst(a, 1)).toEqual([429]);
});

test("the window slides: calls older than 1000 ms no longer count, rejected calls never did", async () => {
  const { a } = await fresh();
  expect(count(await burst(a, 5), 200)).toBe(5);
  await api.control("POST", "clock", { advanceMs: 600 });
  expect(count(await burst(a, 8), 200)).toBe(5); // 5 + 5 fill the window; 3 rejected
  await api.control("POST", "clock", { advanceMs: 400 }); // the first 5 leave the window
  expect(count(await burst(a, 8), 200)).toBe(5);
});

/** Moves the clock to `ms` after the next whole second (where a fixed window starts). */
async function toSecond(ms = 0): Promise<void> {
  const { offsetMs } = (await api.control("GET", "clock")).body as { offsetMs: number };
  const intoSecond = (FROZEN + offsetMs) % 1000;
  await api.control("POST", "clock", { advanceMs: 1000 - intoSecond + ms });
}

describe("the ways ESET may count (it documents none)", () => {
  test("sliding-window-all-calls: calls answered 429 keep the window full", async () => {
    const { a } = await fresh({ rateLimit: { algorithm: "sliding-window-all-calls" } });
    expect(count(await burst(a, 10), 200)).toBe(10);
    await api.control("POST", "clock", { advanceMs: 600 });
    expect(await burst(a, 1)).toEqual([429]); // counted: the window now holds 11 calls
    await api.control("POST", "clock", { advanceMs: 400 }); // the 10 accepted leave; the 429 stays
    expect(count(await burst(a, 10), 200)).toBe(9);
    expect(count(await burst(a, 1), 429)).toBe(1);
  });

  test("fixed-window: 10 calls per clock second, so 20 can arrive within 1000 ms", async () => {
    const { a } = await fresh({ rateLimit: { algorithm: "fixed-window", retryAfter: true } });
    await toSecond(900);
    expect(count(await burst(a, 12), 200)).toBe(10);
    await api.control("POST", "clock", { advanceMs: 100 }); // a new second, 100 ms later
    expect(count(await burst(a, 12), 200)).toBe(10);
    const rejected = await api.call("GET", "/v1/device_groups", { token: a });
    expect([rejected.status, rejected.headers.get("retry-after")]).toEqual([429, "1"]);
  });

  test("token-bucket: a full bucket absorbs a burst of 10, then one call per 100 ms", async () => {
    const { a } = await fresh({ rateLimit: { algorithm: "token-bucket" } });
    expect(count(await burst(a, 12), 200)).toBe(10);
    await api.control("POST", "clock", { advanceMs: 350 }); // 3.5 tokens back
    expect(count(await burst(a, 5), 200)).toBe(3);
    await api.control("POST", "clock", { advanceMs: 50 }); // 0.5 + 0.5: one more
    expect(await burst(a, 2)).toEqual(expect.arrayContaining([200, 429]));
  });

  test("a bad way of counting is refused, naming the field and the choices", async () => {
    const answer = await api.control("PUT", "settings", { rateLimit: { algorithm: "leaky" } });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("rateLimit.algorithm");
    expect(JSON.stringify(answer.body)).toContain("token-bucket");
  });
});

test("Retry-After is sent when switched on", async () => {
  const { a } = await fresh({ rateLimit: { retryAfter: true } });
  await burst(a, 10);
  const rejected = await api.call("GET", "/v1/device_groups", { token: a });
  expect([rejected.status, rejected.headers.get("retry-after")]).toEqual([429, "1"]);
});

test("perSecond 0 turns the limit off", async () => {
  const { a } = await fresh({ rateLimit: { perSecond: 0 } });
  expect(count(await burst(a, 30), 200)).toBe(30);
});

test("/oauth/token is limited by the form's username", async () => {
  await fresh();
  const form = { grant_type: "password", username: "demo@example.com", password: "demo-password" };
  const answers = await Promise.all(
    Array.from({ length: 12 }, () => api.call("POST", "/oauth/token", { form })),
  );
  expect(
    count(
      answers.map((x) => x.status),
      429,
    ),
  ).toBe(2);
  const log = (await api.control("GET", "requests")).body.requests.slice(-12);
  expect(new Set(log.map((e: { user: string }) => e.user))).toEqual(new Set(["demo@example.com"]));
});

test("the control plane is never limited", async () => {
  await fresh({ rateLimit: { perSecond: 1 } });
  const answers = await Promise.all(Array.from({ length: 5 }, () => api.control("GET", "state")));
  expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 200, 200]);
});
