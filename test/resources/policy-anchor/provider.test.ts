// The PolicyAnchor methods over a client whose transport is an in-memory stand-in.
import { policyAnchorMethods } from "../../../provider/resources/policy-anchor/provider";
import { UNKNOWN } from "../../../provider/resources/inputs";
import { FakePolicyServer, uuidOf } from "../../client/policies-fake";

const BALANCED = uuidOf(1, "b");
const STRICT = uuidOf(2, "c");
const COPY = uuidOf(3, "c");

function world(): FakePolicyServer {
  const server = new FakePolicyServer();
  server.policies.push(
    { uuid: BALANCED, displayName: "Antivirus - Balanced", builtIn: true },
    { uuid: STRICT, displayName: "Strict USB" },
    { uuid: COPY, displayName: "Strict USB" },
  );
  return server;
}

const methods = (server: FakePolicyServer) => {
  const client = server.client();
  return policyAnchorMethods(() => client);
};

describe("PolicyAnchor", () => {
  it("finds a policy by name in check, so its uuid is known in preview", async () => {
    const result = await methods(world()).check!({}, { displayName: "Antivirus - Balanced" });
    expect(result).toEqual({
      inputs: { uuid: BALANCED, displayName: "Antivirus - Balanced", description: "", builtIn: true },
    });
  });

  it("finds a policy by uuid", async () => {
    const result = await methods(world()).check!({}, { uuid: STRICT });
    expect(result.inputs).toMatchObject({ uuid: STRICT, displayName: "Strict USB", builtIn: false });
  });

  it.each([
    [{}, "displayName", "is required unless uuid is given"],
    [{ uuid: STRICT, displayName: "Strict USB" }, "displayName", "must be left out when uuid is given"],
    [{ displayName: "Antivirus - Balancd" }, "displayName", 'no policy is named "Antivirus - Balancd"'],
    [{ displayName: "Antivirus - Balancd" }, "displayName", 'did you mean "Antivirus - Balanced"?'],
    [{ displayName: "Strict USB" }, "displayName", `"Strict USB" names 2 policies (${STRICT}, ${COPY})`],
    [{ uuid: uuidOf(9, "f") }, "uuid", "is not a policy of this tenant"],
    [{ displayNme: "x", uuid: STRICT }, "displayNme", "did you mean displayName?"],
  ])("check refuses %j naming %s", async (news, property, reason) => {
    const { failures } = await methods(world()).check!({}, news);
    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });

  it("passes a name not known yet through", async () => {
    expect((await methods(world()).check!({}, { displayName: UNKNOWN })).failures).toBeUndefined();
  });

  it("one listing serves every anchor of a run", async () => {
    const server = world();
    const m = methods(server);
    await m.check!({}, { displayName: "Antivirus - Balanced" });
    await m.check!({}, { uuid: STRICT });
    await m.create!({ uuid: STRICT });
    expect(server.log.filter((l) => l === "GET /v2/policies")).toHaveLength(1);
  });

  it("read reports a rename as drift and a deleted policy as gone; delete makes no call", async () => {
    const server = world();
    const created = await methods(server).create!({ uuid: STRICT, displayName: "Strict USB" });
    server.policies[1].displayName = "Strict USB v2";
    const read = await methods(server).read!(created.id, created.outs);
    expect(read.props).toMatchObject({ displayName: "Strict USB v2" });
    expect((await methods(server).diff!(created.id, read.props, created.outs)).changes).toBe(true);
    server.policies.splice(1, 1);
    expect(await methods(server).read!(created.id, created.outs)).toEqual({});
    const before = server.log.length;
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    await methods(server).delete!(created.id, created.outs);
    log.mockRestore();
    expect(server.log.length).toBe(before);
  });

  it("another policy behind the anchor is a replacement that deletes nothing", async () => {
    const olds = { uuid: STRICT, displayName: "Strict USB", description: "", builtIn: false };
    expect(await methods(world()).diff!(STRICT, olds, { ...olds, uuid: COPY })).toEqual({
      changes: true,
      replaces: ["uuid"],
      deleteBeforeReplace: false,
    });
    expect((await methods(world()).diff!(STRICT, olds, { ...olds })).changes).toBe(false);
  });

  it("an anchor named as in the last run is not looked up again: a no-op preview makes no call", async () => {
    const server = world();
    const stored = { uuid: STRICT, displayName: "Strict USB", description: "", builtIn: false };
    expect(await methods(server).check!(stored, { displayName: "Strict USB" })).toEqual({ inputs: stored });
    expect(await methods(server).check!(stored, { uuid: STRICT })).toEqual({ inputs: stored });
    expect(server.log).toEqual([]);
    // Named another way than before: looked up again.
    expect(
      (await methods(server).check!(stored, { displayName: "Antivirus - Balanced" })).inputs,
    ).toMatchObject({
      uuid: BALANCED,
    });
  });
});
