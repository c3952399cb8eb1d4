import type { RunningEmulator } from "../../../emulator";
import { Api, startForTest } from "./api";

let emulator: RunningEmulator;
let api: Api;

beforeAll(async () => ({ emulator, api } = await startForTest()));
afterAll(() => emulator.close());

interface Listed {
  kind: string;
  token: string;
  username: string;
  issuedAt: string;
}

async function listed(): Promise<Listed[]> {
  const answer = await api.control("GET", "tokens");
  expect(answer.status).toBe(200);
  return answer.body.tokens as Listed[];
}

describe("GET /_emulator/tokens", () => {
  test("lists every access and refresh token issued, spent ones included, and survives a reset", async () => {
    const before = (await listed()).length;
    const first = await api.call("POST", "/oauth/token", {
      form: { grant_type: "password", username: "demo@example.com", password: "demo-password" },
    });
    const refreshed = await api.call("POST", "/oauth/token", {
      form: { grant_type: "refresh_token", refresh_token: first.body.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    await api.control("POST", "reset");

    const tokens = (await listed()).slice(before);
    expect(tokens.map((t) => [t.kind, t.token, t.username])).toEqual([
      ["access", first.body.access_token, "demo@example.com"],
      ["refresh", first.body.refresh_token, "demo@example.com"],
      ["access", refreshed.body.access_token, "demo@example.com"],
      ["refresh", refreshed.body.refresh_token, "demo@example.com"],
    ]);
    expect(tokens.every((t) => !Number.isNaN(Date.parse(t.issuedAt)))).toBe(true);
  });

  test("includes a token whose answer was dropped on the wire, and is not in the request log", async () => {
    await api.control("PUT", "settings", {
      faults: { script: [{ kind: "drop-after", path: "/oauth/token" }] },
    });
    const before = (await listed()).length;
    await expect(
      fetch(`${emulator.url}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=password&username=demo%40example.com&password=demo-password",
      }),
    ).rejects.toThrow();
    const tokens = (await listed()).slice(before);
    expect(tokens.map((t) => t.kind)).toEqual(["access", "refresh"]);
    const log = (await api.control("GET", "requests")).body.requests as { path: string }[];
    expect(log.some((e) => e.path === "/_emulator/tokens")).toBe(false);
  });

  test("never lists a password", async () => {
    await api.signIn();
    expect((await api.control("GET", "tokens")).text).not.toContain("demo-password");
  });
});
