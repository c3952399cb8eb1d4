/**
 * A GpoSccmFile on ESET PROTECT On-Prem (`eset:serverUrl`): On-Prem's REST API has no installer
 * calls, so `check` fails, in preview, before any resource is written; on the cloud the same
 * inputs pass.
 */
import { EsetConnectClient, type ClientConfigInput } from "../../../provider/client";
import { gpoSccmFileMethods } from "../../../provider/resources/gpo-sccm-file/provider";
import { startTestEmulator, TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" } });
});
afterAll(() => emulator.close());

const client = (address: Partial<ClientConfigInput>) =>
  new EsetConnectClient(
    { ...address, username: emulator.username, password: emulator.password, rateLimitPerSecond: 1000 },
    { notice: () => undefined, log: () => undefined },
  );

describe("GpoSccmFile check on ESET PROTECT On-Prem", () => {
  it("fails with what to do instead, making no call", async () => {
    const onPrem = client({ serverUrl: emulator.url });
    await emulator.clearRequests();
    const checked = await gpoSccmFileMethods(() => onPrem).check!({}, { sendAnonymousDiagnosticData: false });
    expect(checked.failures).toEqual([
      {
        property: "",
        reason:
          "ESET PROTECT On-Prem's REST API has no installer calls (eset:serverUrl is set), so a GpoSccmFile cannot be " +
          "generated: create the installer in the ESET PROTECT web console (Installers), or remove the GpoSccmFile.",
      },
    ]);
    expect(await emulator.requests()).toEqual([]);
  });

  it("passes the same inputs on the cloud", async () => {
    const cloud = client({ endpoint: emulator.url });
    const checked = await gpoSccmFileMethods(() => cloud).check!({}, { sendAnonymousDiagnosticData: false });
    expect(checked.failures).toEqual([]);
  });
});
