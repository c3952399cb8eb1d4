// The Hierarchy component through the engine harness and the real dynamic-provider host, against
// the emulator: edits of the YAML reconcile in place with only the expected API calls, an
// exported tree is adopted with zero creates, and `eset-connect plan` sees what Pulumi cannot.
import * as fs from "node:fs";
import { runCli } from "../../provider/cli/program";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, type EngineRun } from "../engine/run-engine";
import { groupSteps, HierarchyStack } from "./hierarchy-stack";

jest.setTimeout(300_000);

let emulator: TestEmulator;
const CUSTOMERS = "40000000-0000-4000-8000-000000000001";

beforeAll(async () => {
  assertBuilt({ provider: true });
  emulator = await startTestEmulator();
});
afterAll(async () => emulator?.close());

function connection(): NodeJS.ProcessEnv {
  return {
    ESET_CONNECT_ENDPOINT: emulator.url,
    ESET_CONNECT_USERNAME: emulator.username,
    ESET_CONNECT_PASSWORD: emulator.password,
  };
}

/** The calls that changed something in ESET since the last clear, as "METHOD path". */
async function writes(): Promise<string[]> {
  return (await emulator.requests())
    .filter((r) => r.method !== "GET" && r.path !== "/oauth/token")
    .map((r) => `${r.method} ${r.path}`);
}

/** Live paths below Customers (names joined by "/"), sorted. */
async function liveTree(): Promise<string[]> {
  const groups = (await emulator.state()).tenants.find((t) => t.id === emulator.tenant)!.groups;
  const byUuid = new Map(groups.map((g) => [g.uuid, g]));
  const pathOf = (uuid: string): string | undefined => {
    const group = byUuid.get(uuid);
    if (!group) return undefined;
    if (uuid === CUSTOMERS) return "";
    const parent = group.parentGroupUuid ? pathOf(group.parentGroupUuid) : undefined;
    return parent === undefined
      ? undefined
      : parent === ""
        ? group.displayName
        : `${parent}/${group.displayName}`;
  };
  return groups
    .map((g) => pathOf(g.uuid))
    .filter((p): p is string => p !== undefined && p !== "")
    .sort();
}

function expectSuccess(run: EngineRun): void {
  if (run.code !== 0)
    throw new Error(`engine failed (${run.code}): ${JSON.stringify(run.report.diagnostics)}\n${run.stderr}`);
}

async function plan(file: string, uuids?: Record<string, string>) {
  const out = { code: -1, stdout: "", stderr: "" };
  const files: Record<string, string> = { "uuids.json": JSON.stringify(uuids ?? {}) };
  const args = ["plan", file, ...(uuids ? ["--uuids", "uuids.json"] : [])];
  out.code = await runCli(args, {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env: connection(),
    readFile: (p) => files[p] ?? fs.readFileSync(p, "utf8"),
  });
  return out;
}

const V1 = `
parent: Customers
groups:
  - name: Acme
    key: acme
    children:
      - name: Berlin
        key: acme-berlin
        children:
          - name: Sales
          - name: Support
      - name: Munich
        key: acme-munich
  - name: Globex
    key: globex
`;

