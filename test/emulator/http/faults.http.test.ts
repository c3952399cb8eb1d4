import type { RunningEmulator } from "../../../emulator";
import { ALL, Api, grpcError, startForTest } from "./api";

let emulator: RunningEmulator;
let api: Api;
let token: string;
// Scripted draws for the random-rate tests; falls back to "never" when empty.
const draws: number[] = [];

beforeAll(async () => {
  ({ emulator, api } = await startForTest({ random: () => draws.shift() ?? 0.999 }));
  token = await api.signIn();
});
afterAll(() => emulator.close());
beforeEach(() => api.control("DELETE", "requests"));

const script = (...entries: unknown[]) => api.control("PUT", "settings", { faults: { script: entries } });
const create = (name: string) => api.createGroup(token, { displayName: name, parentGroupUuid: ALL });
async function names(): Promise<string[]> {
  return (await api.control("GET", "state")).body.tenants[0].groups.map(
    (g: { displayName: string }) => g.displayName,
  );
}
async function lastLogged(): Promise<Record<string, unknown>> {
  const log = (await api.control("GET", "requests")).body.requests;
  return log[log.length - 1];
}

test.each([
  ["429", 429, grpcError(8, "too many requests (injected fault)")],
  ["500", 500, grpcError(13, "internal error (injected fault)")],
  ["503", 503, grpcError(14, "service unavailable: maintenance (injected fault)")],
  ["504", 504, grpcError(4, "upstream request timeout (injected fault)")],
])("a %s fault answers its status and applies nothing", async (kind, status, body) => {
  await script({ kind, path: "/v1/groups" });
  const answer = await create(`Fault ${kind}`);
  expect([answer.status, answer.body]).toEqual([status, body]);
  expect(answer.headers.get("request-id")).toBeTruthy();
  expect(await names()).not.toContain(`Fault ${kind}`);
  expect(await lastLogged()).toMatchObject({ status, fault: kind, path: "/v1/groups" });
  expect((await create(`Fault ${kind}`)).status).toBe(200); // the script is spent
});

test("a 502 fault carries an HTML page, as a gateway would", async () => {
  await script({ kind: "502" });
  const answer = await api.call("GET", "/v1/device_groups", { token });
  expect(answer.status).toBe(502);
  expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
  expect(answer.text).toContain("502 Bad Gateway");
});

test("a drop fault resets the connection and applies nothing", async () => {
  await script({ kind: "drop", method: "POST" });
  await expect(create("Dropped")).rejects.toThrow();
  expect(await names()).not.toContain("Dropped");
  expect(await lastLogged()).toMatchObject({ status: 0, fault: "drop", method: "POST" });
});

test.each([
  ["500-after", 500],
  ["502-after", 502],
  ["503-after", 503],
  ["504-after", 504],
])("a %s fault applies the write, then fails", async (kind, status) => {
  await script({ kind });
  const answer = await create(`After ${kind}`);
  expect(answer.status).toBe(status);
  expect(await names()).toContain(`After ${kind}`);
});

test("a drop-after fault applies the write, then resets the connection", async () => {
  await create("Before drop-after");
  const uuid = (await api.call("GET", "/v1/device_groups?pageSize=1000", { token })).body.deviceGroups.find(
    (g: { displayName: string }) => g.displayName === "Before drop-after",
  ).uuid;
  await script({ kind: "drop-after", path: ":rename" });
  await expect(
    api.call("POST", `/v1/groups/${uuid}:rename`, { token, json: { displayName: "Renamed anyway" } }),
  ).rejects.toThrow();
  expect(await names()).toContain("Renamed anyway");
});

test("script entries hit only matching calls, in order, count times", async () => {
  await script({ kind: "503", method: "DELETE", count: 2 }, { kind: "500", path: "/v1/device_groups" });
  expect((await create("Not matched")).status).toBe(200);
  expect(
    (await api.call("DELETE", "/v1/groups/0000dead-0000-4000-8000-000000000001", { token })).status,
  ).toBe(503);
  const settings = (await api.control("GET", "settings")).body;
  expect(settings.faults.script).toEqual([
    { kind: "503", method: "DELETE", count: 1 },
    { kind: "500", path: "/v1/device_groups", count: 1 },
  ]);
  expect((await api.call("GET", "/v1/device_groups", { token })).status).toBe(500);
  expect(
    (await api.call("DELETE", "/v1/groups/0000dead-0000-4000-8000-000000000001", { token })).status,
  ).toBe(503);
  expect(
    (await api.call("DELETE", "/v1/groups/0000dead-0000-4000-8000-000000000001", { token })).status,
  ).toBe(404);
});

test("faults reach /oauth/token too", async () => {
  await script({ kind: "503", path: "/oauth/token" });
  const form = { grant_type: "password", username: "demo@example.com", password: "demo-password" };
  expect((await api.call("POST", "/oauth/token", { form })).status).toBe(503);
  expect((await api.call("POST", "/oauth/token", { form })).status).toBe(200);
});

test("faults.rate draws a kind from faults.kinds", async () => {
  await api.control("PUT", "settings", { faults: { rate: 0.5, kinds: ["500", "504"] } });
  // draw 1: rate hit (0.1 < 0.5), kind index floor(0.6 * 2) = 1 → 504; draw 2: rate missed.
  draws.push(0.1, 0.6, 0.7);
  expect((await api.call("GET", "/v1/device_groups", { token })).status).toBe(504);
  expect((await api.call("GET", "/v1/device_groups", { token })).status).toBe(200);
  await api.control("PUT", "settings", { faults: { rate: 0 } });
});

test("the control plane is never faulted", async () => {
  await api.control("PUT", "settings", { faults: { rate: 1, kinds: ["500"] } });
  draws.push(0, 0);
  const answers = await Promise.all([api.control("GET", "state"), api.control("GET", "settings")]);
  await api.control("PUT", "settings", { faults: { rate: 0 } });
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  draws.length = 0;
});
