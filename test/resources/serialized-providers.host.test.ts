import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startProviderHost } from "../support/provider-host";
import { serializedGpoSccmFileProvider, serializedGroupProvider } from "./serialize";

const kinds = [
  ["Group", serializedGroupProvider, "group"],
  ["GpoSccmFile", serializedGpoSccmFileProvider, "gpoSccmFile"],
] as const;

describe.each(kinds)("the %s __provider", (_name, serialize, kind) => {
  it("stays under 1 KB", async () => {
    expect((await serialize()).length).toBeLessThan(1024);
  });

  it("only names the installed package, so the installed version always runs", async () => {
    const text = await serialize();
    expect(text).toContain(`require("pulumi-eset-connect/dynamic-provider").install(this, "${kind}", req)`);
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version;
    for (const absent of [
      version,
      "axios",
      "zod",
      "password",
      "ESET_CONNECT",
      "eset:",
      os.homedir(),
      __dirname,
    ]) {
      expect(text).not.toContain(absent);
    }
  });
});

describe("the __provider text in state", () => {
  let folder: string;
  beforeAll(() => {
    // A program folder where another version of the package is installed.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "eset-connect-program-"));
    const pkg = path.join(folder, "node_modules", "pulumi-eset-connect");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({
        name: "pulumi-eset-connect",
        version: "9.9.9",
        exports: { "./dynamic-provider": "./host.js" },
      }),
    );
    fs.writeFileSync(
      path.join(pkg, "host.js"),
      "exports.install = (target, kind) => Object.assign(target, {\n" +
        "  create: async () => ({ id: 'from-9.9.9', outs: { kind } }),\n" +
        "});\n",
    );
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("runs whatever version is installed next to the program", async () => {
    const host = await startProviderHost({ cwd: folder });
    try {
      await host.configure({});
      const created = await host.create({ __provider: await serializedGroupProvider(), displayName: "x" });
      expect(created).toMatchObject({ id: "from-9.9.9", properties: { kind: "group" } });
    } finally {
      await host.close();
    }
  });
});
