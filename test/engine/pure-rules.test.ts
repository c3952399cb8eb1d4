// The harness's pure rules as tables: property paths for ignoreChanges, secret handling, URNs,
// stack config resolution, state encryption and ordering, and the report's wording.
import { isErrorEcho } from "../../tools/engine/index";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applyIgnoreChanges, parsePropertyPath } from "../../tools/engine/ignore-changes";
import { readProject, resolveStackConfig } from "../../tools/engine/project";
import {
  changedKeys,
  makeSecret,
  markSecret,
  maskForDisplay,
  secretKeysOf,
  UNKNOWN,
  unwrapSecrets,
  type PropertyMap,
} from "../../tools/engine/properties";
import { formatStep, Reporter, type StepRecord } from "../../tools/engine/report";
import { sortByDependencies, StackState, type ResourceState } from "../../tools/engine/state";
import { makeUrn, nameOf, typeOf } from "../../tools/engine/urn";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engine-rules-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("property paths", () => {
  it.each([
    ["a", ["a"]],
    ["a.b", ["a", "b"]],
    ["a[0]", ["a", 0]],
    ['a["x.y"].z', ["a", "x.y", "z"]],
    ["tags[*]", ["tags", "*"]],
    ["*", ["*"]],
  ])("parses %s", (text, segments) => {
    expect(parsePropertyPath(text)).toEqual(segments);
  });

  it.each([
    ["", "empty path"],
    ["a.", "ends with a dot"],
    ["a[", "missing ]"],
    ["a[b]", "[b] is neither an index"],
  ])("rejects %j, saying why", (text, why) => {
    expect(() => parsePropertyPath(text)).toThrow(
      `ignoreChanges path "${text}" is not a property path: ${why}`,
    );
  });
});

describe("ignoreChanges", () => {
  const olds: PropertyMap = {
    size: 1,
    tags: { env: "prod", team: "a" },
    list: [1, 2],
    secret: makeSecret({ k: "old" }),
  };
  it.each<[string[], PropertyMap, PropertyMap]>([
    [["size"], { size: 5, name: "x" }, { size: 1, name: "x" }],
    [["tags.env"], { tags: { env: "dev", team: "b" } }, { tags: { env: "prod", team: "b" } }],
    [["list[1]"], { list: [9, 9] }, { list: [9, 2] }],
    [["missing"], { missing: "new" }, {}],
    [["*"], { size: 7, other: 1 }, { size: 1, tags: olds.tags, list: [1, 2], secret: olds.secret }],
    [["secret.k"], { secret: makeSecret({ k: "new", j: 1 }) }, { secret: makeSecret({ k: "old", j: 1 }) }],
  ])("%j keeps the old value", (paths, news, expected) => {
    expect(applyIgnoreChanges(olds, news, paths)).toEqual(expected);
  });
});

describe("secrets and unknowns", () => {
  it("marks top-level outputs secret and finds which keys are secret", () => {
    const marked = markSecret({ a: 1, b: "x", c: null }, ["b", "c", "absent"]);
    expect(marked).toEqual({ a: 1, b: makeSecret("x"), c: null });
    expect(secretKeysOf({ a: 1, deep: { x: makeSecret(2) } })).toEqual(["deep"]);
    expect(unwrapSecrets({ deep: { x: makeSecret(2) } })).toEqual({ deep: { x: 2 } });
  });

  it("shows secrets and unknowns without their values, and never __provider", () => {
    expect(
      maskForDisplay({ __provider: "code", s: makeSecret("pw"), u: UNKNOWN, n: [makeSecret(1)] }),
    ).toEqual({
      s: "[secret]",
      u: "[unknown]",
      n: ["[secret]"],
    });
  });

  it("compares values through secret wrappers and ignores __provider", () => {
    expect(
      changedKeys({ a: makeSecret("x"), b: 1, __provider: "v1" }, { a: "x", b: 2, c: 3, __provider: "v2" }),
    ).toEqual(["b", "c"]);
  });
});

describe("URNs", () => {
  it("qualifies a child's type with its parents' types, but not with the stack's", () => {
    const stackUrn = makeUrn("dev", "proj", "pulumi:pulumi:Stack", "proj-dev");
    const comp = makeUrn("dev", "proj", "my:index:Comp", "c", stackUrn);
    const child = makeUrn("dev", "proj", "pulumi-nodejs:dynamic:Resource", "r::odd", comp);
    expect(comp).toBe("urn:pulumi:dev::proj::my:index:Comp::c");
    expect(child).toBe("urn:pulumi:dev::proj::my:index:Comp$pulumi-nodejs:dynamic:Resource::r::odd");
    expect(typeOf(child)).toBe("pulumi-nodejs:dynamic:Resource");
    expect(nameOf(child)).toBe("r::odd");
  });
});