describe("editing hierarchy.yaml", () => {
  let stack: HierarchyStack;
  let uuids: Record<string, string> = {};
  beforeAll(async () => {
    await emulator.reset();
    await emulator.seed({
      tenants: [{ id: emulator.tenant, groups: [{ uuid: CUSTOMERS, displayName: "Customers" }] }],
    });
    stack = new HierarchyStack(connection());
  });
  afterAll(() => stack.cleanup());

  async function apply(yaml: string): Promise<EngineRun> {
    stack.write(yaml);
    await emulator.clearRequests();
    const up = await stack.run("up");
    expectSuccess(up);
    uuids = up.report.outputs.uuidsByKey as Record<string, string>;
    return up;
  }

  it("creates the tree, parents first, and a preview afterwards is empty", async () => {
    const up = await apply(V1);
    expect(groupSteps(up.report)).toEqual([
      "create msp/acme",
      "create msp/acme-berlin",
      "create msp/acme-berlin/sales",
      "create msp/acme-berlin/support",
      "create msp/acme-munich",
      "create msp/globex",
    ]);
    expect(await writes()).toEqual(Array(6).fill("POST /v1/groups"));
    expect(await liveTree()).toEqual([
      "Acme",
      "Acme/Berlin",
      "Acme/Berlin/Sales",
      "Acme/Berlin/Support",
      "Acme/Munich",
      "Globex",
    ]);
    expect(Object.keys(uuids).sort()).toEqual([
      "acme",
      "acme-berlin",
      "acme-berlin/sales",
      "acme-berlin/support",
      "acme-munich",
      "globex",
    ]);
    expect((await stack.run("preview", ["--expect-no-changes"])).code).toBe(0);
    expect((await plan(stack.file, uuids)).code).toBe(0);
  });

  it("renames in place: one rename call, same uuid", async () => {
    const up = await apply(V1.replace("name: Acme\n", "name: Acme Corp\n"));
    expect(groupSteps(up.report).filter((s) => !s.startsWith("same"))).toEqual(["update msp/acme"]);
    expect(await writes()).toEqual([`POST /v1/groups/${uuids.acme}:rename`]);
    expect(await liveTree()).toContain("Acme Corp/Berlin/Sales");
  });

  it("moves a subtree in place: one move call, its children follow", async () => {
    const moved = `
parent: Customers
groups:
  - name: Acme Corp
    key: acme
    children:
      - name: Munich
        key: acme-munich
  - name: Globex
    key: globex
    children:
      - name: Berlin
        key: acme-berlin
        children:
          - name: Sales
          - name: Support
`;
    const berlin = uuids["acme-berlin"];
    const up = await apply(moved);
    expect(groupSteps(up.report).filter((s) => !s.startsWith("same"))).toEqual(["update msp/acme-berlin"]);
    expect(await writes()).toEqual([`POST /v1/groups/${berlin}:move`]);
    expect(uuids["acme-berlin"]).toBe(berlin);
    expect(await liveTree()).toEqual([
      "Acme Corp",
      "Acme Corp/Munich",
      "Globex",
      "Globex/Berlin",
      "Globex/Berlin/Sales",
      "Globex/Berlin/Support",
    ]);
  });

  it("adds a leaf with one create and removes a leaf with one delete", async () => {
    const current = fs.readFileSync(stack.file, "utf8");
    const added = `${current}      - name: Lyon\n`;
    let up = await apply(added);
    expect(groupSteps(up.report).filter((s) => !s.startsWith("same"))).toEqual(["create msp/globex/lyon"]);
    expect(await writes()).toEqual(["POST /v1/groups"]);
    expect(await liveTree()).toContain("Globex/Lyon");

    const munich = uuids["acme-munich"];
    up = await apply(added.replace("    children:\n      - name: Munich\n        key: acme-munich\n", ""));
    expect(groupSteps(up.report).filter((s) => !s.startsWith("same"))).toEqual(["delete msp/acme-munich"]);
    expect(await writes()).toEqual([`DELETE /v1/groups/${munich}`]);
    expect(await liveTree()).not.toContain("Acme Corp/Munich");
  });

  it("shows a group made by hand in `eset-connect plan`, which a refreshed preview cannot see", async () => {
    await emulator.seed({
      tenants: [
        {
          id: emulator.tenant,
          groups: [
            {
              uuid: "40000000-0000-4000-8000-0000000000ff",
              displayName: "Temp",
              parentGroupUuid: uuids.globex,
            },
          ],
        },
      ],
    });
    const preview = await stack.run("preview", ["--refresh", "--expect-no-changes"]);
    expect(preview.code).toBe(0);
    const result = await plan(stack.file, uuids);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      "?     └── Temp (in ESET, not declared: 40000000-0000-4000-8000-0000000000ff)",
    );
    expect(result.stdout).toContain("1 not declared; 6 unchanged.");
  });
});

