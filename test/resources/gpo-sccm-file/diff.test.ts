import { diffGpoSccmFile } from "../../../provider/resources/gpo-sccm-file/diff";
import { UNKNOWN } from "../../../provider/resources/inputs";

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
