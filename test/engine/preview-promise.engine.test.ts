// Preview is a promise: for each edit of a declared tree with installer files (rename, move, add,
// remove at the top, the middle and a leaf), `preview` lists exactly the steps `up` then takes, no
// more, and a preview right after the up is empty. Before Group.uuid was the resource's id, a
// rename of the top group previewed as updates of every descendant and a replacement of every
// installer below it (in preview the engine knows an updated resource's id, not its outputs).
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { assertBuilt, errorsOf, RUN_TIMEOUT_MS, type EngineRun } from "./run-engine";
import { changes, TreeStack, type TreeNode } from "./tree-stack";

jest.setTimeout(40 * RUN_TIMEOUT_MS);

let emulator: TestEmulator;
let stack: TreeStack;

beforeAll(async () => {
  assertBuilt({ provider: true });
  emulator = await startTestEmulator({ settings: { rateLimit: { perSecond: 0 } } });
  stack = new TreeStack({ url: emulator.url, username: emulator.username, password: emulator.password });
});
afterAll(async () => {
  stack?.cleanup();
  await emulator?.close();
});

function expectOk(run: EngineRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${errorsOf(run.report).join("\n")}\n${run.stderr}`);
}

const node = (name: string, key: string, children?: TreeNode[]): TreeNode =>
  children ? { name, key, children } : { name, key };

/** EMEA (top) > Germany (middle) > Berlin, Munich (leaves); EMEA > France; US. */
function start(): TreeNode[] {
  return [
    node("EMEA", "emea", [
      node("Germany", "germany", [node("Berlin", "berlin"), node("Munich", "munich")]),
      node("France", "france"),
    ]),
    node("US", "us"),
  ];
}
const INSTALLERS = ["emea", "germany", "berlin", "us"];

function find(tree: TreeNode[], key: string): TreeNode {
  for (const n of tree) {
    if (n.key === key) return n;
    const inside = n.children ? find(n.children, key) : undefined;
    if (inside) return inside;
  }
  return undefined as unknown as TreeNode;
}

function detach(tree: TreeNode[], key: string): TreeNode {
  for (const n of tree) {
    const i = (n.children ?? []).findIndex((c) => c.key === key);
    if (i >= 0) return n.children!.splice(i, 1)[0];
    if (n.children) {
      const found = detach(n.children, key);
      if (found) return found;
    }
  }
  const top = tree.findIndex((n) => n.key === key);
  return top >= 0 ? tree.splice(top, 1)[0] : (undefined as unknown as TreeNode);
}

type Edit = [string, (t: TreeNode[]) => TreeNode[], string[], string[]];

// Each edit applies to the tree left by the one before; [name, edit, installers after, steps].
const EDITS: Edit[] = [
  ["rename the top group", (t) => ((find(t, "emea").name = "Europe"), t), INSTALLERS, ["update tree/emea"]],
  [
    "rename a middle group",
    (t) => ((find(t, "germany").name = "Deutschland"), t),
    INSTALLERS,
    ["update tree/germany"],
  ],
  [
    "rename a leaf",
    (t) => ((find(t, "berlin").name = "Berlin Mitte"), t),
    INSTALLERS,
    ["update tree/berlin"],
  ],
  [
    "move a leaf",
    (t) => ((find(t, "france").children = [detach(t, "munich")]), t),
    INSTALLERS,
    ["update tree/munich"],
  ],
  [
    "move a middle group to the top",
    (t) => (t.push(detach(t, "germany")), t),
    INSTALLERS,
    ["update tree/germany"],
  ],
  [
    "move a top group under another",
    (t) => (find(t, "germany").children!.push(detach(t, "us")), t),
    INSTALLERS,
    ["update tree/us"],
  ],
  [
    "add a top group, a middle group and a leaf with installers",
    (t) => (t.push(node("APAC", "apac", [node("Japan", "japan", [node("Tokyo", "tokyo")])])), t),
    [...INSTALLERS, "apac", "tokyo"],
    [
      "create apac-installer",
      "create tokyo-installer",
      "create tree/apac",
      "create tree/japan",
      "create tree/tokyo",
    ],
  ],
  [
    "remove a leaf with its installer",
    (t) => (detach(t, "tokyo"), t),
    [...INSTALLERS, "apac"],
    ["delete tokyo-installer", "delete tree/tokyo"],
  ],
  [
    "remove a middle group with everything below it",
    (t) => (detach(t, "germany"), t),
    ["emea", "apac"],
    [
      "delete berlin-installer",
      "delete germany-installer",
      "delete tree/berlin",
      "delete tree/germany",
      "delete tree/us",
      "delete us-installer",
    ],
  ],
  [
    "remove a top group",
    (t) => (detach(t, "apac"), t),
    ["emea"],
    ["delete apac-installer", "delete tree/apac", "delete tree/japan"],
  ],
];

describe("preview lists exactly what up does", () => {
  let tree = start();

  beforeAll(async () => {
    expectOk(await stack.declare(tree, INSTALLERS).run("up"));
  });

  it.each(EDITS)("%s", async (name, edit, installers, expected) => {
    tree = edit(tree);
    stack.declare(tree, installers);
    const preview = await stack.run("preview");
    expectOk(preview);
    const up = await stack.run("up");
    expectOk(up);
    expect(changes(preview.report)).toEqual(expected);
    expect(changes(up.report)).toEqual(expected);
    if (name === EDITS[EDITS.length - 1][0]) {
      const after = await stack.run("preview", ["--expect-no-changes"]);
      expect(changes(after.report)).toEqual([]);
      expect(after.code).toBe(0);
    }
  });
});