describe("stack config", () => {
  const dir = path.join(tmp, "proj");
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: proj\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nconfig:\n  greeting: hello\n  eset:region:\n    default: eu\n",
  );
  fs.writeFileSync(
    path.join(dir, "Pulumi.dev.yaml"),
    "config:\n  eset:endpoint: http://x\n  proj:count: 3\n  eset:password:\n    secure: v1:abc\n",
  );

  it("layers project defaults, the stack file and flags, namespacing bare keys with the project name", () => {
    const project = readProject(dir);
    expect(project).toMatchObject({ name: "proj", typescript: false });
    const config = resolveStackConfig(project, "dev", {
      config: ["greeting=hi", "eset:region=de"],
      secretConfig: ["eset:password=pw"],
    });
    expect(config.values).toEqual({
      "proj:greeting": "hi",
      "eset:region": "de",
      "eset:endpoint": "http://x",
      "proj:count": "3",
      "eset:password": "pw",
    });
    expect(config.secretKeys).toEqual(["eset:password"]);
  });

  it("refuses encrypted values it cannot decrypt, naming the key and the flag to use", () => {
    expect(() => resolveStackConfig(readProject(dir), "dev", { config: [], secretConfig: [] })).toThrow(
      'eset:password is encrypted ("secure:"), which the engine harness cannot decrypt: pass --secret-config eset:password=...',
    );
  });

  it("names the flag and the fix for a malformed assignment, and the file for a bad project", () => {
    expect(() =>
      resolveStackConfig(readProject(dir), "dev", { config: ["noequals"], secretConfig: [] }),
    ).toThrow('--config "noequals" is not key=value');
    expect(() => readProject(tmp)).toThrow(`no Pulumi.yaml in ${tmp}: pass the folder of a Pulumi project`);
  });
});

describe("state file", () => {
  const r = (urn: string, extra: Partial<ResourceState> = {}): ResourceState => ({
    urn,
    custom: true,
    type: "t",
    inputs: {},
    outputs: {},
    dependencies: [],
    ...extra,
  });

  it("orders resources after their parents, dependencies and deletedWith targets", () => {
    const sorted = sortByDependencies([
      r("d", { deletedWith: "c" }),
      r("c", { propertyDependencies: { x: ["b"] } }),
      r("b", { dependencies: ["a"] }),
      r("a", { parent: "root" }),
      r("root"),
    ]);
    expect(sorted.map((x) => x.urn)).toEqual(["root", "a", "b", "c", "d"]);
  });

  it("encrypts secrets at rest and reads them back with the same passphrase only", () => {
    const file = path.join(tmp, "state.json");
    const state = StackState.load(file, "proj", "dev", "pass-1");
    state.resources.push(r("a", { outputs: { token: makeSecret("tok-123"), plain: "p" } }));
    state.save();
    expect(fs.readFileSync(file, "utf8")).not.toContain("tok-123");
    expect(StackState.load(file, "proj", "dev", "pass-1").resources[0].outputs).toEqual({
      token: makeSecret("tok-123"),
      plain: "p",
    });
    expect(() => StackState.load(file, "proj", "dev", "pass-2")).toThrow(
      "written with a different PULUMI_CONFIG_PASSPHRASE",
    );
    expect(() => StackState.load(file, "proj", "prod", "pass-1")).toThrow(
      `state file ${file} belongs to stack proj/dev, not proj/prod: pass --state with this stack's file`,
    );
  });
});

describe("report", () => {
  const step = (op: StepRecord["op"], name: string, extra: Partial<StepRecord> = {}): StepRecord => ({
    op,
    phase: "update",
    urn: `urn:pulumi:dev::p::t::${name}`,
    type: "t",
    name,
    ...extra,
  });

  it("prints one line per resource and the CLI's summary wording", () => {
    let text = "";
    const reporter = new Reporter({
      command: "up",
      stack: "dev",
      preview: false,
      countedPhase: "update",
      json: false,
      write: (t) => (text += t),
    });
    reporter.step(step("create", "a"));
    reporter.step(step("update", "b", { diffs: ["displayName", "parent"] }));
    reporter.step(step("replace", "c", { diffs: ["kind"] }));
    reporter.step(step("same", "d"));
    reporter.step(step("delete", "e", { retained: true }));
    const report = reporter.finish({ out: makeSecret("s"), plain: "v" }, false, false, 1200);
    expect(text).toContain("Updating (dev):\n");
    expect(text).toContain("    ~  update   t  b  [diff: ~displayName,parent]\n");
    expect(text).toContain("    -  delete   t  e  (retained: provider delete not called)\n");
    expect(text).toContain('Outputs:\n    out: [secret]\n    plain: "v"\n');
    expect(text).toContain(
      "Resources:\n    + 1 created\n    ~ 1 updated\n    +-1 replaced\n    - 1 deleted\n    4 changes. 1 unchanged\n",
    );
    expect(report.changeSummary).toEqual({ create: 1, update: 1, replace: 1, same: 1, delete: 1 });
  });

  it("fails --expect-no-changes with the CLI's message, in preview wording", () => {
    const reporter = new Reporter({
      command: "preview",
      stack: "dev",
      preview: true,
      countedPhase: "update",
      json: true,
      write: () => undefined,
    });
    reporter.step(step("update", "b"));
    const report = reporter.finish({}, false, true, 10);
    expect(report.unexpectedChanges).toBe(true);
    expect(report.diagnostics).toEqual([
      { severity: "error", message: "no changes were expected but changes were proposed" },
    ]);
    expect(formatStep(step("create", "x", { error: "boom" }))).toBe("    +  create   t  x  **failed**");
  });
});

describe("the host's echo of an error it returns (dropped unless --debug)", () => {
  it.each([
    ['Error: group "Sales" is gone: Error: group "Sales" is gone', true],
    [
      "    at readGroup (/app/node_modules/pulumi-eset-connect/dist/provider/dynamic/group-read.js:12:9)",
      true,
    ],
    ["ConfigError: Invalid: ConfigError: Invalid", true],
    ['eset-connect: group "Sales" (g1): adopting the existing group', false],
    ["Error: one thing: Error: another thing", false],
  ])("%s -> %s", (line, echo) => {
    expect(isErrorEcho(line)).toBe(echo);
  });
});
