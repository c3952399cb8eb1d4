/**
 * A standalone Group on ESET PROTECT On-Prem is protected unless its own options say otherwise:
 * On-Prem has no group delete, and the engine plans the delete of a Group removed from the program
 * without asking the provider, so `protect` is what makes that removal fail in preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { Group } from "../../../provider/resources/group/group";
import { useMockedPulumi, valueOf } from "../../support/pulumi-mocks";

const registered = useMockedPulumi(() => ({}));
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  pulumi.runtime.setConfig("eset:serverUrl", "");
  pulumi.runtime.setConfig("eset:region", "");
  registered.length = 0;
});

const protectOf = (name: string) => registered.find((r) => r.name === name)?.protect;

describe("Group on ESET PROTECT On-Prem", () => {
  it("is protected by default when eset:serverUrl is set", async () => {
    pulumi.runtime.setConfig("eset:serverUrl", "https://protect.example.com:9443");
    const group = new Group("servers", { displayName: "Servers", parentGroupUuid: "p" });
    await valueOf(group.urn);
    expect(protectOf("servers")).toBe(true);
  });

  it("is protected by default when only ESET_CONNECT_SERVER_URL is set", async () => {
    process.env.ESET_CONNECT_SERVER_URL = "https://protect.example.com:9443";
    const group = new Group("servers-env", { displayName: "Servers", parentGroupUuid: "p" });
    await valueOf(group.urn);
    expect(protectOf("servers-env")).toBe(true);
  });

  it("keeps protect: false when the Group's options say so", async () => {
    pulumi.runtime.setConfig("eset:serverUrl", "https://protect.example.com:9443");
    const group = new Group("chosen", { displayName: "Servers", parentGroupUuid: "p" }, { protect: false });
    await valueOf(group.urn);
    expect(protectOf("chosen")).toBe(false);
  });

  it("is not protected on the cloud", async () => {
    pulumi.runtime.setConfig("eset:region", "eu");
    const group = new Group("cloud", { displayName: "Servers", parentGroupUuid: "p" });
    await valueOf(group.urn);
    expect(protectOf("cloud")).toBeFalsy();
  });
});
