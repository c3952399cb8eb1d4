import type { RunningEmulator } from "../../../emulator";
import { Api, grpcError, startForTest } from "./api";

let emulator: RunningEmulator;
let api: Api;
let token: string;

beforeAll(async () => {
  ({ emulator, api } = await startForTest());
  token = await api.signIn();
});
afterAll(() => emulator.close());

test("an unknown endpoint is a 404 in the API's error shape", async () => {
  const answer = await api.call("GET", "/v2/nothing?x=1", { token });
  expect([answer.status, answer.body]).toEqual([404, grpcError(5, "no such endpoint: GET /v2/nothing")]);
  expect(answer.headers.get("request-id")).toBeTruthy();
});
