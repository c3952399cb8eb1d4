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
        "--on-prem-sign-in",
        "grant-type-camel",
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
      onPremSignIn: "grant-type-camel",
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
    ["--on-prem-sign-in", "form"],
    ["--token-expires-in", "never"],
    ["--bad-token-status", "403"],
    ["--policy-assignments-on-group-delete", "orphan"],
    ["--duplicate-policy-assignment", "merge"],
    ["--delete-assigned-policy", "force"],
    ["--policies-on-special-groups", "sometimes"],
  ])("%s %s is refused", (flag, value) => {
    expect(() => parse(flag, value)).toThrow();
  });

  // The four policy switches of issue 26's unknowns [assumed]; every value of each is accepted.
  test.each([
    ["--policy-assignments-on-group-delete", "drop", "policyAssignmentsOnGroupDelete"],
    ["--policy-assignments-on-group-delete", "keep", "policyAssignmentsOnGroupDelete"],
    ["--duplicate-policy-assignment", "refuse", "duplicatePolicyAssignment"],
    ["--duplicate-policy-assignment", "allow", "duplicatePolicyAssignment"],
    ["--delete-assigned-policy", "refuse", "deleteAssignedPolicy"],
    ["--delete-assigned-policy", "cascade", "deleteAssignedPolicy"],
    ["--policies-on-special-groups", "allow", "policiesOnSpecialGroups"],
    ["--policies-on-special-groups", "refuse", "policiesOnSpecialGroups"],
  ])("%s %s sets %s", (flag, value, setting) => {
    expect(parse(flag, value).settings).toEqual({ [setting]: value });
  });

  test("--help names each policy switch with its values", () => {
    const help = emulatorCommand().helpInformation();
    for (const flag of [
      "--policy-assignments-on-group-delete",
      "--duplicate-policy-assignment",
      "--delete-assigned-policy",
      "--policies-on-special-groups",
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toMatch(/choices: "drop", "keep"/);
  });
});
