import { checkGpoSccmFile } from "../../../provider/resources/gpo-sccm-file/check";
import { UNKNOWN } from "../../../provider/resources/inputs";

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
