import {
  isApiError,
  isAuthError,
  isRateLimitError,
  isResponseValidationError,
  OperationInfo,
} from "../../provider/client/errors";
import { errorFromResponse, errorFromTransport, parseErrorBody } from "../../provider/client/failures";
import { TransportFailure } from "../../provider/client/http";
import { groupResponse, parseResponse, toAssetEntityType } from "../../provider/client/schemas";

const move: OperationInfo = {
  name: "moveGroup",
  description: 'moving group "Berlin" (4f1a) under "EMEA" (77b2)',
  groupUuid: "4f1a",
  groupName: "Berlin",
};
const response = (status: number, body: unknown, requestId = "9c2d") => ({
  status,
  headers: {},
  body,
  requestId,
});

describe("errorFromResponse", () => {
  const cases: Array<[number, unknown, string]> = [
    [
      403,
      { code: 7, message: "" },
      '403 Access denied while moving group "Berlin" (4f1a) under "EMEA" (77b2): the API user lacks permission (request-id 9c2d)',
    ],
    [
      404,
      { code: 5, message: "group 4f1a not found" },
      '404 Not found while moving group "Berlin" (4f1a) under "EMEA" (77b2): the group or its new parent does not exist (or the API user cannot see it) (ESET: group 4f1a not found) (request-id 9c2d)',
    ],
    [
      400,
      { code: 3, message: 'group "EMEA" already has a subgroup named "Berlin"' },
      '400 Bad request while moving group "Berlin" (4f1a) under "EMEA" (77b2): group "EMEA" already has a subgroup named "Berlin" (request-id 9c2d)',
    ],
    [
      502,
      "<html><body>502 Bad Gateway</body></html>",
      '502 Bad gateway while moving group "Berlin" (4f1a) under "EMEA" (77b2): ESET Connect failed after 8 retries; try again later (request-id 9c2d)',
    ],
    [
      429,
      undefined,
      '429 Too many requests while moving group "Berlin" (4f1a) under "EMEA" (77b2): the rate limit was still exceeded after 8 retries within the rate-limit budget (rateLimitRetryBudgetMs); other processes of this account may be using most of its calls: run fewer pipelines at once or raise the budget (request-id 9c2d)',
    ],
  ];
  it.each(cases)("explains a %d", (status, body, expected) => {
    const error = errorFromResponse(response(status, body), move, 8, []);
    expect(error.message).toBe(expected);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status,
      requestId: "9c2d",
      operation: "moveGroup",
      groupUuid: "4f1a",
      groupName: "Berlin",
    });
  });

  it("keeps the API's code and message of a duplicate name for callers to recognise", () => {
    const error = errorFromResponse(response(400, { code: 3, message: "duplicate" }), move, 0, []);
    expect(error).toMatchObject({ status: 400, code: 3, apiMessage: "duplicate" });
  });

  it("gives RateLimitError for 429 and AuthError for a refused sign-in, both ApiErrors", () => {
    expect(isRateLimitError(errorFromResponse(response(429, {}), move, 3, []))).toBe(true);
    const signIn: OperationInfo = {
      name: "signIn",
      description: "signing in to ESET Connect as api@example.com",
    };
    const auth = errorFromResponse(
      response(400, { code: 3, message: "invalid username or password" }, ""),
      signIn,
      0,
      [],
    );
    expect(isAuthError(auth) && isApiError(auth)).toBe(true);
    expect(auth.message).toBe(
      "400 Bad request while signing in to ESET Connect as api@example.com: the username or password was rejected; check eset:username / ESET_CONNECT_USERNAME and eset:password / ESET_CONNECT_PASSWORD (ESET: invalid username or password) (no request-id)",
    );
  });

  it("removes secrets the server echoes", () => {
    const error = errorFromResponse(
      response(400, { message: "bad password hunter2 for Bearer abc.def" }),
      move,
      0,
      ["hunter2"],
    );
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("abc.def");
    expect(error.apiMessage).toBe("bad password [redacted] for Bearer [redacted]");
  });
});

describe("errorFromTransport", () => {
  it("names the failure, the address and the settings to check, with a clean cause", () => {
    const failure = new TransportFailure(
      "ECONNREFUSED",
      "connect ECONNREFUSED 127.0.0.1:9 password=hunter2",
      false,
      "http://127.0.0.1:9/v1/groups/4f1a:move",
    );
    const error = errorFromTransport(failure, move, 2, ["hunter2"]);
    expect(error.message).toBe(
      'Network error while moving group "Berlin" (4f1a) under "EMEA" (77b2): the connection was refused (ECONNREFUSED, http://127.0.0.1:9/v1/groups/4f1a:move) after 2 retries; check the region, endpoint or host settings and the network',
    );
    expect((error.cause as Error).message).toBe(
      "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9 password=[redacted]",
    );
    expect(Object.keys(error.cause as object)).toEqual([]);
  });
});

describe("parseErrorBody", () => {
  const cases: Array<[unknown, object]> = [
    [
      { code: 5, message: "not found", details: [] },
      { code: 5, apiMessage: "not found" },
    ],
    [{}, {}],
    [undefined, {}],
    ["plain text problem", { apiMessage: "plain text problem" }],
    ["<html>gateway</html>", {}],
    [{ error: "invalid_grant", error_description: "bad credentials" }, { apiMessage: "bad credentials" }],
  ];
  it.each(cases)("reads %j", (body, expected) => {
    expect(parseErrorBody(body)).toEqual(expected);
  });
});

describe("response validation", () => {
  it("fails with the fields that are wrong and the request-id, not undefined later", () => {
    let error: unknown;
    try {
      parseResponse(groupResponse, response(200, { group: { displayName: 7, parentGroupUuid: "p" } }), move);
    } catch (e) {
      error = e;
    }
    expect(isResponseValidationError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'ESET Connect answered 200 while moving group "Berlin" (4f1a) under "EMEA" (77b2), but the response is not in the expected shape: group.uuid: Invalid input: expected string, received undefined; group.displayName: Invalid input: expected string, received number. The API may have changed: upgrade pulumi-eset-connect or report this (request-id 9c2d)',
    );
  });

  it("accepts extra fields and fills fields protobuf leaves out", () => {
    const parsed = parseResponse(
      groupResponse,
      response(200, { group: { uuid: "u", displayName: "D", parentGroupUuid: "p", externalReference: "x" } }),
      move,
    );
    expect(parsed.group).toEqual({
      uuid: "u",
      displayName: "D",
      parentGroupUuid: "p",
      linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
    });
  });

  const types: Array<[string, string]> = [
    ["DEVICE_GROUP_ENTITY_TYPE_COMPANY", "GROUP_ENTITY_TYPE_CUSTOMER"],
    ["DEVICE_GROUP_ENTITY_TYPE_MSP", "GROUP_ENTITY_TYPE_MSP"],
    ["DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED", "GROUP_ENTITY_TYPE_UNSPECIFIED"],
    ["SOMETHING_NEW", "SOMETHING_NEW"],
  ];
  it.each(types)("maps %s to %s", (from, to) => {
    expect(toAssetEntityType(from)).toBe(to);
  });
});
