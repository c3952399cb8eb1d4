import {
  resolveClientSettings,
  stackConfigSettings,
  unknownConfigKeyWarnings,
} from "../../provider/client/settings-resolver";

describe("resolveClientSettings", () => {
  const env = { region: "de", username: "env-user", password: "env-secret" };

  it("takes each setting from the first source that gives it", () => {
    expect(resolveClientSettings([{ username: "stack-user" }, env])).toEqual({
      region: "de",
      username: "stack-user",
      password: "env-secret",
    });
  });

  it("takes a blank value for no value", () => {
    expect(resolveClientSettings([{ username: "  ", password: "" }, env])).toEqual(env);
  });

  it.each([
    [
      "a region hides an endpoint given lower down",
      { region: "eu" },
      { endpoint: "http://e" },
      { region: "eu" },
    ],
    [
      "an endpoint hides a region given lower down",
      { endpoint: "http://s" },
      { region: "de" },
      { endpoint: "http://s" },
    ],
    [
      "both given high up are both kept",
      { region: "eu", endpoint: "http://s" },
      { region: "de", endpoint: "http://e" },
      { region: "eu", endpoint: "http://s" },
    ],
    [
      "without an address high up, the lower source's whole address is used",
      { username: "u" },
      { region: "de", endpoint: "http://e" },
      { username: "u", region: "de", endpoint: "http://e" },
    ],
  ])("takes the address whole: %s", (_, high, low, expected) => {
    expect(resolveClientSettings([high, low])).toEqual(expected);
  });
});

describe("stackConfigSettings", () => {
  const config: Record<string, string> = {
    "eset:region": " EU ",
    "eset:username": " admin@example.com ",
    "eset:password": " secret with spaces ",
    "eset:endpoint": "   ",
    "eset:adoptEmptyGroupsOnCreate": "true",
  };

  it("reads every eset: setting, trimmed except the password, blank ones left out", () => {
    expect(stackConfigSettings((key) => config[key])).toEqual({
      region: "EU",
      username: "admin@example.com",
      password: " secret with spaces ",
      adoptEmptyGroupsOnCreate: "true",
    });
  });

  it("reads only the settings asked for", () => {
    expect(stackConfigSettings((key) => config[key], ["region"])).toEqual({ region: "EU" });
  });
});

describe("unknownConfigKeyWarnings", () => {
  it("suggests the closest eset: key and ignores other namespaces", () => {
    expect(unknownConfigKeyWarnings(["eset:usrname", "aws:region", "eset:region"])).toEqual([
      "unknown config key eset:usrname; did you mean eset:username?",
    ]);
  });
});
