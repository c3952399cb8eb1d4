import type { RunningEmulator } from "../../../emulator";
import { ALL, Api, grpcError, startForTest, type Answer } from "./api";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest());
  token = await api.signIn();
});
afterAll(() => emulator.close());

async function settings(patch: unknown): Promise<void> {
  const answer = await api.control("PUT", "settings", patch);
  if (answer.status !== 200) throw new Error(answer.text);
}

const pendingOnce = (extra: Record<string, unknown> = {}) =>
  settings({ faults: { script: [{ kind: "pending", path: "/v1/groups", ...extra }] } });

async function groupNames(): Promise<string[]> {
  const state = (await api.control("GET", "state")).body;
  return state.tenants[0].groups.map((g: { displayName: string }) => g.displayName);
}

function create(name: string, responseId?: string, bearer = token): Promise<Answer> {
  return api.call("POST", "/v1/groups", {
    token: bearer,
    json: { group: { displayName: name, parentGroupUuid: ALL } },
    headers: responseId ? { "response-id": responseId } : {},
  });
}

test("a pending call answers 202 until polls resends were made, applies the write, returns the result once, then 404", async () => {
  await pendingOnce();
  const first = await create("Pending one");
  expect(first.status).toBe(202);
  const id = first.headers.get("response-id") as string;
  expect(id).toBeTruthy();
  expect(await groupNames()).not.toContain("Pending one");

  // polls = 2 by default: two more 202s; the write happens when the result becomes ready.
  expect((await create("Pending one", id)).status).toBe(202);
  expect(await groupNames()).not.toContain("Pending one");
  const second = await create("Pending one", id);
  expect([second.status, second.headers.get("response-id")]).toEqual([202, id]);
  expect(await groupNames()).toContain("Pending one");

  // A fresh token is fine: only the token may differ.
  const result = await create("Pending one", id, await api.signIn());
  expect(result.status).toBe(200);
  expect(result.body.group.displayName).toBe("Pending one");

  const after = await create("Pending one", id);
  expect(after.status).toBe(404);
  expect(after.body).toEqual(
    grpcError(5, `response-id ${id} is unknown, expired or already answered: send the request again as new`),
  );
  expect((await groupNames()).filter((n) => n === "Pending one")).toHaveLength(1);
});

test("a resend that differs from the original is refused with 400 and does not spoil the pending call", async () => {
  await pendingOnce({ polls: 0 });
  const id = (await create("Original")).headers.get("response-id") as string;
  const differs = await create("Different", id);
  expect(differs.status).toBe(400);
  expect(differs.body).toEqual(
    grpcError(
      3,
      `the request differs from the one response-id ${id} was issued for: resend the identical method, path, query and body`,
    ),
  );
  const result = await create("Original", id);
  expect([result.status, result.body.group.displayName]).toEqual([200, "Original"]);
});

test("not ready within 120 s of virtual time: 504, nothing applied, and the id is gone", async () => {
  await pendingOnce({ polls: 3 });
  const id = (await create("Too slow")).headers.get("response-id") as string;
  expect((await create("Too slow", id)).status).toBe(202);
  await api.control("POST", "clock", { advanceMs: 120_001 });
  const late = await create("Too slow", id);
  expect(late.status).toBe(504);
  expect(late.body).toEqual(
    grpcError(
      4,
      `response-id ${id} was not ready within 120 s and was abandoned: send the request again as new`,
    ),
  );
  expect((await create("Too slow", id)).status).toBe(404);
  expect(await groupNames()).not.toContain("Too slow");
});

test("a ready result not fetched within 10 minutes is dropped (404), though the write happened", async () => {
  await pendingOnce({ polls: 1 });
  const id = (await create("Forgotten")).headers.get("response-id") as string;
  expect((await create("Forgotten", id)).status).toBe(202);
  await api.control("POST", "clock", { advanceMs: 600_001 });
  expect((await create("Forgotten", id)).status).toBe(404);
  expect(await groupNames()).toContain("Forgotten");
});

test("another user cannot collect someone else's pending result", async () => {
  await api.control("POST", "seed", {
    tenants: [{ id: "other", users: [{ username: "x@other.test", password: "pw" }] }],
  });
  await pendingOnce({ polls: 0 });
  const id = (await create("Private")).headers.get("response-id") as string;
  expect((await create("Private", id, await api.signIn("x@other.test", "pw"))).status).toBe(404);
  expect((await create("Private", id)).status).toBe(200);
});

test("pending.rate 1 sends every call through the 202 chain, oauth included", async () => {
  await settings({ pending: { rate: 1, polls: 1 } });
  const form = { grant_type: "password", username: "demo@example.com", password: "demo-password" };
  const first = await api.call("POST", "/oauth/token", { form });
  const id = first.headers.get("response-id") as string;
  expect(first.status).toBe(202);
  expect((await api.call("POST", "/oauth/token", { form, headers: { "response-id": id } })).status).toBe(202);
  const result = await api.call("POST", "/oauth/token", { form, headers: { "response-id": id } });
  expect([result.status, result.body.token_type]).toEqual([200, "Bearer"]);
  await settings({ pending: { rate: 0, polls: 2 } });
});

test("a call slower than pending.slowerThanMs goes pending instead of waiting", async () => {
  await settings({ latencyMs: 50, pending: { slowerThanMs: 10, polls: 0 } });
  const first = await api.call("GET", "/v1/device_groups", { token });
  await settings({ latencyMs: 0, pending: { slowerThanMs: 30_000, polls: 2 } });
  expect(first.status).toBe(202);
  const id = first.headers.get("response-id") as string;
  const result = await api.call("GET", "/v1/device_groups", { token, headers: { "response-id": id } });
  expect([result.status, Array.isArray(result.body.deviceGroups)]).toEqual([200, true]);
});

test("the request log marks the calls of a pending chain", async () => {
  await api.control("DELETE", "requests");
  await pendingOnce({ polls: 0 });
  const id = (await create("Logged")).headers.get("response-id") as string;
  await create("Logged", id);
  const log = (await api.control("GET", "requests")).body.requests;
  expect(
    log.map((e: { status: number; pending?: boolean; fault?: string }) => [e.status, e.pending, e.fault]),
  ).toEqual([
    [202, true, "pending"],
    [200, true, undefined],
  ]);
});

test("a result lost on the wire (drop-after on the collecting resend) is spent: the write happened, the id answers 404", async () => {
  await settings({
    faults: {
      script: [
        { kind: "pending", path: "/v1/groups", polls: 0 },
        { kind: "drop-after", path: "/v1/groups" },
      ],
    },
  });
  const id = (await create("Lost answer")).headers.get("response-id") as string;
  await expect(create("Lost answer", id)).rejects.toThrow();
  expect((await create("Lost answer", id)).status).toBe(404);
  expect((await groupNames()).filter((n) => n === "Lost answer")).toHaveLength(1);
});
