import { GpoSccmFile } from "../../../provider/resources/gpo-sccm-file/gpo-sccm-file";
import { Group } from "../../../provider/resources/group/group";
import { useMockedPulumi, valueOf } from "../../support/pulumi-mocks";
import { serializedGpoSccmFileProvider } from "../serialize";

const registered = useMockedPulumi((args) =>
  args.type.endsWith(":Group")
    ? { uuid: `uuid-of-${args.name}`, ownerUuid: "tenant-1" }
    : { gpoSccmFile: "aGVsbG8=", content: "hello", sha256: "2cf24d" },
);

const find = (name: string) => registered.find((r) => r.name === name);

describe("GpoSccmFile", () => {
  it("registers the stable type token and makes the file secret by default", async () => {
    const group = new Group("kiosks", { displayName: "Kiosks", parentGroupUuid: "root" });
    const file = new GpoSccmFile("kiosk-file", {
      securityGroupUuid: group.uuid,
      triggers: { rotate: "2024-06" },
    });
    expect(await valueOf(file.sha256)).toBe("2cf24d");
    const args = find("kiosk-file");
    expect(args?.type).toBe("pulumi-nodejs:dynamic/eset-connect:GpoSccmFile");
    expect(args?.inputs).toEqual({
      securityGroupUuid: "uuid-of-kiosks",
      triggers: { rotate: "2024-06" },
      __provider: await serializedGpoSccmFileProvider(),
    });
    expect(find("kiosk-file")?.additionalSecretOutputs).toEqual(["gpoSccmFile", "content"]);
  });

  it("lets the caller choose the secret outputs", async () => {
    const file = new GpoSccmFile("open-file", {}, { additionalSecretOutputs: [] });
    await valueOf(file.sha256);
    expect(find("open-file")?.additionalSecretOutputs).toEqual([]);
  });

  it("keeps the default when other options are given", async () => {
    const file = new GpoSccmFile("protected-file", {}, { protect: true });
    await valueOf(file.sha256);
    expect(find("protected-file")?.additionalSecretOutputs).toEqual(["gpoSccmFile", "content"]);
  });
});
