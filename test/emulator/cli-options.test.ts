import { emulatorCommand, optionsFromFlags } from "../../emulator/cli-options";

const parse = (...args: string[]) =>
  optionsFromFlags(
    emulatorCommand()
      .exitOverride()
      .configureOutput({ writeErr: () => undefined })
      .parse(args, { from: "user" })
      .opts(),
  );

describe("the switches for ESET's unknowns, as flags of eset-connect-emulator", () => {
  test("none given: no setting is overridden (the defaults are the settings' own)", () => {
    expect(parse().settings).toEqual({});
  });

  test("each flag sets its setting", () => {
    expect(
      parse(
        "--json-zero-values",
        "omit",
        "--linked-security-group",
        "absent",
        "--membership-lag",
        "5",
        "--deployment",
        "on-prem",
        "--token-expires-in",
        "omit",
        "--bad-token-status",
        "400",
      ).settings,
    ).toEqual({
      jsonZeroValues: "omit",
      linkedSecurityGroup: "absent",
      membershipLagSeconds: 5,
      deployment: "on-prem",
      tokenExpiresIn: "omit",
      badTokenStatus: 400,
    });
  });

  test.each([
    ["--json-zero-values", "sometimes"],
    ["--linked-security-group", "yes"],
    ["--membership-lag", "-1"],
    ["--membership-lag", "3601"],
    ["--deployment", "hybrid"],
    ["--token-expires-in", "never"],
    ["--bad-token-status", "403"],
  ])("%s %s is refused", (flag, value) => {
    expect(() => parse(flag, value)).toThrow();
  });
});
