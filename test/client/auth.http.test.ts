/** Sign-in, refresh, expiry in the middle of a run, and refused credentials, against the emulator. */
import { isAuthError } from "../../provider/client/errors";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { harness } from "./harness";

let emulator: TestEmulator;
let userCount = 0;

beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
});
afterAll(() => emulator.close());

/** A user of its own per test: tokens are cached per process, keyed by address and username. */
async function newUser() {
  const username = `auth-user-${++userCount}@example.com`;
  const password = `pw-${userCount}-secret`;
  await emulator.seed({ tenants: [{ id: emulator.tenant, users: [{ username, password }] }] });
  return { username, password };
}

const grants = (sent: Array<{ path: string; form?: Record<string, string> }>) =>
  sent.filter((r) => r.path === "/oauth/token").map((r) => r.form?.grant_type);

describe("authentication", () => {
  it("signs in once for many concurrent calls", async () => {
    const h = harness(emulator, await newUser());
    await emulator.clearRequests();
    await Promise.all(Array.from({ length: 30 }, () => h.client.listDeviceGroups()));
    expect(grants(h.sent)).toEqual(["password"]);
    expect((await emulator.requests()).filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    expect(h.client.metrics.tokenRequests).toBe(1);
  });

  it("renews once with the refresh token when the token expires in the middle of a run", async () => {
    const h = harness(emulator, await newUser());
    await h.client.listDeviceGroups();
    await emulator.advanceClock(3600_000 + 1000); // the server's token expires; the client does not know
    await emulator.clearRequests();
    const results = await Promise.all(Array.from({ length: 10 }, () => h.client.listDeviceGroups()));
    expect(results.every((r) => r.length === 2)).toBe(true);
    expect(grants(h.sent)).toEqual(["password", "refresh_token"]);
    expect(h.client.metrics.tokenRenewalsAfter401).toBe(1);
    const log = await emulator.requests();
    expect(log.filter((r) => r.status === 401)).toHaveLength(10);
    expect(log.filter((r) => r.path === "/v1/device_groups" && r.status === 200)).toHaveLength(10);
  });

  it("falls back to the password grant when the refresh token is refused", async () => {
    const h = harness(emulator, await newUser());
    await h.client.listDeviceGroups();
    await emulator.advanceClock(25 * 3600_000); // refresh tokens live a day in the emulator
    await h.client.listDeviceGroups();
    expect(grants(h.sent)).toEqual(["password", "refresh_token", "password"]);
  });

  it("refreshes ahead of expiry, before the server refuses the token", async () => {
    let ahead = 0;
    const h = harness(emulator, await newUser(), { now: () => Date.now() + ahead });
    await h.client.listDeviceGroups();
    ahead = 3600_000 - 30_000; // 30 s before expiry: inside the 60 s renewal margin
    await emulator.clearRequests();
    await h.client.listDeviceGroups();
    expect(grants(h.sent)).toEqual(["password", "refresh_token"]);
    expect((await emulator.requests()).map((r) => r.status)).toEqual([200, 200]);
  });

  it("shares tokens between clients of the same user", async () => {
    const user = await newUser();
    const first = harness(emulator, user);
    const second = harness(emulator, user);
    await first.client.listDeviceGroups();
    await second.client.listDeviceGroups();
    expect(grants(first.sent)).toEqual(["password"]);
    expect(grants(second.sent)).toEqual([]);
  });

  it("does not lend a signed-in user's token to a client with a wrong password", async () => {
    const user = await newUser();
    await harness(emulator, user).client.listDeviceGroups();
    const wrong = harness(emulator, { username: user.username, password: "not-the-password" });
    await expect(wrong.client.listDeviceGroups()).rejects.toMatchObject({ name: "AuthError", status: 400 });
  });

  it("refuses a wrong password with an AuthError naming the settings, without retrying", async () => {
    const { username } = await newUser();
    const h = harness(emulator, { username, password: "not-the-password" });
    const error = await h.client.listDeviceGroups().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operation: "signIn" });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^400 Bad request while signing in to ESET Connect as ${username}: the username or password was rejected; check eset:username / ESET_CONNECT_USERNAME and eset:password / ESET_CONNECT_PASSWORD \\(ESET: .+\\) \\(request-id [0-9a-f-]{36}\\)$`,
      ),
    );
    expect(grants(h.sent)).toEqual(["password"]);
  });
});
