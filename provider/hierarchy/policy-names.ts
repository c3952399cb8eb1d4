/**
 * A hierarchy's `policies:` entries against the tenant's policies (one listing): each name or uuid
 * becomes the uuid of exactly one policy, before anything is written. An unknown name says which
 * node and entry, and the closest name ESET has; a name that several policies share asks for the
 * uuid. Pure: the `Hierarchy` component, the plugin's and `eset-connect plan` all use it.
 */
import { closest } from "../../shared/suggest";
import type { DeclaredGroup, DeclaredHierarchy } from "./declared";
import type { PolicySummary } from "./policy-data";
import {
  formatProblem,
  objectLocator,
  problemListMessage,
  type HierarchyProblem,
  type Locate,
} from "./problems";
import { isUuidReference } from "./uuid-text";

/** True when some node names a policy by display name, so the policies must be listed to resolve it. */
export function declaresPolicyNames(declared: DeclaredHierarchy): boolean {
  return declared.all.some((node) => node.policies?.some((entry) => !isUuidReference(entry)));
}

/** True when some node declares `policies:` (even `[]`). */
export function declaresPolicies(declared: DeclaredHierarchy): boolean {
  return declared.all.some((node) => node.policies !== undefined);
}

export interface ResolvedPolicies {
  /** Key → the policy uuids of every node that declares `policies:`, rank order. */
  byKey: Map<string, string[]>;
  problems: HierarchyProblem[];
}

function shortList(uuids: string[]): string {
  return uuids.length > 3 ? `${uuids.slice(0, 3).join(", ")} and ${uuids.length - 3} more` : uuids.join(", ");
}

/**
 * The uuids of every node's policies. With `policies` undefined (nothing listed), uuid entries are
 * taken as written and a name is a problem; with the listing, uuids are checked too.
 */
export function resolvePolicyNames(
  declared: DeclaredHierarchy,
  policies: readonly PolicySummary[] | undefined,
): ResolvedPolicies {
  const byUuid = new Map((policies ?? []).map((policy) => [policy.uuid.toLowerCase(), policy]));
  const byName = new Map<string, PolicySummary[]>();
  for (const policy of policies ?? []) {
    byName.set(policy.displayName, [...(byName.get(policy.displayName) ?? []), policy]);
  }
  const names = [...byName.keys()];
  const problems: HierarchyProblem[] = [];
  const byKey = new Map<string, string[]>();
  const problem = (node: DeclaredGroup, index: number, what: string, fix: string) =>
    problems.push({
      path: [...node.source, "policies", index],
      target: "value",
      what: `${node.path}: policies[${index}] ${what}`,
      fix,
    });

  for (const node of declared.all) {
    if (node.policies === undefined) continue;
    const uuids: string[] = [];
    const firstIndex = new Map<string, number>();
    node.policies.forEach((entry, index) => {
      let uuid: string | undefined;
      if (isUuidReference(entry)) {
        uuid = policies === undefined ? entry.toLowerCase() : byUuid.get(entry.toLowerCase())?.uuid;
        if (uuid === undefined) {
          problem(
            node,
            index,
            `${entry} is not a policy in ESET (deleted there, or a wrong uuid)`,
            "write the uuid of an existing policy, or its display name",
          );
        }
      } else {
        const found = byName.get(entry) ?? [];
        if (found.length === 1) {
          uuid = found[0].uuid;
        } else if (found.length > 1) {
          problem(
            node,
            index,
            `${JSON.stringify(entry)} names ${found.length} policies in ESET (${shortList(found.map((p) => p.uuid))})`,
            "write the uuid of the one you mean instead of the name",
          );
        } else {
          const guess = policies === undefined ? undefined : closest(entry, names);
          problem(
            node,
            index,
            `${JSON.stringify(entry)} matches no policy in ESET`,
            guess !== undefined
              ? `did you mean ${JSON.stringify(guess)}? Names are compared exactly, as ESET PROTECT shows them`
              : "write a policy's display name exactly as ESET PROTECT shows it, or its uuid",
          );
        }
      }
      if (uuid === undefined) return;
      const first = firstIndex.get(uuid.toLowerCase());
      if (first !== undefined) {
        problem(
          node,
          index,
          `${JSON.stringify(entry)} is the same policy as policies[${first}] (${uuid})`,
          "a group carries each policy once, at one rank: remove one of them",
        );
        return;
      }
      firstIndex.set(uuid.toLowerCase(), index);
      uuids.push(uuid);
    });
    byKey.set(node.key, uuids);
  }
  return { byKey, problems };
}

/** Thrown when declared policies do not resolve; lists every problem, one a line. */
export class HierarchyPolicyError extends Error {
  constructor(
    readonly problems: readonly HierarchyProblem[],
    readonly lines: readonly string[],
  ) {
    super(problemListMessage("The hierarchy's policies do not match ESET", lines));
    this.name = "HierarchyPolicyError";
  }
}

/** The uuids by key, or HierarchyPolicyError with each problem placed by `locate`. */
export function policyUuidsByKey(
  declared: DeclaredHierarchy,
  policies: readonly PolicySummary[] | undefined,
  locate: Locate = objectLocator(),
): Map<string, string[]> {
  const { byKey, problems } = resolvePolicyNames(declared, policies);
  if (problems.length > 0) {
    throw new HierarchyPolicyError(
      problems,
      problems.map((problem) => formatProblem(problem, locate)),
    );
  }
  return byKey;
}
