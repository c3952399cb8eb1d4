import { endpointOf, formatEndpoints, summarizeCalls } from "../../tools/bench/requests";
import type { RequestLogEntry } from "../support/emulator";

describe("endpointOf", () => {
  it.each([
    ["POST", "/oauth/token", "token"],
    ["POST", "/v1/groups", "create"],
    ["POST", "/v1/groups/abc-1:move", "move"],
    ["POST", "/v1/groups/abc-1:rename", "rename"],
    ["DELETE", "/v1/groups/abc-1", "delete"],
    ["GET", "/v1/device_groups", "list groups"],
    ["GET", "/v1/device_groups/abc-1/devices", "list devices"],
    ["GET", "/v1/devices", "list tenant devices"],
    ["POST", "/v1/gpo-sccm-files:generate", "gpo file"],
    ["GET", "/v1/groups", "other"],
    ["POST", "/v1/groups/abc-1:copy", "other"],
  ])("%s %s is %s", (method, path, endpoint) => {
    expect(endpointOf({ method, path })).toBe(endpoint);
  });
});

describe("summarizeCalls", () => {
  const entry = (
    time: string,
    method: string,
    path: string,
    status: number,
    extra: Partial<RequestLogEntry> = {},
  ): RequestLogEntry => ({ time, method, path, status, query: {}, user: "u", requestId: "r", ...extra });

  it("counts calls by endpoint and status, faults by kind, 429s, pending calls and the span", () => {
    const summary = summarizeCalls([
      entry("2030-01-01T00:00:00.000Z", "POST", "/oauth/token", 200),
      entry("2030-01-01T00:00:00.100Z", "POST", "/v1/groups", 503, { fault: "503" }),
      entry("2030-01-01T00:00:00.200Z", "POST", "/v1/groups", 429),
      entry("2030-01-01T00:00:01.000Z", "POST", "/v1/groups", 0, { fault: "drop-after" }),
      entry("2030-01-01T00:00:01.500Z", "GET", "/v1/device_groups", 202, { fault: "pending", pending: true }),
      entry("2030-01-01T00:00:02.500Z", "GET", "/v1/device_groups", 200, { pending: true }),
    ]);
    expect(summary).toEqual({
      total: 6,
      byEndpoint: { token: 1, create: 3, "list groups": 2 },
      byStatus: { "200": 2, "503": 1, "429": 1, "0": 1, "202": 1 },
      faultsByKind: { "503": 1, "drop-after": 1, pending: 1 },
      rateLimited: 1,
      pending: 2,
      spanMs: 2500,
    });
    expect(formatEndpoints(summary.byEndpoint)).toBe("token 1, create 3, list groups 2");
  });

  it("reports an empty log as no calls", () => {
    expect(summarizeCalls([])).toMatchObject({ total: 0, spanMs: 0 });
    expect(formatEndpoints({})).toBe("none");
  });
});
