import { isPendingTimeoutError, PendingTimeoutError } from "../../provider/client/errors";
import { ApiRequest, ApiResponse, CallContext, TransportFailure } from "../../provider/client/http";
import { newMetrics } from "../../provider/client/observe";
import { pendingAware } from "../../provider/client/pending";
import { FakeClock } from "./fake-clock";

type Step = ApiResponse | TransportFailure;
const accepted = (id = "r-1"): ApiResponse => ({ status: 202, headers: { "response-id": id }, body: {} });
const ok = (body: unknown = { group: { uuid: "g" } }): ApiResponse => ({ status: 200, headers: {}, body });
const status = (code: number): ApiResponse => ({ status: code, headers: {}, body: {} });
const dropped = () => new TransportFailure("ECONNRESET", "socket hang up", "unknown", "http://x/v1/groups");

const request: ApiRequest = {
  service: "assetManagement",
  method: "POST",
  path: "/v1/groups",
  json: { group: { displayName: "A" } },
};
const context: CallContext = {
  operation: { name: "createGroup", description: 'creating group "A" under All' },
  attempt: 0,
};

function scripted(steps: Step[]) {
  const sent: ApiRequest[] = [];
  const send = async (req: ApiRequest): Promise<ApiResponse> => {
    sent.push(req);
    const step = steps.shift();
    if (!step) throw new Error("no more scripted answers");
    if (step instanceof TransportFailure) throw step;
    return step;
  };
  return { sent, send };
}

function run(steps: Step[], deadlineMs = 60_000) {
  const clock = new FakeClock();
  const metrics = newMetrics();
  const { sent, send } = scripted(steps);
  const result = pendingAware(send, { deadlineMs, now: clock.now, sleep: clock.sleep, metrics })(
    request,
    context,
  );
  return { result, sent, clock, metrics };
}

describe("pendingAware", () => {
  it("resends the identical request with response-id after three 202s, then returns the result", async () => {
    const { result, sent, clock, metrics } = run([accepted(), accepted(), accepted(), ok()]);
    expect((await result).status).toBe(200);
    expect(sent).toHaveLength(4);
    expect(sent[0].headers?.["response-id"]).toBeUndefined();
    for (const resend of sent.slice(1)) {
      expect(resend).toEqual({ ...request, headers: { "response-id": "r-1" } });
    }
    expect(clock.sleeps).toEqual([250, 500, 1000]);
    expect(metrics.pendingPolls).toBe(3);
  });

  it("never sends the POST again without response-id, even when polls fail", async () => {
    const { result, sent } = run([
      accepted(),
      dropped(),
      status(503),
      status(429),
      status(500),
      accepted(),
      ok(),
    ]);
    expect((await result).status).toBe(200);
    expect(sent.slice(1).every((r) => r.headers?.["response-id"] === "r-1")).toBe(true);
  });

  it("returns a 504 (work abandoned) for the caller to handle", async () => {
    const { result } = run([accepted(), accepted(), status(504)]);
    expect((await result).status).toBe(504);
  });

  it("returns a 404 as the result when no poll answer was lost", async () => {
    const { result } = run([accepted(), status(404)]);
    expect((await result).status).toBe(404);
  });

  it("reports an unknown outcome when the result was fetched by a poll whose answer was lost", async () => {
    const { result } = run([accepted(), dropped(), status(404)]);
    await expect(result).rejects.toMatchObject({ code: "EPENDINGLOST", sent: "unknown" });
  });

  it("gives up at the deadline with a PendingTimeoutError naming the response-id", async () => {
    const { result, clock } = run(
      Array.from({ length: 100 }, () => accepted("r-9")),
      10_000,
    );
    const error = (await result.catch((e: unknown) => e)) as PendingTimeoutError;
    expect(isPendingTimeoutError(error)).toBe(true);
    expect(error.message).toBe(
      'ESET Connect had no result after 10 s while creating group "A" under All (response-id r-9); the work may still complete: read the state again before retrying, or raise pendingDeadlineMs',
    );
    expect(error.responseId).toBe("r-9");
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it("refuses a 202 without response-id instead of guessing", async () => {
    const { result } = run([status(202)]);
    await expect(result).rejects.toThrow(
      'ESET Connect answered 202 (pending) while creating group "A" under All without a response-id header, so the result cannot be fetched',
    );
  });
});
