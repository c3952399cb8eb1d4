import type { RunningEmulator } from "../../../../emulator";
import { Api, grpcError, startForTest } from "../api";
import { FOREIGN_UUID, MISSING_UUID, SALES_UUID, TWO_TENANTS_SEED } from "./two-tenants";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest({ seed: TWO_TENANTS_SEED }));
  token = await api.signIn();
});
afterAll(() => emulator.close());

describe("POST /v1/gpo-sccm-files:generate", () => {
  test("returns a base64 install_config.ini naming the group; two calls differ", async () => {
    const json = {
      sendAnonymousDiagnosticData: true,
      deviceEnrollmentSettings: { securityGroupUuid: SALES_UUID },
    };
    const one = await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json });
    const two = await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json });
    expect(one.status).toBe(200);
    const text = Buffer.from(one.body.gpoSccmFile, "base64").toString("utf8");
    const lines = text.split("\r\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "[ERA_AGENT_PROPERTIES]",
        `P_INITIAL_STATIC_GROUP=${SALES_UUID}`,
        "P_ENABLE_TELEMETRY=1",
      ]),
    );
    expect(lines.find((l) => l.startsWith("P_CERT_CONTENT="))).toMatch(
      /^P_CERT_CONTENT=[A-Za-z0-9+/]{100,}=*$/,
    );
    expect(two.body.gpoSccmFile).not.toBe(one.body.gpoSccmFile);
  });

  const failures: Array<[string, unknown, number, number, string]> = [
    [
      "an unknown group",
      { deviceEnrollmentSettings: { securityGroupUuid: MISSING_UUID } },
      404,
      5,
      `security group ${MISSING_UUID} not found`,
    ],
    [
      "another tenant's group",
      { deviceEnrollmentSettings: { securityGroupUuid: FOREIGN_UUID } },
      403,
      7,
      `security group ${FOREIGN_UUID} belongs to another tenant`,
    ],
    [
      "a non-boolean diagnostics flag",
      { sendAnonymousDiagnosticData: "sure" },
      400,
      3,
      'sendAnonymousDiagnosticData must be true or false (got "sure")',
    ],
    [
      // A JSON boolean [spec: v1GenerateGpoSccmFileRequest.sendAnonymousDiagnosticData "type": "boolean"].
      "the diagnostics flag as the text true",
      { sendAnonymousDiagnosticData: "true" },
      400,
      3,
      'sendAnonymousDiagnosticData must be true or false (got "true")',
    ],
    [
      "settings that are not an object",
      { deviceEnrollmentSettings: SALES_UUID },
      400,
      3,
      "deviceEnrollmentSettings must be a JSON object",
    ],
  ];
  test.each(failures)("refuses %s", async (_name, json, status, code, message) => {
    const answer = await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json });
    expect([answer.status, answer.body]).toEqual([status, grpcError(code, message)]);
  });

  // "requestBody": { ..., "required": true } [spec: POST /v1/gpo-sccm-files:generate].
  test("refuses a call without a body; an empty JSON object is a body", async () => {
    const none = await api.call("POST", "/v1/gpo-sccm-files:generate", { token });
    expect([none.status, none.body.code, none.body.message]).toEqual([
      400,
      3,
      expect.stringMatching(/^a body is required/),
    ]);
    expect((await api.call("POST", "/v1/gpo-sccm-files:generate", { token, json: {} })).status).toBe(200);
  });
});
