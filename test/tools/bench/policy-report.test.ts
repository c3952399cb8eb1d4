import type { PolicySizeResult, PolicyStepResult } from "../../../tools/bench/policy-scenario";
import { formatByName, policyTables, policyTarget } from "../../../tools/bench/policy-report";

function step(
  s: PolicyStepResult["step"],
  byEndpointName: Record<string, number>,
  spanMs = 0,
): PolicyStepResult {
  const total = Object.values(byEndpointName).reduce((a, b) => a + b, 0);
  return {
    step: s,
    wallMs: 1000,
    calls: { total, byEndpoint: {}, byStatus: {}, faultsByKind: {}, rateLimited: 0, pending: 0, spanMs },
    retries: 0,
    limiterWaitMs: 0,
    changes: {},
    byEndpointName,
  };
}

const result = (steps: PolicyStepResult[]): PolicySizeResult => ({
  n: 100,
  assignments: 200,
  reordered: 10,
  steps,
});

describe("the policy figures' targets", () => {
  it("up: one assign per assignment and one assignment listing per 5 s window; one listing in all is the strict reading", () => {
    const up = step(
      "up",
      { token: 1, create: 100, "assign policy": 200, "list groups": 4, "list policy assignments": 6 },
      30_000,
    );
    expect(policyTarget(result([up]), up)).toMatchObject({ met: true, strictlyOneListing: false });
    const oneTooMany = step(
      "up",
      { create: 100, "assign policy": 201, "list policy assignments": 1 },
      30_000,
    );
    expect(policyTarget(result([oneTooMany]), oneTooMany).met).toBe(false);
  });

  it("refresh: the group listing plus ⌈assignments ÷ 1000⌉ pages, not one per group", () => {
    const ok = step("refresh", { token: 1, "list groups": 1, "list policy assignments": 1 });
    expect(policyTarget(result([ok]), ok).met).toBe(true);
    const perGroup = step("refresh", { token: 1, "list groups": 1, "list policy assignments": 100 });
    expect(policyTarget(result([perGroup]), perGroup).met).toBe(false);
  });

  it("reorder: at most one write per moved assignment and no group write", () => {
    const ok = step("reorder", { token: 1, "rank policy assignment": 10, "list policy assignments": 1 });
    expect(policyTarget(result([ok]), ok).met).toBe(true);
    const rebuilt = step("reorder", { "unassign policy": 20, "assign policy": 20 });
    expect(policyTarget(result([rebuilt]), rebuilt).met).toBe(false);
  });

  it("no-op preview: 0 calls; and a 429 fails any step", () => {
    const none = step("preview", {});
    expect(policyTarget(result([none]), none).met).toBe(true);
    const limited = step("preview", {});
    limited.calls.rateLimited = 1;
    expect(policyTarget(result([limited]), limited).met).toBe(false);
  });

  it("the names preview, a contrast: one policy listing and the token, nothing else", () => {
    const named = step("preview-names", { token: 1, "list policies": 1 });
    expect(policyTarget(result([named]), named).met).toBe(true);
    expect(policyTables([result([named])])).toContain("| as expected |");
  });

  it("renders one row per step, calls by endpoint largest first", () => {
    expect(formatByName({ token: 1, "assign policy": 200, create: 100 })).toBe(
      "assign policy 200, create 100, token 1",
    );
    const table = policyTables([result([step("preview", {})])]);
    expect(table.split("\n")).toHaveLength(3);
    expect(table).toContain("| 100 | 200 | no-op preview | 0 | 0 | met | none |");
  });
});
