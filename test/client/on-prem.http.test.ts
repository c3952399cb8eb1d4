/**
 * ESET PROTECT On-Prem: one origin (`serverUrl`) and `POST /GetTokens` sign-in, against the
 * emulator's `deployment: "on-prem"` (docs/emulator.md, "ESET's wire and its unknowns").
 */
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { harness } from "./harness";

let emulator: TestEmulator;
let userCount = 0;

beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" } });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.reset();
  await emulator.settings({ rateLimit: { perSecond: 0 }, deployment: "on-prem" });
});

async function newUser() {
  const username = `onprem-user-${++userCount}@example.com`;
  const password = `pw-${userCount}-secret`;
  await emulator.seed({ tenants: [{ id: emulator.tenant, users: [{ username, password }] }] });
  return { username, password };
}

const onPrem = async (extra: Record<string, unknown> = {}) =>
  harness(emulator, { endpoint: undefined, serverUrl: emulator.url, ...(await newUser()), ...extra });

describe("ESET PROTECT On-Prem", () => {
  it.each(["emit", "omit"] as const)(
    "signs in with POST /GetTokens, one call (expiresIn %s)",
    async (tokenExpiresIn) => {
      // Groups managed under each sign-in body: on-prem-sign-in.http.test.ts.
      await emulator.settings({ tokenExpiresIn });
      const h = await onPrem();
      expect(await h.client.listDeviceGroups()).toHaveLength(2);
      expect(h.sent.filter((r) => r.service === "auth").map((r) => r.path)).toEqual(["/GetTokens"]);
      const signIn = h.sent.find((r) => r.path === "/GetTokens");
      // ESET's documented body first (on-prem-sign-in.ts); the emulator takes any by default.
      expect(signIn?.json).toEqual({
        username: expect.any(String),
        password: expect.any(String),
        grant_type: 0,
      });
    },
  );

  it("says is_domain_user for an Active Directory user", async () => {
    const h = await onPrem({ domainUser: true });
    await h.client.listDeviceGroups();
    expect(h.sent.find((r) => r.path === "/GetTokens")?.json).toMatchObject({ is_domain_user: true });
  });

  it("signs in again with the password when the token expires (On-Prem has no refresh token)", async () => {
    const h = await onPrem();
    await h.client.listDeviceGroups();
    await emulator.advanceClock(3600_000 + 1000);
    expect(await h.client.listDeviceGroups()).toHaveLength(2);
    expect(h.sent.filter((r) => r.service === "auth").map((r) => r.path)).toEqual([
      "/GetTokens",
      "/GetTokens",
    ]);
  });
});
