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
