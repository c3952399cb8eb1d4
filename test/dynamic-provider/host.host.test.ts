import { ProviderHost, UNKNOWN, startProviderHost } from "../support/provider-host";
import { serializedGpoSccmFileProvider, serializedGroupProvider } from "../resources/serialize";

describe("check and diff through the real dynamic-provider host", () => {
  let host: ProviderHost;
  let groupText: string;
  let gpoText: string;

  beforeAll(async () => {
    [groupText, gpoText] = await Promise.all([serializedGroupProvider(), serializedGpoSccmFileProvider()]);
    host = await startProviderHost();
    await host.configure({});
  });
  afterAll(() => host.close());

  it("fills in defaults and keeps __provider", async () => {
    const result = await host.check(
      {},
      { __provider: groupText, displayName: "Sales", parentGroupUuid: "p1" },
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      __provider: groupText,
      displayName: "Sales",
      parentGroupUuid: "p1",
      description: "",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
      releaseConsumedUnitsOnDelete: false,
      forceDestroy: false,
      allowReplace: false,
    });
  });

  it("reports failures by property", async () => {
    const result = await host.check({}, { __provider: groupText, parentGroupUuid: UNKNOWN });
    expect(result.failures).toEqual([
      { property: "displayName", reason: "is required: the group's name as shown in ESET PROTECT" },
    ]);
  });

  it("reports a move as an in-place change", async () => {
    const olds = { __provider: groupText, displayName: "Sales", parentGroupUuid: "p1", uuid: "g1" };
    const result = await host.diff("g1", olds, { ...olds, parentGroupUuid: "p2" });
    expect(result).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  });

  it("serves both resource kinds from one host", async () => {
    const result = await host.diff(
      "f1",
      { __provider: gpoText },
      { __provider: gpoText, triggers: { a: "1" } },
    );
    expect(result).toEqual({ changes: "some", replaces: ["triggers"], deleteBeforeReplace: false });
  });
});
