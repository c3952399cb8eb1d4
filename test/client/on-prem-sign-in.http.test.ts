/**
 * ESET PROTECT On-Prem's sign-in body is an unknown (docs/emulator.md, "The On-Prem sign-in body"):
 * the client signs in whichever of the three published shapes the server takes, moving to the next
 * only on an answer that says the body was not understood, and remembers the shape for the process.
 * One emulator per `--on-prem-sign-in` value: the shape is remembered per server origin.
 */
import { isAuthError } from "../../provider/client/errors";
import { ApiRequest } from "../../provider/client/http";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { harness } from "./harness";

const MODES = ["any", "eset-doc", "grant-type-camel", "grant-type-text"] as const;
type Mode = (typeof MODES)[number];

/** The client's order: ESET's documented body, then Fenrindale's (13.1), then maciekaz's. */
const CALLS_UNTIL_SIGNED_IN: Record<Mode, number> = {
  any: 1,
  "eset-doc": 1,
  "grant-type-camel": 2,
  "grant-type-text": 3,
};

/** Which published shape a body the client sent has. */
function shapeOf(body: unknown): Exclude<Mode, "any"> | "other" {
  const b = body as Record<string, unknown>;
  if (b.grant_type === 0 && !("grantType" in b)) return "eset-doc";
  if (b.grantType === "PASSWORD" && !("grant_type" in b)) return "grant-type-camel";
  if (b.grant_type === "password" && !("grantType" in b)) return "grant-type-text";
  return "other";
}

const signIns = (sent: ApiRequest[]) =>
  sent.filter((r) => r.path === "/GetTokens").map((r) => shapeOf(r.json));

let userCount = 0;

describe.each(MODES)("On-Prem sign-in against --on-prem-sign-in %s", (mode) => {
  // A new emulator (a new origin) per test: the client remembers the shape per origin and process.
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator({
      settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem", onPremSignIn: mode },
    });
  });
  afterEach(() => emulator.close());

  async function newUser() {
    const username = `sign-in-${mode}-${++userCount}@example.com`;
    const password = `pw-${userCount}-secret`;
    await emulator.seed({ tenants: [{ id: emulator.tenant, users: [{ username, password }] }] });
    return { username, password };
  }
  const onPrem = async (user?: { username: string; password: string }, extra: Record<string, unknown> = {}) =>
    harness(emulator, {
      endpoint: undefined,
      serverUrl: emulator.url,
      ...(user ?? (await newUser())),
      ...extra,
    });
  const liveName = async (uuid: string) =>
    (await emulator.state()).tenants[0].groups.find((g) => g.uuid === uuid)?.displayName;

  it("signs in, creates, renames and reads a group; later sign-ins of the process take one call", async () => {
    const h = await onPrem();
    const group = await h.client.createGroup({
      displayName: "Sales",
      parentGroupUuid: emulator.allGroupUuid,
    });
    await h.client.renameGroup(group.uuid, "Sales EU");
    expect((await h.client.listDeviceGroups()).map((g) => g.displayName)).toContain("Sales EU");
    expect(await liveName(group.uuid)).toBe("Sales EU");
    // Shapes the server does not take cost one call each, once: then the one it takes.
    const shapes = signIns(h.sent);
    expect(shapes).toHaveLength(CALLS_UNTIL_SIGNED_IN[mode]);
    expect(shapes.at(-1)).toBe(mode === "any" ? "eset-doc" : mode);
    expect(h.client.metrics.tokenRequests).toBe(CALLS_UNTIL_SIGNED_IN[mode]);

    const again = await onPrem(undefined, { domainUser: true });
    await again.client.renameGroup(group.uuid, "Sales EMEA");
    expect(await liveName(group.uuid)).toBe("Sales EMEA");
    expect(signIns(again.sent)).toEqual([shapes.at(-1)]);
    expect(again.client.metrics.tokenRequests).toBe(1);
    expect(again.sent.find((r) => r.path === "/GetTokens")?.json).toMatchObject({ is_domain_user: true });
  });

  it("a wrong password gives the usual clear error, and the password is checked once", async () => {
    const { username } = await newUser();
    const h = await onPrem({ username, password: "not-the-password" });
    const error = await h.client.listDeviceGroups().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^400 Bad request while signing in to ESET Connect as ${username}: the username or password was rejected; check eset:username / ESET_CONNECT_USERNAME and eset:password / ESET_CONNECT_PASSWORD \\(ESET: invalid username or password\\) \\(request-id [0-9a-f-]{36}\\)$`,
      ),
    );
    expect((error as Error).message).not.toContain("not-the-password");
    // Shapes the server does not take are skipped; the one it takes meets the password and stops.
    const shapes = signIns(h.sent);
    expect(shapes).toHaveLength(CALLS_UNTIL_SIGNED_IN[mode]);
    expect(shapes.at(-1)).toBe(mode === "any" ? "eset-doc" : mode);
    const refusals = (await emulator.requests()).filter((r) => r.path === "/GetTokens").map((r) => r.status);
    expect(refusals).toEqual(Array(CALLS_UNTIL_SIGNED_IN[mode]).fill(400));
  });
});
