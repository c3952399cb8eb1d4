/**
 * Creates idempotent across runs, against the emulator over HTTP, with ESET answering user errors
 * with 400 and with 403 (its error_codes page: "HTTP 403: All user errors"). The derived uuids
 * themselves: client-uuid.test.ts; the decisions on in-memory trees: create-across-runs.test.ts.
 */
import { clientUuidCandidates, groupClientUuid } from "../../provider/client/client-uuid";
import { ClientUuidTakenError } from "../../provider/client/create-across-runs";
import { startTestEmulator, TestEmulator } from "../support/emulator";
import { EMEA, harness, liveTree, resetToDemoTree } from "./harness";
import { uuidOf } from "../support/uuids";
const BY_HAND_UUID = uuidOf("by-hand");

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

describe.each([400, 403] as const)("createOwnGroup (user errors answered %i)", (userErrorStatus) => {
  const clientUuid = groupClientUuid("shop", "prod", "munich");
  const [first, second] = clientUuidCandidates(clientUuid);
  const wanted = { displayName: "Munich", parentGroupUuid: EMEA, clientUuid };

  beforeEach(async () => {
    await resetToDemoTree(emulator);
    await emulator.settings({ userErrorStatus });
  });

  it("creates the group under the derived uuid", async () => {
    const { client } = harness(emulator);
    const result = await client.createOwnGroup(wanted);
    expect(result).toMatchObject({ madeEarlier: false, group: { uuid: first, displayName: "Munich" } });
  });

  it("a rerun recognises the group an interrupted run made, without a create", async () => {
    await emulator.seed({
      tenants: [
        { id: emulator.tenant, groups: [{ uuid: first, displayName: "Munich", parentGroupUuid: EMEA }] },
      ],
    });
    const h = harness(emulator);
    const result = await h.client.createOwnGroup(wanted);
    expect(result).toMatchObject({ madeEarlier: true, group: { uuid: first } });
    expect(h.sent.filter((r) => r.method === "POST" && r.path === "/v1/groups")).toEqual([]);
    expect((await liveTree(emulator)).filter((p) => p === "EMEA/Munich")).toHaveLength(1);
  });

  it("recognises its group when the snapshot was older than the earlier run's create", async () => {
    const h = harness(emulator);
    await h.client.readTree(); // the snapshot: no Munich yet
    await emulator.seed({
      tenants: [
        { id: emulator.tenant, groups: [{ uuid: first, displayName: "Munich", parentGroupUuid: EMEA }] },
      ],
    });
    const result = await h.client.createOwnGroup(wanted);
    // ESET refuses the uuid (in use); the fresh listing shows it is ours.
    expect(result).toMatchObject({ madeEarlier: true, group: { uuid: first } });
    expect((await liveTree(emulator)).filter((p) => p === "EMEA/Munich")).toHaveLength(1);
  });

  it("moves to the next derived uuid when ESET refuses the first and the tree does not explain it", async () => {
    // The first uuid is taken in another tenant: refused, and invisible to this one.
    await emulator.seed({
      tenants: [{ id: "other-tenant", groups: [{ uuid: first, displayName: "Elsewhere" }] }],
    });
    const h = harness(emulator);
    const result = await h.client.createOwnGroup(wanted);
    expect(result).toMatchObject({ madeEarlier: false, group: { uuid: second } });
    // A rerun walks the same uuids and finds it.
    const again = await harness(emulator).client.createOwnGroup(wanted);
    expect(again).toMatchObject({ madeEarlier: true, group: { uuid: second } });
    expect((await liveTree(emulator)).filter((p) => p === "EMEA/Munich")).toHaveLength(1);
  });

  it("stops at the first refusal when the parent does not exist, without trying the other uuids", async () => {
    const h = harness(emulator);
    const error = await h.client
      .createOwnGroup({ ...wanted, parentGroupUuid: uuidOf("no-such-parent") })
      .catch((e: unknown) => e);
    // ESET's unknown object: 404, or 403 where every user error is 403.
    expect(error).toMatchObject({ status: userErrorStatus === 403 ? 403 : 404 });
    expect(h.sent.filter((r) => r.method === "POST" && r.path === "/v1/groups")).toHaveLength(1);
  });

  it("refuses, naming the group, when its uuid now belongs to a renamed or moved group", async () => {
    await emulator.seed({
      tenants: [{ id: emulator.tenant, groups: [{ uuid: first, displayName: "Munich (renamed)" }] }],
    });
    const error = await harness(emulator)
      .client.createOwnGroup(wanted)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientUuidTakenError);
    expect((error as Error).message).toBe(
      `the uuid ${first} that this resource asks ESET for already belongs to group "All / Munich (renamed)" (${first}). ` +
        "An interrupted earlier run of this stack may have created it, and it was renamed or moved since. " +
        `To manage that group with this resource, set existingUuid: "${first}"; or delete that group and run again.`,
    );
    expect((await liveTree(emulator)).filter((p) => p.endsWith("/Munich"))).toEqual([]);
  });

  it("a same-named group with another uuid is left to the caller (the duplicate-name error), never duplicated", async () => {
    await emulator.seed({
      tenants: [
        {
          id: emulator.tenant,
          groups: [{ uuid: BY_HAND_UUID, displayName: "Munich", parentGroupUuid: EMEA }],
        },
      ],
    });
    const h = harness(emulator);
    await h.client.readTree();
    await emulator.seed({
      tenants: [
        {
          id: emulator.tenant,
          groups: [{ uuid: uuidOf("by-hand-2"), displayName: "Other", parentGroupUuid: EMEA }],
        },
      ],
    });
    const error = await h.client.createOwnGroup(wanted).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: userErrorStatus });
    expect((await liveTree(emulator)).filter((p) => p === "EMEA/Munich")).toHaveLength(1);
  });
});
