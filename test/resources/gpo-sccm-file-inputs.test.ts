import { checkGpoSccmFile, diffGpoSccmFile } from "../../provider/dynamic/gpo-sccm-file-inputs";
import { UNKNOWN } from "../../provider/dynamic/inputs";

describe("checkGpoSccmFile", () => {
  it.each([
    ["no inputs at all", {}, { sendAnonymousDiagnosticData: false }],
    [
      "every input",
      { securityGroupUuid: "g1", sendAnonymousDiagnosticData: true, triggers: { rotate: "2024" } },
      { securityGroupUuid: "g1", sendAnonymousDiagnosticData: true, triggers: { rotate: "2024" } },
    ],
    [
      "a group not known yet (preview)",
      { securityGroupUuid: UNKNOWN },
      { securityGroupUuid: UNKNOWN, sendAnonymousDiagnosticData: false },
    ],
  ])("accepts %s", (_name, news, inputs) => {
    expect(checkGpoSccmFile({}, news)).toEqual({ inputs, failures: [] });
  });

  it.each([
    [
      "an empty group uuid",
      { securityGroupUuid: " " },
      [
        {
          property: "securityGroupUuid",
          reason: "must not be empty: give a Group's uuid, or leave securityGroupUuid out",
        },
      ],
    ],
    [
      "a diagnostics flag given as text",
      { sendAnonymousDiagnosticData: "no" },
      [{ property: "sendAnonymousDiagnosticData", reason: "must be true or false (default false)" }],
    ],
    [
      "triggers that are not a map",
      { triggers: ["a"] },
      [
        {
          property: "triggers",
          reason: "must be a map of names to values; changing any value generates a new file",
        },
      ],
    ],
    [
      "a misspelt input",
      { groupUuid: "g1" },
      [
        {
          property: "groupUuid",
          reason:
            "unknown input groupUuid; inputs are securityGroupUuid, sendAnonymousDiagnosticData, triggers",
        },
      ],
    ],
  ])("rejects %s", (_name, news, failures) => {
    expect(checkGpoSccmFile({}, news).failures).toEqual(failures);
  });
});

describe("diffGpoSccmFile", () => {
  const olds = {
    securityGroupUuid: "g1",
    sendAnonymousDiagnosticData: false,
    triggers: { a: "1", b: "2" },
    gpoSccmFile: "Zm9v",
    content: "foo",
    sha256: "2c26",
  };
  const inputs = {
    securityGroupUuid: "g1",
    sendAnonymousDiagnosticData: false,
    triggers: { a: "1", b: "2" },
  };

  it.each([
    ["nothing changed", inputs, []],
    ["triggers listed in another order", { ...inputs, triggers: { b: "2", a: "1" } }, []],
    ["another group", { ...inputs, securityGroupUuid: "g2" }, ["securityGroupUuid"]],
    ["no group any more", { ...inputs, securityGroupUuid: undefined }, ["securityGroupUuid"]],
    ["a group not known yet", { ...inputs, securityGroupUuid: UNKNOWN }, ["securityGroupUuid"]],
    [
      "diagnostics turned on",
      { ...inputs, sendAnonymousDiagnosticData: true },
      ["sendAnonymousDiagnosticData"],
    ],
    ["a trigger value changed", { ...inputs, triggers: { a: "1", b: "3" } }, ["triggers"]],
    ["a trigger value not known yet", { ...inputs, triggers: { a: UNKNOWN, b: "2" } }, ["triggers"]],
    ["triggers removed", { ...inputs, triggers: undefined }, ["triggers"]],
  ])("%s", (_name, news, replaces) => {
    expect(diffGpoSccmFile("f1", olds, news)).toEqual({
      changes: replaces.length > 0,
      replaces,
      deleteBeforeReplace: false,
    });
  });

  it("treats an empty triggers map as none", () => {
    const { triggers: _t, ...withoutTriggers } = olds;
    expect(diffGpoSccmFile("f1", withoutTriggers, { ...inputs, triggers: {} }).changes).toBe(false);
  });
});
