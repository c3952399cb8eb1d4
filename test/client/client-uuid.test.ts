import { clientUuidCandidates, groupClientUuid } from "../../provider/client/client-uuid";

describe("groupClientUuid and clientUuidCandidates", () => {
  it("derive the same uuids for the same project, stack and name, and others otherwise", () => {
    const a = groupClientUuid("shop", "prod", "berlin");
    expect(a).toBe(groupClientUuid("shop", "prod", "berlin"));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      new Set([a, groupClientUuid("shop", "dev", "berlin"), groupClientUuid("shop", "prod", "munich")]).size,
    ).toBe(3);
    const candidates = clientUuidCandidates(a);
    expect(candidates[0]).toBe(a);
    expect(new Set(candidates).size).toBe(3);
    expect(clientUuidCandidates(a)).toEqual(candidates);
  });
});
