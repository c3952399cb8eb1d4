import { EsetCloud } from "../../../emulator/model/cloud";
import { gpoSccmFileText } from "../../../emulator/model/gpo-sccm-file";
import { uuidOf } from "../../support/uuids";
import { MINE, outcome, twoTenants } from "./fixtures";

const NOPE = uuidOf("nope");

describe("GPO/SCCM file", () => {
  const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
  const ini = (text: string) =>
    Object.fromEntries(
      text
        .split("\r\n")
        .filter((l) => l.startsWith("P_"))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );

  test("is an install_config.ini naming the group and the telemetry choice, fresh secrets each time", () => {
    const cloud = twoTenants();
    const at = new Date("2030-01-02T03:04:05.000Z");
    const generate = () =>
      decode(
        cloud.generateGpoSccmFile("demo", { securityGroupUuid: MINE, sendAnonymousDiagnosticData: true }, at),
      );
    const one = generate();
    const two = generate();
    expect(one.split("\r\n")).toContain("[ERA_AGENT_PROPERTIES]");
    const keys = ini(one);
    expect(keys).toEqual({
      P_HOSTNAME: expect.stringMatching(/^[0-9a-f]{8}\.a\.ecaserver\.emulator\.invalid$/),
      P_PORT: "443",
      P_CERT_CONTENT: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      P_CERT_PASSWORD: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      P_CERT_AUTH_CONTENT: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      P_INITIAL_STATIC_GROUP: MINE,
      P_ENABLE_TELEMETRY: "1",
    });
    // A DER SEQUENCE holding version 3, as a PKCS#12 file starts.
    expect([...Buffer.from(keys.P_CERT_CONTENT, "base64").subarray(0, 2)]).toEqual([0x30, 0x82]);
    expect(ini(two).P_CERT_CONTENT).not.toBe(keys.P_CERT_CONTENT);
    expect(ini(two).P_CERT_PASSWORD).not.toBe(keys.P_CERT_PASSWORD);
  });

  test("without a group names none, telemetry off by default; an unknown group is not found", () => {
    const text = gpoSccmFileText({
      ownerUuid: uuidOf("owner"),
      sendAnonymousDiagnosticData: false,
      generatedAt: new Date(0),
    });
    expect(ini(text)).toMatchObject({ P_INITIAL_STATIC_GROUP: "", P_ENABLE_TELEMETRY: "0" });
    expect(
      outcome(() => new EsetCloud().generateGpoSccmFile("demo", { securityGroupUuid: NOPE }, new Date())),
    ).toBe(`not-found: security group ${NOPE} not found`);
  });
});
