import { wireCandidate, wireCandidateLabel } from "./wire-candidate";

describe("the wire candidate a test run plays (ESET_EMULATOR_WIRE)", () => {
  it("is nothing when unset, so npm test runs under the emulator's defaults", () => {
    expect(wireCandidate({})).toEqual({});
    expect(wireCandidateLabel({})).toBe("");
  });

  it("reads the wire switches and names them in test titles", () => {
    const env = { ESET_EMULATOR_WIRE: '{"linkedSecurityGroup":"absent","membershipLagSeconds":5}' };
    expect(wireCandidate(env)).toEqual({ linkedSecurityGroup: "absent", membershipLagSeconds: 5 });
    expect(wireCandidateLabel(env)).toBe(" [wire: linkedSecurityGroup=absent, membershipLagSeconds=5]");
  });

  it("refuses anything but a wire switch, so a misspelt one cannot pass as the defaults", () => {
    expect(() => wireCandidate({ ESET_EMULATOR_WIRE: '{"linkedSecurityGroups":"false"}' })).toThrow(
      "ESET_EMULATOR_WIRE: linkedSecurityGroups is not a wire switch (jsonZeroValues, linkedSecurityGroup, membershipLagSeconds)",
    );
    expect(() => wireCandidate({ ESET_EMULATOR_WIRE: "[]" })).toThrow("must be a JSON object");
  });
});
