// Bad inputs across Group and GpoSccmFile (through the real dynamic-provider host's Check, and an
// engine `up`), the hierarchy YAML and the eset-connect CLI: each is answered by an error that
// names the field and the fix, and not one API call reaches ESET (the emulator's request log
// stays empty). As no call is made, the emulator's user-error mode cannot change an answer: the
// file runs in the 400 mode only (test/support/user-error-modes.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { connectionConfig } from "../../provider/cli/connection";
import { runCli } from "../../provider/cli/program";
import { parseClientConfig } from "../../provider/client";
import { unknownConfigKeyWarnings } from "../../provider/dynamic-provider/settings";
import {
  Hierarchy,
  HierarchyValidationError,
  parseHierarchyYaml,
  type HierarchyArgs,
} from "../../provider/hierarchy";
import { anchorShapeFailures } from "../../provider/resources/group-anchor/check";
import {
  GpoSccmFile,
  Group,
  GroupAnchor,
  type GpoSccmFileArgs,
  type GroupAnchorArgs,
  type GroupArgs,
} from "../../provider/resources";
import { useMockedPulumi, valueOf } from "../support/pulumi-mocks";
import { assertBuilt, errorsOf as engineErrorsOf, REPO, runEngineCli } from "../engine/run-engine";
import { serializedGpoSccmFileProvider, serializedGroupProvider } from "../resources/serialize";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { startProviderHost, type ProviderHost, type Props } from "../support/provider-host";
import { EngineStack, errorsOf } from "./stack";

const ALL = "00000000-0000-0000-7001-000000000001";
const GROUP_INPUTS =
  "displayName, parentGroupUuid, description, linkedEntityType, releaseConsumedUnitsOnDelete, forceDestroy, allowReplace, existingUuid";
const ENTITY_TYPES =
  "GROUP_ENTITY_TYPE_UNSPECIFIED, GROUP_ENTITY_TYPE_CUSTOMER, GROUP_ENTITY_TYPE_MSP, GROUP_ENTITY_TYPE_SITE, GROUP_ENTITY_TYPE_HOUSEHOLD";
const YAML_ENTITY_TYPES =
  "UNSPECIFIED, CUSTOMER, MSP, SITE, HOUSEHOLD (or the API's full names, e.g. GROUP_ENTITY_TYPE_CUSTOMER)";

let emulator: TestEmulator;
let host: ProviderHost;
let providers: { group: string; gpoSccmFile: string };
// Made now, not in beforeAll: the tables below name files in it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eset-bad-inputs-"));

beforeAll(async () => {
  emulator = await startTestEmulator();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ESET_CONNECT_")));
  host = await startProviderHost({ env });
  // A configured host: had Check called the API, the calls would show in the emulator's log.
  await host.configure(
    { "eset:endpoint": emulator.url, "eset:username": emulator.username, "eset:password": emulator.password },
    { secretKeys: ["eset:password"] },
  );
  providers = { group: await serializedGroupProvider(), gpoSccmFile: await serializedGpoSccmFileProvider() };
});

