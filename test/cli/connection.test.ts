import { cliConfigMessage, CliUsageError, connectionConfig } from "../../provider/cli/connection";

const password = { ESET_CONNECT_PASSWORD: "secret" };

describe("connectionConfig", () => {
  it("lets flags win over environment variables, the address taken whole", () => {
    const env = { ...password, ESET_CONNECT_ENDPOINT: "http://env", ESET_CONNECT_USERNAME: "env-user" };
    expect(connectionConfig({ username: "flag-user" }, env)).toEqual({
      username: "flag-user",
      password: "secret",
      endpoint: "http://env",
    });
    // --region hides ESET_CONNECT_ENDPOINT, as eset:region hides it for the provider.
    expect(connectionConfig({ region: "EU" }, env)).toEqual({
      username: "env-user",
      password: "secret",
      region: "eu",
    });
  });

  it("refuses a region that is not ESET's, naming it as given", () => {
    expect(() => connectionConfig({ region: "mars", username: "u" }, password)).toThrow(
      new CliUsageError('region "mars" is not an ESET region; use one of eu, de, us, ca, jpn'),
    );
  });

  it("names the flag instead of the stack config key in the client's messages", () => {
    expect(cliConfigMessage("missing; set stack config eset:region or env ESET_CONNECT_REGION")).toBe(
      "missing; set --region or env ESET_CONNECT_REGION",
    );
  });
});

describe("connectionConfig for ESET PROTECT On-Prem", () => {
  const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  it("takes --server-url, --domain-user and the PEM text of the --ca-certificate file", () => {
    const read = jest.fn(() => pem);
    expect(
      connectionConfig(
        {
          serverUrl: "https://protect.example.com:9443",
          domainUser: true,
          caCertificate: "ca.pem",
          username: "u",
        },
        password,
        read,
      ),
    ).toEqual({
      username: "u",
      password: "secret",
      serverUrl: "https://protect.example.com:9443",
      domainUser: true,
      caCertificate: pem,
    });
    expect(read).toHaveBeenCalledWith("ca.pem");
  });

  it("reads ESET_CONNECT_SERVER_URL, ESET_CONNECT_DOMAIN_USER and ESET_CONNECT_CA_CERTIFICATE (the PEM text)", () => {
    const env = {
      ...password,
      ESET_CONNECT_USERNAME: "u",
      ESET_CONNECT_SERVER_URL: "https://protect.example.com:9443",
      ESET_CONNECT_DOMAIN_USER: "true",
      ESET_CONNECT_CA_CERTIFICATE: pem,
    };
    expect(connectionConfig({}, env)).toEqual({
      username: "u",
      password: "secret",
      serverUrl: "https://protect.example.com:9443",
      domainUser: "true",
      caCertificate: pem,
    });
  });

  it("takes the address whole: --server-url hides ESET_CONNECT_REGION, --endpoint hides ESET_CONNECT_SERVER_URL", () => {
    const env = { ...password, ESET_CONNECT_USERNAME: "u" };
    expect(
      connectionConfig({ serverUrl: "https://protect.example.com" }, { ...env, ESET_CONNECT_REGION: "eu" }),
    ).not.toHaveProperty("region");
    expect(
      connectionConfig({ endpoint: "http://127.0.0.1:1" }, { ...env, ESET_CONNECT_SERVER_URL: "https://p" }),
    ).not.toHaveProperty("serverUrl");
  });

  it("names the On-Prem flags in the client's messages", () => {
    expect(cliConfigMessage("(stack config eset:serverUrl or env ESET_CONNECT_SERVER_URL)")).toBe(
      "(--server-url or env ESET_CONNECT_SERVER_URL)",
    );
    expect(cliConfigMessage("(stack config eset:caCertificate or env ESET_CONNECT_CA_CERTIFICATE)")).toBe(
      "(--ca-certificate (a PEM file) or env ESET_CONNECT_CA_CERTIFICATE)",
    );
  });
});

describe("eset-connect --help", () => {
  it("lists the On-Prem flags and their environment variables", async () => {
    const { runCli } = await import("../../provider/cli/program");
    let out = "";
    const code = await runCli(["--help"], { stdout: (t) => (out += t), stderr: (t) => (out += t), env: {} });
    expect(code).toBe(0);
    for (const text of [
      "--server-url <url>",
      "--domain-user",
      "--ca-certificate <file>",
      "ESET_CONNECT_SERVER_URL",
      "ESET_CONNECT_DOMAIN_USER",
      "ESET_CONNECT_CA_CERTIFICATE",
      "There is no option to skip certificate checks.",
    ]) {
      expect(out).toContain(text);
    }
  });
});
