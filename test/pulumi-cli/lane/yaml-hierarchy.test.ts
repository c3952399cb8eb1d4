// The Hierarchy component from Pulumi YAML, built by the eset plugin's `construct` with the
// plugin's own eset:index:Group resources as its children: up, an empty preview, a node renamed and
// another moved in the declared tree (in place, uuids kept), destroy (nothing left).
import { PLUGIN, managedTree, pluginLane } from "./plugin-lane";

jest.setTimeout(15 * 60_000);

const lane = pluginLane("yaml-hierarchy");

test("YAML Hierarchy: up, empty preview, rename and move by key in place, destroy", async () => {
  const { cli, emulator } = lane;
  const live = () => managedTree(emulator);
  const added = await cli.pulumi(["package", "add", PLUGIN]);
  expect(added.code === 0 ? "" : added.output).toBe(""); // the output says why

  const up = await cli.run("up");
  expect(up.errors).toEqual([]);
  // The component's children are the plugin's own resources (not dynamic ones).
  expect(up).toMatchObject({
    code: 0,
    changes: ["create tree", "create tree/berlin", "create tree/emea", "create tree/paris"],
  });
  expect(up.output).toContain("eset:index:Group tree/berlin");
  const before = await live();
  expect(before.paths).toEqual(["All/EMEA", "All/EMEA/Berlin", "All/EMEA/Paris"]);

  expect(await cli.run("preview", ["--expect-no-changes"])).toMatchObject({ code: 0, changes: [] });

  // Berlin renamed; Paris (same key) moved from below EMEA to the top.
  cli.rewrite("Pulumi.yaml", (text) =>
    text
      .replace("- name: Berlin\n", "- name: Berlin Mitte\n")
      .replace("              - name: Paris\n                key: paris\n", "")
      .replace("outputs:", "          - name: Paris\n            key: paris\noutputs:"),
  );
  const edited = await cli.run("up");
  expect(edited).toMatchObject({ code: 0, changes: ["update tree/berlin", "update tree/paris"] });
  const after = await live();
  expect(after.paths).toEqual(["All/EMEA", "All/EMEA/Berlin Mitte", "All/Paris"]);
  expect(after.uuids["All/EMEA/Berlin Mitte"]).toBe(before.uuids["All/EMEA/Berlin"]);
  expect(after.uuids["All/Paris"]).toBe(before.uuids["All/EMEA/Paris"]);

  expect(await cli.run("destroy")).toMatchObject({ code: 0 });
  expect((await live()).paths).toEqual([]);
});
