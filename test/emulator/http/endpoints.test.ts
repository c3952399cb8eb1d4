import { ENDPOINT_NAMES, endpointOf } from "../../../emulator/http/endpoints";

const U = "123e4567-e89b-12d3-a456-426614174000";

const CASES: Array<[string, string, string]> = [
  ["POST", "/oauth/token", "token"],
  ["POST", "/GetTokens", "token"],
  ["POST", "/v1/groups", "create"],
  ["POST", `/v1/groups/${U}:move`, "move"],
  ["POST", `/v1/groups/${U}:rename`, "rename"],
  ["DELETE", `/v1/groups/${U}`, "delete"],
  ["GET", "/v1/device_groups", "list groups"],
  ["GET", `/v1/device_groups/${U}/devices`, "list devices"],
  ["GET", "/v1/devices", "list all devices"],
  ["POST", "/v1/gpo-sccm-files:generate", "gpo file"],
  ["GET", "/v2/policies", "list policies"],
  ["POST", "/v2/policies", "create policy"],
  ["GET", `/v2/policies/${U}`, "get policy"],
  ["DELETE", `/v2/policies/${U}`, "delete policy"],
  ["GET", "/v2/policy-assignments", "list policy assignments"],
  ["POST", "/v2/policy-assignments", "assign policy"],
  ["GET", `/v2/policy-assignments/${U}`, "get policy assignment"],
  ["DELETE", `/v2/policy-assignments/${U}`, "unassign policy"],
  ["POST", `/v2/policy-assignments/${U}:updateRanking`, "rank policy assignment"],
  ["POST", `/v2/policy-assignments/${U}:promote`, "other"],
  ["PUT", "/v2/policies", "other"],
  ["GET", "/v3/anything", "other"],
];

describe("the endpoint a logged call went to", () => {
  test.each(CASES)("%s %s is %s", (method, path, name) => {
    expect(endpointOf(method, path)).toBe(name);
  });

  test("every name is some path's", () => {
    expect(new Set(CASES.map(([, , name]) => name))).toEqual(new Set(ENDPOINT_NAMES));
  });
});
