// The plugin's hand-kept schema.json against the plugin's own tables: every resource served and
// every served resource in the schema, everything described, each optional input's default
// stated, each referenced type defined, and secrets only where the installer file has them.
import schema from "../../provider/plugin/schema.json";
import { HIERARCHY, KIND_OF_TYPE, SECRET_OUTPUTS } from "../../provider/plugin/resource-types";

interface Property {
  description?: string;
  secret?: boolean;
  items?: { $ref?: string };
}
interface Resource {
  description?: string;
  isComponent?: boolean;
  inputProperties: Record<string, Property>;
  requiredInputs?: string[];
  properties: Record<string, Property>;
}
const resources = schema.resources as unknown as Record<string, Resource>;
const types =
  (schema as unknown as { types?: Record<string, { properties: Record<string, Property> }> }).types ?? {};

test("lists exactly the resources the plugin serves, and the Hierarchy component", () => {
  expect(Object.keys(resources).sort()).toEqual([...Object.keys(KIND_OF_TYPE), HIERARCHY].sort());
  expect(resources[HIERARCHY].isComponent).toBe(true);
});

test("describes every resource, input, output and type property", () => {
  const undescribed: string[] = [];
  for (const [token, resource] of Object.entries(resources)) {
    if (!resource.description) undescribed.push(token);
    for (const [kind, props] of [
      ["input", resource.inputProperties],
      ["output", resource.properties],
    ] as const)
      for (const [name, p] of Object.entries(props))
        if (!p.description) undescribed.push(`${token} ${kind} ${name}`);
  }
  for (const [token, type] of Object.entries(types))
    for (const [name, p] of Object.entries(type.properties))
      if (!p.description) undescribed.push(`${token} ${name}`);
  expect(undescribed).toEqual([]);
});

test("states the default of every optional input of the policy resources", () => {
  const missing: string[] = [];
  for (const token of ["eset:index:GroupPolicies", "eset:index:PolicyAnchor"]) {
    const resource = resources[token];
    for (const [name, p] of Object.entries(resource.inputProperties)) {
      if (resource.requiredInputs?.includes(name)) continue;
      if (!/Default/.test(p.description ?? "")) missing.push(`${token} ${name}`);
    }
  }
  expect(missing).toEqual([]);
});

test("defines every referenced type", () => {
  const refs = Object.values(resources)
    .flatMap((r) => Object.values(r.properties))
    .map((p) => p.items?.$ref)
    .filter((ref): ref is string => ref !== undefined);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) expect(types[ref.replace("#/types/", "")]).toBeDefined();
});

test("marks as secret only what is secret: the installer file, never a policy", () => {
  const secrets = Object.entries(resources).flatMap(([token, r]) =>
    Object.entries(r.properties)
      .filter(([, p]) => p.secret)
      .map(([name]) => `${token} ${name}`),
  );
  expect(secrets.sort()).toEqual(
    Object.entries(SECRET_OUTPUTS)
      .flatMap(([token, names]) => names.map((name) => `${token} ${name}`))
      .sort(),
  );
});
