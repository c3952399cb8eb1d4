// The Hierarchy component from Pulumi YAML on ESET PROTECT On-Prem, through the real CLI against the
// emulator run with deployment on-prem: the plugin's `construct` protects the component's Groups
// there (input protectOnPrem, default true), so a node removed from the YAML fails in preview with
// nothing written; with `protectOnPrem: false` the preview plans the delete, and `up` refuses it
// when the delete runs, before any call for that group.
import { PLUGIN, managedTree, pluginLane } from "./plugin-lane";

jest.setTimeout(15 * 60_000);

const lane = pluginLane("yaml-hierarchy");
const PARIS = "              - name: Paris\n                key: paris\n";

test("YAML Hierarchy on On-Prem: a removed node fails in preview; unprotected, up refuses its delete", async () => {
  const { cli, emulator } = lane;
  await emulator.settings({ deployment: "on-prem" });
  for (const args of [
    ["config", "rm", "eset:endpoint"],
    ["config", "set", "eset:serverUrl", emulator.url],
  ]) {
    const r = await cli.pulumi(args);
    expect(r.code === 0 ? "" : r.output).toBe("");
  }
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why

  const up = await cli.run("up");
  expect(up.errors).toEqual([]);
  expect(up).toMatchObject({
    code: 0,
    changes: ["create tree", "create tree/berlin", "create tree/emea", "create tree/paris"],
  });
  expect(up.output).toContain("has no group delete, so this hierarchy's groups are protected");
  const before = await managedTree(emulator);

  cli.rewrite("Pulumi.yaml", (text) => text.replace(PARIS, ""));
  await emulator.clearRequests();
  const preview = await cli.run("preview");
  expect(preview.code).not.toBe(0);
  expect(preview.errors.join("\n")).toMatch(/tree\/paris" cannot be deleted\s+because it is protected/);
  expect((await emulator.requests()).filter((r) => r.method !== "GET" && r.path !== "/GetTokens")).toEqual(
    [],
  );

  // Unprotected: Paris back first, so that the protect option leaves the state, then removed again.
  cli.rewrite("Pulumi.yaml", (text) =>
    text
      .replace("                key: berlin\n", `                key: berlin\n${PARIS}`)
      .replace("    properties:\n", "    properties:\n      protectOnPrem: false\n"),
  );
  expect(await cli.run("up")).toMatchObject({ code: 0, changes: [] });
  cli.rewrite("Pulumi.yaml", (text) => text.replace(PARIS, ""));
  expect(await cli.run("preview")).toMatchObject({ code: 0, changes: ["delete tree/paris"] });
  await emulator.clearRequests();
  const refused = await cli.run("up");
  expect(refused.code).not.toBe(0);
  expect(refused.errors.join("\n")).toContain(
    "cannot be deleted: ESET PROTECT On-Prem's REST API has no group delete",
  );
  expect((await emulator.requests()).filter((r) => r.method === "DELETE")).toEqual([]);
  expect((await managedTree(emulator)).paths).toEqual(before.paths);
});
