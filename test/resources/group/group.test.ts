import { groupClientUuid } from "../../../provider/client/client-uuid";
import { Group } from "../../../provider/resources/group/group";
import { useMockedPulumi, valueOf } from "../../support/pulumi-mocks";
import { serializedGroupProvider } from "../serialize";

const registered = useMockedPulumi((args) =>
  args.type.endsWith(":Group")
    ? { uuid: `uuid-of-${args.name}`, ownerUuid: "tenant-1" }
    : { gpoSccmFile: "aGVsbG8=", content: "hello", sha256: "2cf24d" },
);

const find = (name: string) => registered.find((r) => r.name === name);

describe("Group", () => {
  it("registers the stable type token with only the given inputs and the serialized provider", async () => {
    const group = new Group("sales", { displayName: "Sales", parentGroupUuid: "parent-1" });
    expect(await valueOf(group.uuid)).toBe("uuid-of-sales");
    const args = find("sales");
    expect(args?.type).toBe("pulumi-nodejs:dynamic/eset-connect:Group");
    expect(args?.inputs).toEqual({
      displayName: "Sales",
      parentGroupUuid: "parent-1",
      // Computed for idempotent creates (docs/client.md, "Interrupted runs").
      clientUuid: groupClientUuid("project", "stack", "sales"),
      resourceUrn: "urn:pulumi:stack::project::pulumi-nodejs:dynamic/eset-connect:Group::sales",
      __provider: await serializedGroupProvider(),
    });
  });

  it("exposes ESET's outputs and the echoed inputs", async () => {
    const group = new Group("hr", { displayName: "HR", parentGroupUuid: "parent-1", forceDestroy: true });
    expect(await valueOf(group.ownerUuid)).toBe("tenant-1");
    expect(await valueOf(group.displayName)).toBe("HR");
    expect(await valueOf(group.forceDestroy)).toBe(true);
  });

  it("takes another Group's uuid as its parent", async () => {
    const parent = new Group("emea", { displayName: "EMEA", parentGroupUuid: "root" });
    const child = new Group("berlin", { displayName: "Berlin", parentGroupUuid: parent.uuid });
    expect(await valueOf(child.parentGroupUuid)).toBe("uuid-of-emea");
    expect(find("berlin")?.inputs.parentGroupUuid).toBe("uuid-of-emea");
  });

  it("asks for no secret outputs", async () => {
    const group = new Group("plain", { displayName: "Plain", parentGroupUuid: "root" });
    await valueOf(group.uuid);
    expect(find("plain")?.additionalSecretOutputs).toEqual([]);
  });
});
