// Preview is a promise: what `pulumi up` would fail on, `pulumi preview` refuses already, naming
// the input, through the engine harness (real SDK, real dynamic-provider host) on examples/basic.
// Not one API write reaches the emulator; a preview with nothing to create or move makes no call.
// The refusals come from the tree before any write, so the emulator's user-error mode cannot
// change an answer: the file runs in the 400 mode only (test/support/user-error-modes.ts).
import { startEmulator, type RunningEmulator } from "../../emulator";
import { emulatorControl, type EmulatorControl } from "../../emulator/control-client";
import { BasicStack, liveTree } from "../engine/basic-stack";
import { assertBuilt, errorsOf, RUN_TIMEOUT_MS, type EngineRun } from "../engine/run-engine";

beforeAll(() => assertBuilt({ provider: true }));
jest.setTimeout(3 * RUN_TIMEOUT_MS);

const ALL = "00000000-0000-0000-7001-000000000001";
const MISSING = "11111111-1111-4111-8111-111111111111";
const EMEA_PARENT = "  parentGroupUuid: ALL_GROUP_UUID,\n  // Set at creation only";

describe("preview refuses what up would fail on", () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  const stacks: BasicStack[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
    control = emulatorControl(emulator.url);
  });
  afterAll(async () => {
    for (const s of stacks) s.cleanup();
    await emulator?.close();
  });
  beforeEach(async () => {
    await control.reset();
  });

  function newStack(label: string): BasicStack {
    const stack = new BasicStack(
      { url: emulator.url, username: emulator.defaults.username, password: emulator.defaults.password },
      label,
    );
    stacks.push(stack);
    return stack;
  }

  /** The API writes of the emulator's request log (token calls and reads left out). */
  async function writes(): Promise<string[]> {
    return (await control.requests())
      .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
      .map((r) => `${r.method} ${r.path}`);
  }

  async function expectRefused(run: EngineRun, ...texts: string[]): Promise<void> {
    expect(run.code).toBe(1);
    const errors = errorsOf(run.report).join("\n");
    for (const text of texts) expect(errors).toContain(text);
    expect(await writes()).toEqual([]);
  }

  it("a parent that does not exist", async () => {
    const stack = newStack("missing-parent");
    stack.edit(EMEA_PARENT, `  parentGroupUuid: "${MISSING}",\n  // Set at creation only`);
    await expectRefused(
      await stack.run("preview"),
      `parentGroupUuid: ${MISSING} is not a group of this tenant, so ESET cannot create a group under it.`,
    );
  });

  it("a sibling name already taken in ESET", async () => {
    await control.seed({ tenants: [{ id: "demo", groups: [{ displayName: "EMEA" }] }] });
    const taken = liveTree(await control.state()).uuids["All/EMEA"];
    const stack = newStack("taken-name");
    await expectRefused(
      await stack.run("preview"),
      `displayName: a group with this name already exists under "All" (${ALL}): ${taken}. An interrupted earlier ` +
        "run of this stack",
      `set existingUuid: "${taken}" on the resource instead`,
    );
  });

  it("a sibling name taken by another resource of the same stack", async () => {
    const stack = newStack("two-resources");
    stack.edit(
      "const germany = new Group(",
      `new Group("emea-again", { displayName: "EMEA", parentGroupUuid: ALL_GROUP_UUID });\n\nconst germany = new Group(`,
    );
    await expectRefused(
      await stack.run("preview"),
      `displayName: another resource of this stack (a new group) also puts a group named "EMEA" under "All" (${ALL}) ` +
        "in this run, and ESET refuses two siblings with one name.",
    );
  });

  it("adopting Lost & found", async () => {
    const stack = newStack("lost-and-found");
    const lost = emulator.defaults.lostAndFoundUuid;
    stack.edit(
      EMEA_PARENT,
      `  parentGroupUuid: ALL_GROUP_UUID,\n  existingUuid: "${lost}",\n  // Set at creation only`,
    );
    await expectRefused(
      await stack.run("preview"),
      `existingUuid: is ESET's special group "All / Lost & found" (${lost}), which ESET Connect cannot rename, move ` +
        "or delete, so a Group cannot manage it. Remove existingUuid; to refer to the group, use a GroupAnchor.",
    );
  });

  it("a move under the group's own subgroup, after an up; a preview with no change makes no call", async () => {
    const stack = newStack("own-subgroup");
    const up = await stack.run("up");
    expect(errorsOf(up.report)).toEqual([]);
    const berlin = liveTree(await control.state()).uuids["All/EMEA/Germany/Berlin"];

    await control.clearRequests();
    const same = await stack.run("preview", ["--expect-no-changes"]);
    expect(errorsOf(same.report)).toEqual([]);
    expect(await control.requests()).toEqual([]);

    stack.edit(EMEA_PARENT, `  parentGroupUuid: "${berlin}",\n  // Set at creation only`);
    await control.clearRequests();
    await expectRefused(
      await stack.run("preview"),
      `parentGroupUuid: ${berlin} is its own subgroup "All / EMEA / Germany / Berlin" (${berlin}): a group cannot ` +
        "move below itself.",
    );
    // One listing served every resource.
    const listings = (await control.requests()).filter((r) => r.path === "/v1/device_groups");
    expect(listings).toHaveLength(1);
  });
});
