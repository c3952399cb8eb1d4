// Secrets (config, inputs, additionalSecretOutputs), unknown values in preview, and refresh after
// out-of-band changes.
import { assertBuilt, RUN_TIMEOUT_MS, errorsOf, step } from "./run-engine";
import { ToyWorld } from "./toy-world";
import type { ToySpec } from "./fixtures/toy/spec";

beforeAll(assertBuilt);
// Several harness runs per test, each a few seconds (more on a loaded machine).
jest.setTimeout(3 * RUN_TIMEOUT_MS);

const world = new ToyWorld();
afterAll(() => world.cleanup());

const SECRET = "s3cret-value-9f2";
const secretFlags = ["--secret-config", `toy:apiToken=${SECRET}`];
const spec: ToySpec = {
  resources: [
    { name: "a", props: { size: 1 } },
    {
      name: "b",
      props: { fromA: { $ref: "a.outId" }, password: { $secretConfig: "apiToken" } },
      options: { additionalSecretOutputs: ["token"] },
    },
  ],
  outputs: { aId: "a.outId", bToken: "b.token", bFromA: "b.fromA" },
};

it("preview shows values not known yet as unknown", async () => {
  world.spec(spec);
  const preview = await world.run("preview", secretFlags);
  expect(preview.code).toBe(0);
  expect(step(preview.report, "b").outputs).toMatchObject({ fromA: "[unknown]", password: "[secret]" });
  expect(preview.report.outputs).toEqual({ aId: "[unknown]", bToken: "[unknown]", bFromA: "[unknown]" });
});

it("keeps secrets secret: decrypted for the provider, [secret] when shown, encrypted in the state", async () => {
  const up = await world.run("up", secretFlags);
  expect(up.code).toBe(0);
  const b = world.resource("b")!;
  expect(up.report.outputs).toEqual({ aId: "a-1", bToken: "[secret]", bFromA: "a-1" });
  expect(step(up.report, "b").outputs).toMatchObject({
    token: "[secret]",
    password: "[secret]",
    outId: b.id,
  });
  // The provider got the plain values (configure and create).
  expect(world.store().configSeen?.["toy:apiToken"]).toBe(SECRET);
  expect(world.store().objects[b.id!]).toMatchObject({ password: SECRET, token: `token-of-${b.id}` });
  // The state holds ciphertext only.
  expect(world.stateText()).not.toContain(SECRET);
  expect(world.stateText()).not.toContain(`token-of-${b.id}`);
  expect(b.outputs.token).toEqual({
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    ciphertext: expect.stringMatching(/^v1:/),
  });
  // ...which only the same passphrase opens.
  const wrong = await world.run("preview", secretFlags, { PULUMI_CONFIG_PASSPHRASE: "another" });
  expect(wrong.code).toBe(1);
  expect(errorsOf(wrong.report).join("\n")).toMatch(/written with a different PULUMI_CONFIG_PASSPHRASE/);
});

it("finds drift with refresh, and up repairs it", async () => {
  world.editStore((s) => {
    s.objects["a-1"].size = 99;
  });
  const preview = await world.run("preview", [...secretFlags, "--refresh", "--expect-no-changes"]);
  expect(preview.code).toBe(7);
  expect(step(preview.report, "a", "refresh")).toMatchObject({ op: "update", diffs: ["size"] });
  expect(step(preview.report, "a")).toMatchObject({ op: "update", diffs: ["size"] });
  expect(errorsOf(preview.report)).toEqual(["no changes were expected but changes were proposed"]);
  expect(world.resource("a")!.outputs.size).toBe(1); // a preview writes nothing

  const refresh = await world.run("refresh", [...secretFlags, "--expect-no-changes"]);
  expect(refresh.code).toBe(7);
  expect(refresh.report.changeSummary).toEqual({ update: 1, same: 1 });
  expect(world.resource("a")!.outputs.size).toBe(99);

  const up = await world.run("up", secretFlags);
  expect(step(up.report, "a")).toMatchObject({ op: "update", id: "a-1" });
  expect(world.store().objects["a-1"].size).toBe(1);
});

it("drops what was deleted out of band on refresh, and up creates it again", async () => {
  world.editStore((s) => {
    delete s.objects["a-1"];
  });
  const refresh = await world.run("refresh", secretFlags);
  expect(step(refresh.report, "a", "refresh").op).toBe("delete");
  expect(world.resource("a")).toBeUndefined();

  const up = await world.run("up", secretFlags);
  expect(step(up.report, "a").op).toBe("create");
  // b follows the new id of a through its input.
  expect(step(up.report, "b")).toMatchObject({ op: "update", diffs: ["fromA"] });
  expect(world.liveNames()).toEqual(["a", "b"]);
});
