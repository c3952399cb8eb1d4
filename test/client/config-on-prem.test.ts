import { clientConfigFromEnv, parseClientConfig } from "../../provider/client/config";
import { serviceBaseUrl } from "../../provider/client/hosts";
import { resolveClientSettings, stackConfigSettings } from "../../provider/client/settings-resolver";

const credentials = { username: "api@example.com", password: "secret" };

function issuesOf(input: Record<string, unknown>): string {
  try {
    parseClientConfig(input);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("ESET PROTECT On-Prem configuration (serverUrl)", () => {
  it.each([
    "https://protect.example.com:9443",
    "https://protect.example.com:9443/",
    "http://127.0.0.1:8080",
    "http://localhost:8080",
    "http://[::1]:8080",
  ])("accepts %s and sends every service there", (url) => {
    const config = parseClientConfig({ ...credentials, serverUrl: url });
    expect(config.serverUrl).toBe(url.replace(/\/$/, ""));
    expect(config.domainUser).toBe(false);
    for (const service of ["auth", "assetManagement", "deviceManagement", "installerManagement"] as const) {
      expect(serviceBaseUrl(service, config)).toBe(url.replace(/\/$/, ""));
    }
  });

  it.each([
    "http://protect.example.com:9443",
    "ftp://127.0.0.1",
    "protect.example.com",
    "https://protect.example.com/api",
  ])("refuses %s, naming the setting and never requiring a region", (url) => {
    const message = issuesOf({ ...credentials, serverUrl: url });
    expect(message).toContain("serverUrl");
    expect(message).toContain("https origin of ESET PROTECT On-Prem");
    expect(message).toContain("eset:serverUrl or env ESET_CONNECT_SERVER_URL");
    expect(message).not.toContain("region");
  });

  it("refuses serverUrl together with an ESET Connect region or endpoint", () => {
    expect(issuesOf({ ...credentials, serverUrl: "https://p.example.com", region: "eu" })).toContain(
      "cannot be combined with an ESET Connect region, endpoint or hosts",
    );
  });

  it("reads ESET_CONNECT_SERVER_URL and ESET_CONNECT_DOMAIN_USER, and eset:serverUrl / eset:domainUser", () => {
    expect(
      clientConfigFromEnv({
        ESET_CONNECT_SERVER_URL: " https://p.example.com ",
        ESET_CONNECT_DOMAIN_USER: "true",
      }),
    ).toEqual({ serverUrl: "https://p.example.com", domainUser: "true" });
    const config = { "eset:serverUrl": "https://p.example.com", "eset:domainUser": "true" } as Record<
      string,
      string
    >;
    const fromStack = stackConfigSettings((key) => config[key]);
    expect(parseClientConfig({ ...credentials, ...fromStack })).toMatchObject({
      serverUrl: "https://p.example.com",
      domainUser: true,
    });
  });

  it("takes the address whole from the first source: a serverUrl in the stack hides an endpoint in the environment", () => {
    const merged = resolveClientSettings([
      { serverUrl: "https://p.example.com" },
      { endpoint: "http://127.0.0.1:1", ...credentials },
    ]);
    expect(merged).toEqual({ serverUrl: "https://p.example.com", ...credentials });
  });

  it("takes caCertificate as PEM text from eset:caCertificate or ESET_CONNECT_CA_CERTIFICATE, and refuses a file path", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    expect(clientConfigFromEnv({ ESET_CONNECT_CA_CERTIFICATE: pem })).toEqual({ caCertificate: pem });
    expect(
      parseClientConfig({ ...credentials, serverUrl: "https://p.example.com", caCertificate: pem })
        .caCertificate,
    ).toBe(pem);
    expect(
      issuesOf({ ...credentials, serverUrl: "https://p.example.com", caCertificate: "/etc/ca.pem" }),
    ).toContain(
      "caCertificate: must be PEM text (-----BEGIN CERTIFICATE----- ...), not a file path (stack config eset:caCertificate or env ESET_CONNECT_CA_CERTIFICATE)",
    );
  });
});
