// PolicyAnchor against the emulator's seeded built-ins and a policy made in its console.
import { ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED } from "../../../emulator";
import { policyAnchorMethods } from "../../../provider/resources/policy-anchor/provider";
import { harness } from "../../client/harness";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const run = () => {
  const { client } = harness(emulator);
  return policyAnchorMethods(() => client);
};

it("finds a built-in policy by its name and a console-made one by uuid", async () => {
  expect((await run().check!({}, { displayName: "Antivirus - Balanced" })).inputs).toEqual({
    uuid: BALANCED,
    displayName: "Antivirus - Balanced",
    description: expect.any(String),
    builtIn: true,
  });
  const made = await emulator.console.createPolicy({
    displayName: "Servers - strict USB",
    description: "no USB",
  });
  expect((await run().check!({}, { uuid: made.uuid })).inputs).toEqual({
    uuid: made.uuid,
    displayName: "Servers - strict USB",
    description: "no USB",
    builtIn: false,
  });
});

it("refuses a misspelt name with the closest one", async () => {
  const { failures } = await run().check!({}, { displayName: "Antivirus - balancd" });
  expect(failures).toEqual([
    { property: "displayName", reason: expect.stringContaining('did you mean "Antivirus - Balanced"?') },
  ]);
});
