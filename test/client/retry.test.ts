/** The one retry loop, with and without the look a create plugs in, on a scripted send and a fake clock. */
import { isNetworkError, OperationInfo, PendingTimeoutError } from "../../provider/client/errors";
import { ApiRequest, ApiResponse, TransportFailure } from "../../provider/client/http";
import { newMetrics } from "../../provider/client/observe";
import { LostAnswerHook, RetryOptions, sendWithRetries } from "../../provider/client/retry";
import { FakeClock } from "./fake-clock";

type Step = ApiResponse | TransportFailure | PendingTimeoutError;
const status = (code: number): ApiResponse => ({ status: code, headers: {}, body: {} });
const dropped = () => new TransportFailure("ECONNRESET", "socket hang up", "unknown", "http://x/v1/groups");
const refused = () => new TransportFailure("ECONNREFUSED", "refused", false, "http://x/v1/groups");
const abandoned = () =>
  new PendingTimeoutError("no result", { operation: "createGroup", responseId: "r-1", waitedMs: 20_000 });

const request: ApiRequest = { service: "assetManagement", method: "POST", path: "/v1/groups", json: {} };
const operation: OperationInfo = { name: "createGroup", description: 'creating group "A" under All' };

function setup(steps: Step[], maxRetries = 3) {
  const clock = new FakeClock();
  const notices: string[] = [];
  let sends = 0;
  const send = async (): Promise<ApiResponse> => {
    sends++;
    const step = steps.shift();
    if (!step) throw new Error("no more scripted answers");
    if (step instanceof Error) throw step;
    return step;
  };
  const options: RetryOptions = {
    maxRetries,
    now: clock.now,
    sleep: clock.sleep,
    backoff: { random: () => 0 },
    metrics: newMetrics(),
    secrets: () => [],
    notice: (line) => notices.push(line),
  };
  return { send, options, clock, notices, sends: () => sends };
}

/** A look that finds nothing until `foundFromLook` (1-based), then "the group". */
function look(foundFromLook = Infinity) {
  let looks = 0;
  const hook: LostAnswerHook<string> = {
    look: async () => (++looks >= foundFromLook ? "the group" : undefined),
    nothingFoundNote: "nothing was created",
  };
  return { hook, looks: () => looks };
}

describe("sendWithRetries without a hook", () => {
  it("retries a 503 and a dropped connection, then returns the answer", async () => {
    const s = setup([status(503), dropped(), status(200)]);
    const result = await sendWithRetries(s.send, request, operation, s.options);
    expect(result).toEqual({ response: status(200), retries: 2 });
    expect(s.clock.sleeps).toEqual([125, 250]);
    expect(s.notices).toHaveLength(2);
  });

  it("returns a final error status for the caller to turn into an error", async () => {
    const s = setup([status(400)]);
    expect(await sendWithRetries(s.send, request, operation, s.options)).toEqual({
      response: status(400),
      retries: 0,
    });
  });

  it("throws a NetworkError once connection failures outlast the retries", async () => {
    const s = setup([dropped(), dropped()], 1);
    const error = await sendWithRetries(s.send, request, operation, s.options).catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).not.toMatch(/nothing was created/);
  });

  it("lets a pending timeout through untouched", async () => {
    const timeout = abandoned();
    const s = setup([timeout]);
    await expect(sendWithRetries(s.send, request, operation, s.options)).rejects.toBe(timeout);
  });
});

describe("sendWithRetries with a lost-answer hook (creates)", () => {
  it("looks before resending after a 500, and ends the call with what it found", async () => {
    const s = setup([status(500)]);
    const l = look(1);
    expect(await sendWithRetries(s.send, request, operation, s.options, l.hook)).toEqual({
      found: "the group",
      retries: 0,
    });
    expect(s.sends()).toBe(1);
    expect(s.clock.sleeps).toEqual([]);
  });

  it("resends after a look that found nothing", async () => {
    const s = setup([dropped(), status(200)]);
    const l = look();
    expect(await sendWithRetries(s.send, request, operation, s.options, l.hook)).toEqual({
      response: status(200),
      retries: 1,
    });
    expect(l.looks()).toBe(1);
  });

  it("resends a 429 and a refused connection without looking (nothing was applied)", async () => {
    const s = setup([status(429), refused(), status(200)]);
    const l = look();
    await sendWithRetries(s.send, request, operation, s.options, l.hook);
    expect(l.looks()).toBe(0);
    expect(s.sends()).toBe(3);
  });

  it("looks once more on a user error that follows an unknown outcome", async () => {
    const s = setup([status(502), status(403)]);
    const l = look(2);
    expect(await sendWithRetries(s.send, request, operation, s.options, l.hook)).toEqual({
      found: "the group",
      retries: 1,
    });
    expect(l.looks()).toBe(2);
  });

  it("does not look on a first user error", async () => {
    const s = setup([status(400)]);
    const l = look();
    expect(await sendWithRetries(s.send, request, operation, s.options, l.hook)).toEqual({
      response: status(400),
      retries: 0,
    });
    expect(l.looks()).toBe(0);
  });

  it("looks after a pending request given up and never resends it", async () => {
    const found = setup([abandoned()]);
    expect(await sendWithRetries(found.send, request, operation, found.options, look(1).hook)).toEqual({
      found: "the group",
      retries: 0,
    });
    const timeout = abandoned();
    const notFound = setup([timeout, status(200)]);
    await expect(
      sendWithRetries(notFound.send, request, operation, notFound.options, look().hook),
    ).rejects.toBe(timeout);
    expect(notFound.sends()).toBe(1);
  });

  it("notes that nothing was found when the last outcome stayed unknown", async () => {
    const s = setup([status(503), status(503)], 1);
    const result = await sendWithRetries(s.send, request, operation, s.options, look().hook);
    expect(result).toEqual({ response: status(503), retries: 1, note: "nothing was created" });

    const t = setup([dropped(), dropped()], 1);
    const error = await sendWithRetries(t.send, request, operation, t.options, look().hook).catch(
      (e: unknown) => e,
    );
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toMatch(/; nothing was created$/);
  });

  it("adds no note when the last outcome says nothing was applied", async () => {
    const s = setup([status(500), status(400)]);
    expect(await sendWithRetries(s.send, request, operation, s.options, look().hook)).toEqual({
      response: status(400),
      retries: 1,
    });
  });
});
