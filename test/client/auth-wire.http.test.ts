/**
 * Sign-in as ESET's wire may really behave, each unknown played both ways by the emulator
 * (docs/emulator.md, "ESET's wire and its unknowns"): `expires_in` left out of the token answer
 * (`tokenExpiresIn`), and a bad token answered 400 instead of 401 (`badTokenStatus`).
 */
import { isBadTokenAnswer } from "../../provider/client/auth";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { harness } from "./harness";

let emulator: TestEmulator;
let userCount = 0;

beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
});
afterAll(() => emulator.close());
afterEach(() => emulator.settings({ tokenExpiresIn: "emit", badTokenStatus: 401 }));

/** A user of its own per test: tokens are cached per process, keyed by address and username. */
async function newUser() {
  const username = `wire-user-${++userCount}@example.com`;
  const password = `pw-${userCount}-secret`;
  await emulator.seed({ tenants: [{ id: emulator.tenant, users: [{ username, password }] }] });
  return { username, password };
}

const grants = (sent: Array<{ path: string; form?: Record<string, string> }>) =>
  sent.filter((r) => r.path === "/oauth/token").map((r) => r.form?.grant_type);

describe.each(["emit", "omit"] as const)("sign-in with tokenExpiresIn %s", (tokenExpiresIn) => {
  it("signs in and calls the API", async () => {
    await emulator.settings({ tokenExpiresIn });
    const h = harness(emulator, await newUser());
    expect(await h.client.listDeviceGroups()).toHaveLength(2);
    expect(grants(h.sent)).toEqual(["password"]);
  });
});

describe.each([401, 400] as const)("a bad token answered %i", (badTokenStatus) => {
  it("renews once with the refresh token and resends", async () => {
    await emulator.settings({ badTokenStatus });
    const h = harness(emulator, await newUser());
    await h.client.listDeviceGroups();
    await emulator.advanceClock(3600_000 + 1000); // the server's token expires; the client does not know
    await emulator.clearRequests();
    const results = await Promise.all(Array.from({ length: 5 }, () => h.client.listDeviceGroups()));
    expect(results.every((r) => r.length === 2)).toBe(true);
    expect(grants(h.sent)).toEqual(["password", "refresh_token"]);
    expect(h.client.metrics.tokenRenewalsAfter401).toBe(1);
    const log = await emulator.requests();
    expect(log.filter((r) => r.status === badTokenStatus)).toHaveLength(5);
    expect(log.filter((r) => r.path === "/v1/device_groups" && r.status === 200)).toHaveLength(5);
  });

  it("with tokenExpiresIn omit too (an hour is assumed)", async () => {
    await emulator.settings({ badTokenStatus, tokenExpiresIn: "omit" });
    const h = harness(emulator, await newUser());
    await h.client.listDeviceGroups();
    await emulator.advanceClock(3600_000 + 1000);
    expect(await h.client.listDeviceGroups()).toHaveLength(2);
    expect(grants(h.sent)).toEqual(["password", "refresh_token"]);
  });
});

describe("isBadTokenAnswer", () => {
  const answer = (status: number, body: unknown) => ({ status, headers: {}, body });
  it.each([
    [answer(401, undefined), true],
    [answer(400, { code: 16, message: "invalid access token", details: [] }), true],
    [answer(400, { code: "UNAUTHENTICATED" }), true],
    [answer(400, { message: "Bad or missing authorization." }), true],
    [answer(400, "Token has expired or is invalid"), true],
    [answer(400, { code: 3, message: "displayName: must not be empty" }), false],
    [answer(400, {}), false],
    [answer(400, undefined), false],
    [answer(403, { code: 16 }), false],
  ])("%j -> %s", (response, expected) => {
    expect(isBadTokenAnswer(response)).toBe(expected);
  });
});
