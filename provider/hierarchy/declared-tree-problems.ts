/**
 * Problems of the declared tree (the YAML file or object), found without looking at ESET; ESET's
 * own tree rules are the resources' (provider/tree/rules.ts). Rules that span several
 * nodes: unique sibling names, unique keys (explicit or default), one node
 * per adopted uuid, and a well-formed `parent`. They walk the raw input defensively, so they report
 * alongside shape problems instead of after them.
 */
import { ALL_GROUP_UUID } from "./format";
import { defaultKey, isValidKey, slug } from "./keys";
import { parsePath } from "../client/group-paths";
import type { HierarchyProblem, PropertyPath } from "./problems";

interface Seen {
  path: PropertyPath;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parentProblems(parent: unknown): HierarchyProblem[] {
  if (typeof parent !== "string" || parent === "") return [];
  if (parsePath(parent).some((name) => name === "")) {
    return [
      {
        path: ["parent"],
        target: "value",
        what: `parent ${JSON.stringify(parent)} has an empty name between slashes`,
        fix: 'write the path as names joined by "/" (e.g. "Customers/Europe"), or give the group\'s uuid',
      },
    ];
  }
  return [];
}

/** Problems with keys, names and adopted uuids across the whole tree. */
export function declaredTreeProblems(input: unknown): HierarchyProblem[] {
  if (!isRecord(input)) return [];
  const problems = parentProblems(input.parent);
  const keys = new Map<string, Seen>();
  const adopted = new Map<string, Seen>();

  const visitList = (list: unknown, listPath: PropertyPath, parentKey: string | undefined): void => {
    if (!Array.isArray(list)) return;
    const siblings = new Map<string, Seen>();
    list.forEach((node, index) => {
      if (!isRecord(node)) return;
      const nodePath = [...listPath, index];
      const name = typeof node.name === "string" && node.name !== "" ? node.name : undefined;
      let duplicateName = false;
      if (name !== undefined) {
        const first = siblings.get(name);
        duplicateName = first !== undefined;
        if (first) {
          problems.push({
            path: [...nodePath, "name"],
            target: "value",
            what: `duplicate sibling name ${JSON.stringify(name)}`,
            firstAt: first.path,
            fix: "ESET PROTECT refuses two groups with one name under the same parent: rename or move one of them",
          });
        } else {
          siblings.set(name, { path: [...nodePath, "name"] });
        }
      }
      const key = checkKey(node, nodePath, name, parentKey, duplicateName);
      checkAdoption(node, nodePath);
      visitList(node.children, [...nodePath, "children"], key);
    });
  };

  const checkKey = (
    node: Record<string, unknown>,
    nodePath: PropertyPath,
    name: string | undefined,
    parentKey: string | undefined,
    duplicateName: boolean,
  ): string | undefined => {
    const explicit = typeof node.key === "string" ? node.key : undefined;
    if (explicit !== undefined && !isValidKey(explicit)) {
      const example = slug(explicit) || "site-1";
      problems.push({
        path: [...nodePath, "key"],
        target: "value",
        what: `key ${JSON.stringify(explicit)} is not valid`,
        fix: `use letters, digits, ".", "_" and "-" in parts joined by "/", each part starting with a letter or digit, e.g. "${example}"`,
      });
      return explicit;
    }
    // A blank name is already reported as such; a key problem on top would only be noise.
    if (explicit === undefined && name !== undefined && name.trim() !== "" && slug(name) === "") {
      problems.push({
        path: [...nodePath, "name"],
        target: "value",
        what: `the name ${JSON.stringify(name)} gives no default key (it has no letters a-z or digits)`,
        fix: 'add an explicit key to this group, e.g. "key: site-1"',
      });
      return undefined;
    }
    const key = explicit ?? (name !== undefined ? defaultKey(parentKey, name) : undefined);
    if (key === undefined) return undefined;
    const place = explicit !== undefined ? [...nodePath, "key"] : [...nodePath, "name"];
    const first = keys.get(key);
    if (!first) {
      keys.set(key, { path: place });
    } else if (explicit !== undefined) {
      problems.push({
        path: place,
        target: "value",
        what: `key ${JSON.stringify(key)} is used twice`,
        firstAt: first.path,
        fix: "keys identify groups across renames and moves, so each must be unique in the hierarchy: change one of them",
      });
    } else if (!duplicateName) {
      // A duplicate sibling name already explains a clash of default keys; say it once.
      problems.push({
        path: place,
        target: "value",
        what: `the default key ${JSON.stringify(key)} of this group is already used`,
        firstAt: first.path,
        fix: "give this group an explicit, unique key",
      });
    }
    return key;
  };

  const checkAdoption = (node: Record<string, unknown>, nodePath: PropertyPath): void => {
    const uuid = node.existingUuid;
    if (typeof uuid !== "string" || uuid === "") return;
    const place = [...nodePath, "existingUuid"];
    if (uuid.toLowerCase() === ALL_GROUP_UUID) {
      problems.push({
        path: place,
        target: "value",
        what: "existingUuid is the root group All, which cannot be renamed, moved or deleted",
        fix: 'build under All instead: remove this node and list its children under "groups:"',
      });
      return;
    }
    const first = adopted.get(uuid);
    if (first) {
      problems.push({
        path: place,
        target: "value",
        what: `existingUuid ${JSON.stringify(uuid)} is adopted twice`,
        firstAt: first.path,
        fix: "one group can be managed by one node only: remove existingUuid from one of them",
      });
    } else {
      adopted.set(uuid, { path: place });
    }
  };

  visitList(input.groups, ["groups"], undefined);
  return problems;
}
