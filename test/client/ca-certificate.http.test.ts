/**
 * An On-Prem server with a self-signed certificate: refused by default, trusted with
 * `caCertificate` (`eset:caCertificate`). The server is a stand-in answering sign-in and the group
 * listing over TLS; the fixture certificate (CN localhost, IP 127.0.0.1) is valid for a century.
 */
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { EsetConnectClient } from "../../provider/client";

const FIXTURES = path.join(__dirname, "fixtures");
const cert = fs.readFileSync(path.join(FIXTURES, "on-prem-server.pem"), "utf8");
const key = fs.readFileSync(path.join(FIXTURES, "on-prem-server.key"), "utf8");
const ALL = "00000000-0000-0000-7001-000000000001";

let server: https.Server;
let serverUrl: string;

beforeAll(async () => {
  server = https.createServer({ cert, key }, (request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.method === "POST" && request.url === "/GetTokens") {
      response.end(JSON.stringify({ accessToken: "on-prem-token", expiresIn: 3600 }));
    } else if (request.url?.startsWith("/v1/device_groups")) {
      response.end(
        JSON.stringify({ deviceGroups: [{ uuid: ALL, displayName: "All", isSecurityGroup: true }] }),
      );
    } else {
      response.statusCode = 404;
      response.end(JSON.stringify({ code: 5, message: "no such endpoint" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let userCount = 0;
const client = (extra: { caCertificate?: string }) =>
  new EsetConnectClient(
    {
      serverUrl,
      username: `ca-user-${++userCount}@example.com`,
      password: "pw",
      connectionRetryBudgetMs: 0,
      maxRetries: 0,
      ...extra,
    },
    { notice: () => undefined, log: () => undefined },
  );

describe("caCertificate", () => {
  it("refuses a self-signed server certificate by default", async () => {
    await expect(client({}).listDeviceGroups()).rejects.toThrow(/self.signed|certificate/i);
  });

  it("trusts the server with its CA given as PEM", async () => {
    expect((await client({ caCertificate: cert }).listDeviceGroups()).map((g) => g.uuid)).toEqual([ALL]);
  });
});
