/**
 * Compares the emulator's tree with the declared one: every declared group exists exactly once at
 * its declared path, and nothing else exists (besides All and Lost & found).
 */
import type { EmulatorState } from "../../emulator";
import { pathsByKey, type DeclaredTree } from "./tree";

type LiveGroup = EmulatorState["tenants"][number]["groups"][number];

/** Each live group's path of names below All, e.g. `Customer 001/Site 001-1`, by uuid. */
export function livePaths(groups: readonly LiveGroup[], allGroupUuid: string): Map<string, string> {
  const byUuid = new Map(groups.map((g) => [g.uuid, g]));
  const paths = new Map<string, string>();
  const pathOf = (group: LiveGroup): string => {
    const known = paths.get(group.uuid);
    if (known !== undefined) return known;
    const parent = group.parentGroupUuid ? byUuid.get(group.parentGroupUuid) : undefined;
    const path =
      !parent || parent.uuid === allGroupUuid ? group.displayName : `${pathOf(parent)}/${group.displayName}`;
    paths.set(group.uuid, path);
    return path;
  };
  for (const group of groups) if (group.uuid !== allGroupUuid) pathOf(group);
  return paths;
}

export interface TreeComparison {
  /** Declared paths with no live group. */
  missing: string[];
  /** Live paths nobody declared. */
  unexpected: string[];
  /** Paths held by more than one live group. */
  duplicates: string[];
  /** Live uuid of each declared key (when found). */
  uuidByKey: Map<string, string>;
}

/** The comparison for one tenant; Lost & found is left out (it always exists). */
export function compareWithDeclared(
  state: EmulatorState,
  tree: DeclaredTree,
  tenant = "demo",
): TreeComparison {
  const found = state.tenants.find((t) => t.id === tenant);
  if (!found) throw new Error(`the emulator has no tenant ${tenant}`);
  const groups = found.groups.filter((g) => g.uuid !== found.lostAndFoundUuid);
  const live = livePaths(groups, found.allGroupUuid);
  const uuidsByPath = new Map<string, string[]>();
  for (const [uuid, path] of live) uuidsByPath.set(path, [...(uuidsByPath.get(path) ?? []), uuid]);
  const declared = pathsByKey(tree);
  const declaredPaths = new Set(declared.values());
  const uuidByKey = new Map<string, string>();
  for (const [key, path] of declared) {
    const uuids = uuidsByPath.get(path);
    if (uuids?.length === 1) uuidByKey.set(key, uuids[0]);
  }
  return {
    missing: [...declaredPaths].filter((p) => !uuidsByPath.has(p)).sort(),
    unexpected: [...uuidsByPath.keys()].filter((p) => !declaredPaths.has(p)).sort(),
    duplicates: [...uuidsByPath]
      .filter(([, uuids]) => uuids.length > 1)
      .map(([p]) => p)
      .sort(),
    uuidByKey,
  };
}

/** "" when the trees match, else a readable list of what differs. */
export function describeMismatch(c: TreeComparison): string {
  const parts: string[] = [];
  const list = (label: string, paths: string[]) =>
    paths.length > 0 &&
    parts.push(
      `${label} (${paths.length}): ${paths.slice(0, 10).join("; ")}${paths.length > 10 ? "; ..." : ""}`,
    );
  list("missing", c.missing);
  list("unexpected", c.unexpected);
  list("duplicated", c.duplicates);
  return parts.join("\n");
}
