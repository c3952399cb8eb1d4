import {
  backoffDelay,
  decideRetry,
  isTransient,
  Outcome,
  parseRetryAfter,
  lookBeforeResend,
  writeOutcome,
} from "../../provider/client/retry-policy";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  const cases: Array<[string | undefined, number | undefined]> = [
    [undefined, undefined],
    ["", undefined],
    ["3", 3000],
    [" 1.5 ", 1500],
    ["0", 0],
    ["-1", undefined],
    ["soon", undefined],
    ["Wed, 01 Jan 2025 00:00:07 GMT", 7000],
    ["Tue, 31 Dec 2024 23:59:00 GMT", 0],
    ["86400", 120_000],
  ];
  it.each(cases)("reads %p as %p ms", (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  const cases: Array<[number, number, number]> = [
    // retry, random, expected: between half and all of min(20 s, 250 ms * 2^retry)
    [0, 0, 125],
    [0, 0.999, 250],
    [1, 0.5, 375],
    [3, 0, 1000],
    [6, 1, 16_000],
    [7, 0, 10_000],
    [12, 1, 20_000],
  ];
  it.each(cases)("retry %d with random %d waits %d ms", (retry, random, expected) => {
    expect(backoffDelay(retry, { random: () => random })).toBe(Math.round(expected));
  });
});

describe("writeOutcome and isTransient", () => {
  const cases: Array<[Outcome, "applied" | "not-applied" | "unknown", boolean]> = [
    [{ status: 200 }, "applied", false],
    [{ status: 400 }, "not-applied", false],
    [{ status: 404 }, "not-applied", false],
    [{ status: 429 }, "not-applied", true],
    [{ status: 500 }, "unknown", true],
    [{ status: 502 }, "unknown", true],
    [{ status: 503 }, "unknown", true],
    [{ status: 504 }, "unknown", true],
    [{ status: 501 }, "unknown", false],
    [{ transport: { sent: false } }, "not-applied", true],
    [{ transport: { sent: "unknown" } }, "unknown", true],
  ];
  it.each(cases)("%j is %s (transient: %s)", (outcome, applied, transient) => {
    expect(writeOutcome(outcome)).toBe(applied);
    expect(isTransient(outcome)).toBe(transient);
  });
});

describe("lookBeforeResend", () => {
  // A create never resends blindly after an outcome that may have applied it: it looks first.
  const cases: Array<[string, Outcome, boolean, boolean]> = [
    ["a 500 of a create: looks", { status: 500 }, false, true],
    ["a 504: looks", { status: 504 }, false, true],
    ["a dropped create: looks", { transport: { sent: "unknown" } }, false, true],
    ["a refused connection: resends without looking", { transport: { sent: false } }, false, false],
    ["a 429: resends without looking", { status: 429 }, true, false],
    ["a success: nothing to look for", { status: 200 }, true, false],
    ["a first 400: the refusal stands", { status: 400 }, false, false],
    ["a 400 after an unknown outcome: looks once more", { status: 400 }, true, true],
    [
      "a 403 after an unknown outcome (ESET's status for every user error): looks",
      { status: 403 },
      true,
      true,
    ],
    ["a 404 after an unknown outcome: looks", { status: 404 }, true, true],
    ["a 409 after an unknown outcome: looks", { status: 409 }, true, true],
    ["a 401 after an unknown outcome: not a user error", { status: 401 }, true, false],
  ];
  it.each(cases)("%s", (_name, outcome, earlierOutcomeUnknown, expected) => {
    expect(lookBeforeResend(outcome, earlierOutcomeUnknown)).toBe(expected);
  });
});

describe("decideRetry", () => {
  const base = { retries: 0, maxRetries: 3, now: NOW, backoff: { random: () => 0 } };
  const cases: Array<[string, Parameters<typeof decideRetry>[0], ReturnType<typeof decideRetry>]> = [
    ["retries a 500 of a safe call", { ...base, outcome: { status: 500 } }, { retry: true, delayMs: 125 }],
    ["does not retry a 404", { ...base, outcome: { status: 404 } }, { retry: false }],
    ["stops after maxRetries", { ...base, retries: 3, outcome: { status: 503 } }, { retry: false }],
    ["retries a 429 (nothing applied)", { ...base, outcome: { status: 429 } }, { retry: true, delayMs: 125 }],
    [
      "retries a refused connection (nothing applied)",
      { ...base, outcome: { transport: { sent: false } } },
      { retry: true, delayMs: 125 },
    ],
    [
      "waits at least Retry-After on a 429",
      { ...base, retries: 2, outcome: { status: 429, retryAfter: "2" } },
      { retry: true, delayMs: 2000 },
    ],
    [
      "uses the backoff when Retry-After is unreadable",
      { ...base, retries: 2, outcome: { status: 429, retryAfter: "later" } },
      { retry: true, delayMs: 500 },
    ],
    [
      "retries a 429 past maxRetries while the rate-limit budget lasts",
      { ...base, retries: 20, elapsedMs: 100_000, outcome: { status: 429 } },
      { retry: true, delayMs: 2000 },
    ],
    [
      "stops a 429 whose next wait would pass the rate-limit budget",
      { ...base, retries: 20, elapsedMs: 179_000, outcome: { status: 429 } },
      { retry: false },
    ],
    [
      "honours a configured rate-limit budget",
      {
        ...base,
        elapsedMs: 1000,
        budgets: { rateLimitMs: 1200, connectionMs: 15_000 },
        outcome: { status: 429 },
      },
      { retry: true, delayMs: 125 },
    ],
    [
      "stops connection failures at the connection budget, before maxRetries",
      {
        ...base,
        elapsedMs: 14_900,
        outcome: { transport: { sent: false, code: "ECONNREFUSED" } },
      },
      { retry: false },
    ],
    [
      "retries connection failures within the connection budget",
      {
        ...base,
        elapsedMs: 1000,
        outcome: { transport: { sent: false, code: "ECONNREFUSED" } },
      },
      { retry: true, delayMs: 125 },
    ],
    [
      "fails a DNS failure at sign-in at once",
      {
        ...base,
        signIn: true,
        outcome: { transport: { sent: false, code: "ENOTFOUND" } },
      },
      { retry: false },
    ],
    [
      "fails an untrusted server certificate at once, at any call (the same certificate comes back)",
      { ...base, outcome: { transport: { sent: "unknown", code: "DEPTH_ZERO_SELF_SIGNED_CERT" } } },
      { retry: false },
    ],
    [
      "retries a DNS failure later in the run (a resolver hiccup)",
      { ...base, outcome: { transport: { sent: false, code: "EAI_AGAIN" } } },
      { retry: true, delayMs: 125 },
    ],
    [
      "retries a refused sign-in (the host resolves: the service may be restarting)",
      {
        ...base,
        signIn: true,
        outcome: { transport: { sent: false, code: "ECONNREFUSED" } },
      },
      { retry: true, delayMs: 125 },
    ],
    [
      "does not count 5xx against a time budget, only maxRetries",
      { ...base, retries: 2, elapsedMs: 10_000_000, outcome: { status: 503 } },
      { retry: true, delayMs: 500 },
    ],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(decideRetry(input)).toEqual(expected);
  });

  it("adds at most a little jitter on top of Retry-After", () => {
    const decision = decideRetry({
      ...base,
      backoff: { random: () => 0.999 },
      outcome: { status: 429, retryAfter: "1" },
    });
    expect(decision).toEqual({ retry: true, delayMs: 1150 });
  });
});
