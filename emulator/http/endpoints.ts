/**
 * The name of the endpoint a call went to, as the request log gives it, so a benchmark or a test
 * counts calls per endpoint without matching paths itself. The group and token names are the ones
 * the benchmark already uses (tools/bench/requests.ts); a path the emulator does not serve is
 * "other".
 */
export const ENDPOINT_NAMES = [
  "token",
  "create",
  "move",
  "rename",
  "delete",
  "list groups",
  "list devices",
  "list all devices",
  "gpo file",
  "list policies",
  "get policy",
  "create policy",
  "delete policy",
  "list policy assignments",
  "get policy assignment",
  "assign policy",
  "unassign policy",
  "rank policy assignment",
  "other",
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

const SEGMENT = "[^/]+";

/** [method, path pattern, name]; the first match wins. */
const ROUTES: ReadonlyArray<[string, RegExp, EndpointName]> = [
  ["POST", /^\/oauth\/token$/, "token"],
  ["POST", /^\/GetTokens$/, "token"],
  ["POST", /^\/v1\/groups$/, "create"],
  ["POST", new RegExp(`^/v1/groups/${SEGMENT}:move$`), "move"],
  ["POST", new RegExp(`^/v1/groups/${SEGMENT}:rename$`), "rename"],
  ["DELETE", new RegExp(`^/v1/groups/${SEGMENT}$`), "delete"],
  ["GET", /^\/v1\/device_groups$/, "list groups"],
  ["GET", new RegExp(`^/v1/device_groups/${SEGMENT}/devices$`), "list devices"],
  ["GET", /^\/v1\/devices$/, "list all devices"],
  ["POST", /^\/v1\/gpo-sccm-files:generate$/, "gpo file"],
  ["GET", /^\/v2\/policies$/, "list policies"],
  ["POST", /^\/v2\/policies$/, "create policy"],
  ["GET", new RegExp(`^/v2/policies/${SEGMENT}$`), "get policy"],
  ["DELETE", new RegExp(`^/v2/policies/${SEGMENT}$`), "delete policy"],
  ["GET", /^\/v2\/policy-assignments$/, "list policy assignments"],
  ["POST", /^\/v2\/policy-assignments$/, "assign policy"],
  ["POST", new RegExp(`^/v2/policy-assignments/${SEGMENT}:updateRanking$`), "rank policy assignment"],
  ["GET", new RegExp(`^/v2/policy-assignments/${SEGMENT}$`), "get policy assignment"],
  ["DELETE", new RegExp(`^/v2/policy-assignments/${SEGMENT}$`), "unassign policy"],
];

/** The endpoint of a call by its method and its path without the query. */
export function endpointOf(method: string, path: string): EndpointName {
  const m = method.toUpperCase();
  return ROUTES.find(([routeMethod, pattern]) => routeMethod === m && pattern.test(path))?.[2] ?? "other";
}