describe("adopting an existing tenant, with ESET's linked groups as anchors", () => {
  let stack: HierarchyStack;
  const u = (n: number) => `50000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  beforeAll(async () => {
    await emulator.reset();
    await emulator.seed({
      tenants: [
        {
          id: emulator.tenant,
          groups: [
            { uuid: CUSTOMERS, displayName: "Customers" },
            {
              uuid: u(1),
              displayName: "Initech",
              parentGroupUuid: CUSTOMERS,
              linkedEntityType: "GROUP_ENTITY_TYPE_CUSTOMER",
            },
            {
              uuid: u(2),
              displayName: "Austin",
              parentGroupUuid: u(1),
              linkedEntityType: "GROUP_ENTITY_TYPE_SITE",
            },
            { uuid: u(3), displayName: "HR", parentGroupUuid: u(2) },
            { uuid: u(4), displayName: "Umbrella", parentGroupUuid: CUSTOMERS },
          ],
        },
      ],
    });
    stack = new HierarchyStack(connection());
  });
  afterAll(() => stack.cleanup());

  it("exports the tree, up adopts it with zero writes, plan is empty, destroy never touches an anchor", async () => {
    const written: Record<string, string> = {};
    const code = await runCli(["export", "--root", "Customers", "-o", "hierarchy.yaml"], {
      stdout: () => undefined,
      stderr: (t) => {
        throw new Error(t);
      },
      env: connection(),
      writeFile: (p, text) => (written[p] = text),
    });
    expect(code).toBe(0);
    stack.write(written["hierarchy.yaml"]);
    const before = await liveTree();
    await emulator.clearRequests();

    const up = await stack.run("up");
    expectSuccess(up);
    expect(groupSteps(up.report)).toEqual(["create msp/initech/austin/hr", "create msp/umbrella"]);
    const anchorSteps = up.report.steps
      .filter((s) => s.phase === "update" && s.type.endsWith(":GroupAnchor"))
      .map((s) => `${s.op} ${s.name}`)
      .sort();
    expect(anchorSteps).toEqual(["create msp/initech", "create msp/initech/austin"]);
    expect(await writes()).toEqual([]); // adopted and anchored: no create, rename or move reached ESET
    expect(await liveTree()).toEqual(before);
    expect((await stack.run("preview", ["--refresh", "--expect-no-changes"])).code).toBe(0);
    expect(written["hierarchy.yaml"]).toContain("anchor: true");
    const planned = await plan(stack.file, up.report.outputs.uuidsByKey as Record<string, string>);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("2 anchors (never changed)");

    await emulator.clearRequests();
    const destroy = await stack.run("destroy");
    expectSuccess(destroy);
    // Only the adopted static groups are deleted, children first; nothing is sent for an anchor.
    expect((await writes()).sort()).toEqual(
      [`DELETE /v1/groups/${u(3)}`, `DELETE /v1/groups/${u(4)}`].sort(),
    );
    const anchors = [u(1), u(2)];
    expect((await emulator.requests()).filter((r) => anchors.some((a) => r.path.includes(a)))).toEqual([]);
    expect(await liveTree()).toEqual(["Initech", "Initech/Austin"]);
  });

  it("fails preview and plan with a clear error when an anchor was renamed in ESET, and writes nothing", async () => {
    const yaml = fs.readFileSync(stack.file, "utf8");
    stack.write(yaml.replace("name: Initech", "name: Initech Inc"));
    await emulator.clearRequests();
    const preview = await stack.run("preview");
    expect(preview.code).not.toBe(0);
    expect(JSON.stringify(preview.report.diagnostics) + preview.stderr).toContain(
      `but the anchored group ${u(1)} is called`,
    );
    const planned = await plan(stack.file);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain(
      `the anchor's group ${u(1)} is called "Initech" in ESET, not "Initech Inc" (renamed there?); write name: "Initech"`,
    );
    expect(await writes()).toEqual([]);
  });
});