afterAll(async () => {
  await host?.close();
  await emulator?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => emulator.clearRequests());
afterEach(async () => expect(await emulator.requests()).toEqual([]));

/** Check through the real host, as `pulumi preview` and `pulumi up` call it before anything else. */
async function checkGroup(news: Props, olds: Props = {}) {
  return (await host.check(olds, { ...news, __provider: providers.group })).failures;
}
async function checkGpoSccmFile(news: Props) {
  return (await host.check({}, { ...news, __provider: providers.gpoSccmFile })).failures;
}

const base = { displayName: "Sales", parentGroupUuid: ALL };

describe("Group, through the dynamic-provider host's Check", () => {
  it.each<[string, Props, string, string]>([
    [
      "a missing displayName",
      { parentGroupUuid: ALL },
      "displayName",
      "is required: the group's name as shown in ESET PROTECT",
    ],
    [
      "a blank displayName",
      { ...base, displayName: "   " },
      "displayName",
      "must not be empty or only spaces",
    ],
    [
      "a number as displayName",
      { ...base, displayName: 42 },
      "displayName",
      "must be a string: the group's name as shown in ESET PROTECT",
    ],
    [
      "a missing parentGroupUuid",
      { displayName: "Sales" },
      "parentGroupUuid",
      `is required: the uuid of the parent group (another Group's uuid, or ${ALL} for "All")`,
    ],
    [
      "an unknown linkedEntityType",
      { ...base, linkedEntityType: "PARTNER" },
      "linkedEntityType",
      `"PARTNER" is not a linked entity type; use one of ${ENTITY_TYPES} (default GROUP_ENTITY_TYPE_UNSPECIFIED)`,
    ],
    [
      "forceDestroy as text",
      { ...base, forceDestroy: "yes" },
      "forceDestroy",
      "must be true or false (default false): whether the group may be deleted while unmanaged groups or devices are inside",
    ],
    [
      "releaseConsumedUnitsOnDelete as a number",
      { ...base, releaseConsumedUnitsOnDelete: 1 },
      "releaseConsumedUnitsOnDelete",
      "must be true or false (default false): whether deleting the group frees the seats of its devices",
    ],
    [
      "a description that is not text",
      { ...base, description: 7 },
      "description",
      "must be a string, or left out for no description",
    ],
    [
      "an empty existingUuid",
      { ...base, existingUuid: "" },
      "existingUuid",
      "must be the uuid of an existing group to adopt, or left out to create a new group",
    ],
    [
      "an existingUuid equal to its parent",
      { ...base, parentGroupUuid: "g-1", existingUuid: "g-1" },
      "existingUuid",
      "must differ from parentGroupUuid: a group cannot be its own parent",
    ],
    [
      "a misspelt input",
      { ...base, parentUuid: ALL },
      "parentUuid",
      "unknown input parentUuid; did you mean parentGroupUuid?",
    ],
    [
      "forceDestroy misspelt (from JavaScript)",
      { ...base, forceDestory: true },
      "forceDestory",
      "unknown input forceDestory; did you mean forceDestroy?",
    ],
    [
      "an input close to none",
      { ...base, colour: "red" },
      "colour",
      `unknown input colour; inputs are ${GROUP_INPUTS}`,
    ],
  ])("%s", async (_name, news, property, reason) => {
    expect(await checkGroup(news)).toEqual([{ property, reason }]);
  });

  it("a changed description on an existing group without allowReplace", async () => {
    const olds = { ...base, description: "Sales team", linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED" };
    const failures = await checkGroup({ ...base, description: "Sales and marketing" }, olds);
    expect(failures).toEqual([
      {
        property: "description",
        reason:
          'cannot change in place: ESET Connect sets a group\'s description only when the group is created, so this change would replace group "Sales": it would be deleted together with every group and device below it, and created again empty. To keep the group, set description back to "Sales team". To replace it anyway, set allowReplace: true on this resource.',
      },
    ]);
  });
});

describe("GpoSccmFile, through the dynamic-provider host's Check", () => {
  it.each<[string, Props, string, string]>([
    [
      "sendAnonymousDiagnosticData as text",
      { sendAnonymousDiagnosticData: "true" },
      "sendAnonymousDiagnosticData",
      "must be true or false (default false)",
    ],
    [
      "a blank securityGroupUuid",
      { securityGroupUuid: "  " },
      "securityGroupUuid",
      "must not be empty: give a Group's uuid, or leave securityGroupUuid out",
    ],
    [
      "a securityGroupUuid that is not text",
      { securityGroupUuid: 5 },
      "securityGroupUuid",
      "must be the uuid of the group new devices join (a Group's uuid), or left out",
    ],
    [
      "triggers as text",
      { triggers: "monthly" },
      "triggers",
      "must be a map of names to values; changing any value generates a new file",
    ],
    [
      "a misspelt input",
      { securityGroup: "g-1" },
      "securityGroup",
      "unknown input securityGroup; did you mean securityGroupUuid?",
    ],
    [
      "an input close to none",
      { rotation: "monthly" },
      "rotation",
      "unknown input rotation; inputs are securityGroupUuid, sendAnonymousDiagnosticData, triggers",
    ],
  ])("%s", async (_name, news, property, reason) => {
    expect(await checkGpoSccmFile(news)).toEqual([{ property, reason }]);
  });
});

describe("Group and the connection, through an engine `up`", () => {
  let stack: EngineStack;
  beforeAll(() => {
    stack = new EngineStack(emulator, {
      username: emulator.username,
      password: emulator.password,
      via: "config",
    });
  });
  afterAll(() => stack.remove());

  it("stops before any call when a declared group has a blank name", async () => {
    // The program declares its groups through the Hierarchy component, whose validation names the
    // file, line and column before any Group (whose own check would say "displayName: ...") exists.
    const up = await stack.run("up", { nodes: [{ key: "c001", name: "  " }] });
    expect(up.exitCode).toBe(1);
    expect(errorsOf(up).join("\n")).toMatch(
      /tree-\d+\.yaml:2:11: name is only spaces; give the group its display name/,
    );
  }, 60_000);

  it("stops before any call when the region is not an ESET region", async () => {
    const up = await stack.run(
      "up",
      { nodes: [{ key: "c001", name: "Customer 001" }] },
      {
        connection: { username: emulator.username, password: emulator.password, via: "env" },
        env: { ESET_CONNECT_REGION: "mars", ESET_CONNECT_ENDPOINT: "" },
      },
    );
    expect(up.exitCode).toBe(1);
    expect(errorsOf(up).join("\n")).toContain(
      '"mars" is not an ESET region; use one of eu, de, us, ca, jpn (stack config eset:region or env ESET_CONNECT_REGION)',
    );
  }, 60_000);
});

/** Runs the CLI in this process with the emulator's connection in its environment. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {
      ESET_CONNECT_ENDPOINT: emulator.url,
      ESET_CONNECT_USERNAME: emulator.username,
      ESET_CONNECT_PASSWORD: emulator.password,
      ...env,
    },
  });
  return { code, stdout, stderr };
}

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe("the hierarchy YAML, through eset-connect plan", () => {
  it.each<[string, string, string]>([
    ["a misspelt field", "groups:\n  - nmae: Acme\n", '2:5: unknown field "nmae"; did you mean "name"?'],
    [
      "an entity type in lower case",
      "groups:\n  - name: Acme\n    linkedEntityType: customer\n",
      `3:23: linkedEntityType "customer" is not a valid value; did you mean CUSTOMER? Valid values: ${YAML_ENTITY_TYPES}`,
    ],
    [
      "two siblings with one name",
      "groups:\n  - name: Acme\n    children:\n      - name: Berlin\n      - name: Berlin\n",
      '5:15: duplicate sibling name "Berlin" (first at 4:15); ESET PROTECT refuses two groups with one name under the same parent: rename or move one of them',
    ],
    [
      "forceDestroy as text",
      "groups:\n  - name: Acme\n    forceDestroy: yes\n",
      '3:19: forceDestroy must be true or false, not the text "yes"; write "forceDestroy: true" or "forceDestroy: false" (without quotes)',
    ],
    [
      "a key with spaces",
      "groups:\n  - name: Acme\n    key: Acme Berlin\n",
      '3:10: key "Acme Berlin" is not valid; use letters, digits, ".", "_" and "-" in parts joined by "/", each part starting with a letter or digit, e.g. "acme-berlin"',
    ],
    [
      "a key used twice",
      "groups:\n  - name: Acme\n    key: customer\n  - name: Globex\n    key: customer\n",
      '5:10: key "customer" is used twice (first at 3:10); keys identify groups across renames and moves, so each must be unique in the hierarchy: change one of them',
    ],
    [
      "an empty file",
      "",
      '1:1: the hierarchy must be a mapping with "groups" (and optionally "parent"), not nothing; start the file with "groups:" and list the top-level groups under it',
    ],
  ])("%s", async (name, yaml, problem) => {
    const hierarchy = file(`${name.replace(/\W+/g, "-")}.yaml`, yaml);
    const result = await cli(["plan", hierarchy]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: `${hierarchy}:${problem}\n` });
  });
});

// Found here: a name of only spaces used to pass the hierarchy's validation and was refused only
// later by Group's check, without the file's line and column.
test("the hierarchy YAML refuses a name of only spaces, at its line and column", () => {
  let lines: readonly string[] = [];
  try {
    parseHierarchyYaml('groups:\n  - name: "  "\n', "h.yaml");
  } catch (error) {
    lines = (error as HierarchyValidationError).lines;
  }
  expect(lines).toEqual([expect.stringMatching(/^h\.yaml:2:11: name /)]);
});

describe("the eset-connect command line", () => {
  const valid = () => file("valid.yaml", "groups:\n  - name: Acme\n");

  it.each<[string, () => string[], NodeJS.ProcessEnv, string]>([
    [
      "an output format that does not exist",
      () => ["plan", valid(), "--format", "xml"],
      {},
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, markdown, mermaid, json.\n(run eset-connect --help for usage)\n",
    ],
    [
      "no password in the environment",
      () => ["tree"],
      { ESET_CONNECT_PASSWORD: "" },
      "eset-connect: no password; set ESET_CONNECT_PASSWORD (there is no --password flag on purpose: it would be kept in shell history and CI logs)\n",
    ],
    [
      "a region that does not exist",
      () => ["tree", "--region", "mars"],
      {},
      'eset-connect: region "mars" is not an ESET region; use one of eu, de, us, ca, jpn\n',
    ],
    [
      "no API user",
      () => ["tree"],
      { ESET_CONNECT_USERNAME: "" },
      "eset-connect: no API user; pass --username or set ESET_CONNECT_USERNAME\n",
    ],
    [
      "a --uuids file that is not JSON",
      () => ["plan", valid(), "--uuids", file("uuids.json", "acme: u-1\n")],
      {},
      `eset-connect: ${path.join(dir, "uuids.json")} is not JSON; write it with \`pulumi stack output uuidsByKey --json\`\n`,
    ],
    [
      "a --uuids map with a number for a uuid",
      () => ["plan", valid(), "--uuids", file("uuids-number.json", '{ "acme": 7 }')],
      {},
      `eset-connect: ${path.join(dir, "uuids-number.json")} must be a JSON object of key → uuid; write it with \`pulumi stack output uuidsByKey --json\`\n`,
    ],
    [
      "a hierarchy file that does not exist",
      () => ["plan", path.join(dir, "missing.yaml")],
      {},
      `eset-connect: cannot read or write ${path.join(dir, "missing.yaml")}: ENOENT\n`,
    ],
    [
      "a command that does not exist",
      () => ["destroy"],
      {},
      "error: unknown command 'destroy'\n(run eset-connect --help for usage)\n",
    ],
  ])("%s", async (_name, args, env, message) => {
    const result = await cli(args(), env);
    expect(result).toEqual({ code: 1, stdout: "", stderr: message });
  });
});

describe("typos: misspelt inputs and config keys", () => {
  const registered = useMockedPulumi(() => ({}));

  it("a misspelt input given to new Group from JavaScript reaches check, which refuses it by name", async () => {
    const group = new Group("typo", { ...base, forceDestory: true } as unknown as GroupArgs);
    await valueOf(group.displayName);
    const inputs = registered.find((r) => r.name === "typo")?.inputs ?? {};
    expect(inputs.forceDestory).toBe(true);
    expect(await checkGroup(inputs)).toEqual([
      { property: "forceDestory", reason: "unknown input forceDestory; did you mean forceDestroy?" },
    ]);
  });

  it("a misspelt input given to new GpoSccmFile reaches check, which refuses it by name", async () => {
    const file = new GpoSccmFile("typo-file", { securityGroupUid: "g-1" } as unknown as GpoSccmFileArgs);
    await valueOf(file.sha256);
    const inputs = registered.find((r) => r.name === "typo-file")?.inputs ?? {};
    expect(await checkGpoSccmFile(inputs)).toEqual([
      {
        property: "securityGroupUid",
        reason: "unknown input securityGroupUid; did you mean securityGroupUuid?",
      },
    ]);
  });

  it("a misspelt input given to new GroupAnchor reaches check, which refuses it before reading ESET", async () => {
    const anchor = new GroupAnchor("typo-anchor", { pth: "Customers/Acme" } as unknown as GroupAnchorArgs);
    await valueOf(anchor.path);
    const inputs = registered.find((r) => r.name === "typo-anchor")?.inputs ?? {};
    expect(anchorShapeFailures(inputs).failures).toEqual([
      { property: "pth", reason: "unknown input pth; did you mean path?" },
    ]);
  });

  it("a misspelt Hierarchy argument fails when the component is constructed", () => {
    const args = { hierarchy: { groups: [] }, allowReplce: true } as unknown as HierarchyArgs;
    expect(() => new Hierarchy("msp", args)).toThrow(
      'Hierarchy "msp": unknown input allowReplce; did you mean allowReplace?',
    );
  });

  it("an unknown eset: config key is a warning with a did-you-mean, and named when a setting is missing", async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("ESET_CONNECT_")),
    );
    const typoHost = await startProviderHost({ env });
    try {
      await typoHost.configure(
        {
          "eset:endpoint": emulator.url,
          "eset:usrname": emulator.username,
          "eset:password": emulator.password,
          "aws:region": "eu-west-1", // another provider's key: not ours to judge
        },
        { secretKeys: ["eset:password"] },
      );
      const { inputs, failures } = await typoHost.check({}, { ...base, __provider: providers.group });
      expect(failures).toEqual([]);
      await expect(typoHost.create(inputs)).rejects.toThrow(
        /username: missing; set stack config eset:username[\s\S]*stack config: unknown config key eset:usrname; did you mean eset:username\?/,
      );
      const { stdout, stderr } = typoHost.output();
      expect(stderr).toContain(
        "eset-connect: warning: unknown config key eset:usrname; did you mean eset:username?\n",
      );
      expect(`${stdout}${stderr}`).not.toContain("aws:region");
      expect(`${stdout}${stderr}`).not.toContain(emulator.password);
    } finally {
      await typoHost.close();
    }
  });

  it.each([
    ["eset:usrname", "unknown config key eset:usrname; did you mean eset:username?"],
    ["eset:regoin", "unknown config key eset:regoin; did you mean eset:region?"],
    [
      "eset:proxy",
      "unknown config key eset:proxy; the eset: settings are eset:region, eset:endpoint, eset:serverUrl, eset:domainUser, eset:caCertificate, eset:username, eset:password, eset:adoptEmptyGroupsOnCreate",
    ],
  ])("warns about %s", (key, warning) => {
    expect(unknownConfigKeyWarnings([key, "eset:username", "pulumi:disable-default-providers"])).toEqual([
      warning,
    ]);
  });

  it.each(["EU", "Eu", " eu ", "JPN"])("accepts the region code %j in any case", (region) => {
    const input = { username: "api@example.com", password: "pw", region };
    expect(parseClientConfig(input).region).toBe(region.trim().toLowerCase());
    const env = { ESET_CONNECT_USERNAME: "api@example.com", ESET_CONNECT_PASSWORD: "pw" };
    expect(connectionConfig({ region }, env).region).toBe(region.trim().toLowerCase());
    expect(connectionConfig({}, { ...env, ESET_CONNECT_REGION: region }).region).toBe(
      region.trim().toLowerCase(),
    );
  });
});

describe("typos through an engine preview of a JavaScript program", () => {
  // A JavaScript program, where no type checker catches a misspelt input: the preview must fail
  // at check, naming it, before any call reaches ESET (the emulator's log is checked after each).
  let programDir: string;
  beforeAll(() => {
    assertBuilt({ provider: true });
    const base = path.join(REPO, ".pulumi-engine");
    fs.mkdirSync(base, { recursive: true });
    programDir = fs.mkdtempSync(path.join(base, "typos-"));
    fs.writeFileSync(
      path.join(programDir, "Pulumi.yaml"),
      "name: eset-typos\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n",
    );
  });
  afterAll(() => fs.rmSync(programDir, { recursive: true, force: true }));

  async function preview(program: string, config: string[] = []) {
    fs.writeFileSync(path.join(programDir, "index.js"), program);
    return runEngineCli([
      "preview",
      programDir,
      "--config",
      `eset:endpoint=${emulator.url}`,
      "--config",
      `eset:username=${emulator.username}`,
      "--secret-config",
      `eset:password=${emulator.password}`,
      ...config,
    ]);
  }

  it("fails a preview at check on a misspelt Group input, with a did-you-mean", async () => {
    const run = await preview(
      `const { Group } = require("pulumi-eset-connect");\n` +
        `new Group("sales", { displayName: "Sales", parentGroupUuid: "${ALL}", forceDestory: true });\n`,
    );
    expect(run.code).not.toBe(0);
    expect(engineErrorsOf(run.report).join("\n")).toContain(
      "unknown input forceDestory; did you mean forceDestroy?",
    );
  }, 120_000);

  it("fails a preview on a misspelt Hierarchy argument, with a did-you-mean", async () => {
    const run = await preview(
      `const { Hierarchy } = require("pulumi-eset-connect");\n` +
        `new Hierarchy("msp", { hierarchy: { parent: "${ALL}", groups: [{ name: "Acme" }] }, allowReplce: true });\n`,
    );
    expect(run.code).not.toBe(0);
    expect(engineErrorsOf(run.report).join("\n")).toContain(
      'Hierarchy "msp": unknown input allowReplce; did you mean allowReplace?',
    );
  }, 120_000);

  it("warns about a misspelt eset: key in a preview that otherwise passes, with no write", async () => {
    const run = await preview(
      `const { Group } = require("pulumi-eset-connect");\n` +
        `new Group("sales", { displayName: "Sales", parentGroupUuid: "${ALL}" });\n`,
      ["--config", "eset:regoin=eu"],
    );
    expect(run.code).toBe(0);
    expect(`${JSON.stringify(run.report)}\n${run.stderr}`).toContain(
      "unknown config key eset:regoin; did you mean eset:region?",
    );
    // A create with a known parent reads the tree once in preview (ESET's rules), and writes nothing.
    const calls = (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => !c.startsWith("GET ") && c !== "POST /oauth/token")).toEqual([]);
    expect(calls.filter((c) => c.startsWith("GET /v1/device_groups"))).toHaveLength(1);
    await emulator.clearRequests();
  }, 120_000);
});
