/**
 * `eset-connect` against ESET PROTECT On-Prem: the emulator's `deployment: "on-prem"` (one origin,
 * `POST /GetTokens`, no group delete) reached with `--server-url` or `ESET_CONNECT_SERVER_URL`, and
 * a self-signed TLS stand-in reached with `--ca-certificate`.
 */
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { runCli } from "../../provider/cli/program";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const U = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CUSTOMERS = U(1);
const ACME = U(2);
const GLOBEX = U(4);

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 }, deployment: "on-prem" } });
  await emulator.seed({
    tenants: [
      {
        id: emulator.tenant,
        groups: [
          { uuid: CUSTOMERS, displayName: "Customers" },
          { uuid: ACME, displayName: "Acme", parentGroupUuid: CUSTOMERS },
          { uuid: GLOBEX, displayName: "Globex", parentGroupUuid: CUSTOMERS },
        ],
      },
    ],
  });
});
afterAll(async () => emulator.close());
beforeEach(async () => emulator.clearRequests());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: NodeJS.ProcessEnv, files: Record<string, string> = {}): Promise<Run> {
  const out: Run = { code: -1, stdout: "", stderr: "" };
  out.code = await runCli(argv, {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env,
    readFile: (file) => {
      if (file in files) return files[file];
      return fs.readFileSync(file, "utf8");
    },
  });
  return out;
}

const credentials = () => ({
  ESET_CONNECT_USERNAME: emulator.username,
  ESET_CONNECT_PASSWORD: emulator.password,
});

async function signIns(): Promise<string[]> {
  return (await emulator.requests())
    .filter((r) => r.path === "/GetTokens" || r.path === "/oauth/token")
    .map((r) => `${r.method} ${r.path}`);
}

describe("eset-connect on ESET PROTECT On-Prem", () => {
  it("prints the tree with --server-url, signing in with POST /GetTokens", async () => {
    const result = await run(["tree", "--server-url", emulator.url, "--root", "Customers"], credentials());
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      [`Customers  ${CUSTOMERS}`, `├── Acme  ${ACME}`, `└── Globex  ${GLOBEX}`, ""].join("\n"),
    );
    expect(await signIns()).toEqual(["POST /GetTokens"]);
  });

  it("takes ESET_CONNECT_SERVER_URL and ESET_CONNECT_DOMAIN_USER from the environment", async () => {
    const result = await run(["tree", "--root", "Customers"], {
      ...credentials(),
      ESET_CONNECT_SERVER_URL: emulator.url,
      ESET_CONNECT_DOMAIN_USER: "true",
    });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    // The token of the first test is still cached for this user: no sign-in, and never the cloud's.
    expect(await signIns()).not.toContain("POST /oauth/token");
  });

  it("lets --region hide ESET_CONNECT_SERVER_URL (the address is taken whole)", async () => {
    // No call is made: the region's address is ESET's cloud, and the missing password stops it first.
    const result = await run(["tree", "--region", "eu"], {
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_SERVER_URL: emulator.url,
    });
    expect(result.stderr).toBe(
      "eset-connect: no password; set ESET_CONNECT_PASSWORD (there is no --password flag on purpose: it would be kept in shell history and CI logs)\n",
    );
  });

  it("refuses a plain-http server URL that is not loopback, naming the flag", async () => {
    const result = await run(["tree", "--server-url", "http://protect.example.com:9443"], credentials());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "serverUrl: must be the https origin of ESET PROTECT On-Prem such as https://protect.example.com:9443 (http only for a loopback address) (--server-url or env ESET_CONNECT_SERVER_URL)",
    );
  });

  describe("plan", () => {
    const file = "parent: Customers\ngroups:\n  - name: Acme\n    key: acme\n";

    it("exits 1 when the plan removes a group, which On-Prem cannot delete, after printing it", async () => {
      const result = await run(
        ["plan", "h.yaml", "--uuids", "out.json", "--server-url", emulator.url],
        credentials(),
        { "h.yaml": file, "out.json": JSON.stringify({ acme: ACME, globex: GLOBEX }) },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `- └── Globex (no longer declared: key globex, ${GLOBEX}; it holds no devices)`,
      );
      expect(result.stderr).toBe(
        `eset-connect: ESET PROTECT On-Prem's REST API has no group delete (--server-url is set), so pulumi up cannot apply this plan: it removes group "Customers/Globex". Delete those groups in the ESET PROTECT web console and run pulumi refresh, or keep them declared as they are.\n`,
      );
      const writes = (await emulator.requests()).filter((r) => r.method !== "GET" && r.path !== "/GetTokens");
      expect(writes).toEqual([]);
    });

    it("keeps exit code 2 for renames and creates, which On-Prem can make", async () => {
      const renamed =
        "parent: Customers\ngroups:\n  - name: Acme Corp\n    key: acme\n  - name: Globex\n    key: globex\n  - name: Initech\n";
      const result = await run(
        ["plan", "h.yaml", "--uuids", "out.json", "--server-url", emulator.url],
        credentials(),
        { "h.yaml": renamed, "out.json": JSON.stringify({ acme: ACME, globex: GLOBEX }) },
      );
      expect(result).toMatchObject({ code: 2, stderr: "" });
    });
  });
});

describe("eset-connect --ca-certificate", () => {
  const fixtures = path.join(__dirname, "..", "client", "fixtures");
  const certFile = path.join(fixtures, "on-prem-server.pem");
  let server: https.Server;
  let serverUrl: string;

  beforeAll(async () => {
    // A stand-in On-Prem server over TLS with the test-only self-signed certificate (docs/security.md).
    const cert = fs.readFileSync(certFile, "utf8");
    const key = fs.readFileSync(path.join(fixtures, "on-prem-server.key"), "utf8");
    server = https.createServer({ cert, key }, (request, response) => {
      response.setHeader("content-type", "application/json");
      if (request.method === "POST" && request.url === "/GetTokens") {
        response.end(JSON.stringify({ accessToken: "on-prem-token", expiresIn: 3600 }));
      } else {
        response.end(JSON.stringify({ deviceGroups: [{ uuid: emulator.allGroupUuid, displayName: "All" }] }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    serverUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const env = {
    ESET_CONNECT_USERNAME: "ca-cli@example.com",
    ESET_CONNECT_PASSWORD: "pw",
    ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS: "0",
  };

  it("refuses the self-signed certificate without it, at once and saying what to set", async () => {
    const started = Date.now();
    // The default connection budget (15 s): a certificate failure must not use it.
    const { ESET_CONNECT_CONNECTION_RETRY_BUDGET_MS: _budget, ...defaults } = env;
    const result = await run(["tree", "--server-url", serverUrl], defaults);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("(DEPTH_ZERO_SELF_SIGNED_CERT, https://127.0.0.1:");
    expect(result.stderr).toContain("after 0 retries; the server's TLS certificate is not trusted");
    expect(result.stderr).toContain("set eset:caCertificate or ESET_CONNECT_CA_CERTIFICATE");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("trusts the server with the CA's PEM file", async () => {
    const result = await run(["tree", "--server-url", serverUrl, "--ca-certificate", certFile], env);
    expect(result).toMatchObject({ code: 0, stderr: "", stdout: `All  ${emulator.allGroupUuid}\n` });
  });

  it("names a --ca-certificate file that cannot be read", async () => {
    const result = await run(["tree", "--server-url", serverUrl, "--ca-certificate", "/no/such.pem"], env);
    expect(result).toMatchObject({
      code: 1,
      stderr: 'eset-connect: cannot read --ca-certificate "/no/such.pem": ENOENT; give a PEM file\n',
    });
  });
});
