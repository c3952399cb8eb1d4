// `policies:` in a declared hierarchy: the shape and duplicate checks made without ESET, and the
// names resolved against the tenant's policies (one listing), each problem at its node and entry.
import {
  declareHierarchy,
  HierarchyValidationError,
  parseHierarchyYaml,
  validateHierarchy,
} from "../../provider/hierarchy";
import {
  declaresPolicies,
  declaresPolicyNames,
  HierarchyPolicyError,
  policyUuidsByKey,
  resolvePolicyNames,
} from "../../provider/hierarchy/policy-names";
import type { PolicySummary } from "../../provider/hierarchy/policy-data";

function problemsOf(source: string): readonly string[] {
  try {
    parseHierarchyYaml(source, "h.yaml");
    return [];
  } catch (error) {
    if (error instanceof HierarchyValidationError) return error.lines;
    throw error;
  }
}

const FIX =
  'list them under "policies:", one a line starting with "- ", each a policy\'s display name or uuid, first = rank 1 (highest priority)';

describe("validating policies", () => {
  it.each<[string, string, string[]]>([
    [
      "a list of names and uuids",
      "groups:\n  - name: Acme\n    policies:\n      - Antivirus - Balanced\n      - 3b1c0000-0000-4000-8000-000000000001\n    children:\n      - name: Servers\n        policies: []\n",
      [],
    ],
    [
      "a single name instead of a list",
      "groups:\n  - name: Acme\n    policies: Antivirus - Balanced\n",
      [
        `h.yaml:3:15: policies must be a list of policy names or uuids, not the text "Antivirus - Balanced"; ${FIX}`,
      ],
    ],
    [
      "policies with nothing after it",
      "groups:\n  - name: Acme\n    policies:\n",
      [
        `h.yaml:3:14: policies must be a list of policy names or uuids, not nothing; ${FIX}; write "policies: []" for a group that carries no policy, or remove the field to leave its policies alone`,
      ],
    ],
    [
      "a number as an entry",
      "groups:\n  - name: Acme\n    policies:\n      - 2024\n",
      [
        'h.yaml:4:9: policies[0] must be a policy\'s display name or uuid, not the number 2024; write it as text; quote names that YAML reads otherwise, e.g. - "2024"',
      ],
    ],
    [
      "an empty entry",
      'groups:\n  - name: Acme\n    policies: [""]\n',
      [
        "h.yaml:3:16: policies[0] is empty; write the policy's display name as ESET PROTECT shows it, or its uuid",
      ],
    ],
    [
      "the same policy twice",
      "groups:\n  - name: Acme\n    policies:\n      - Antivirus - Balanced\n      - Firewall\n      - Antivirus - Balanced\n",
      [
        'h.yaml:6:9: policy "Antivirus - Balanced" is listed twice (first at 4:9); a group carries each policy once, at one rank: remove one of them',
      ],
    ],
    [
      "a misspelt field name",
      "groups:\n  - name: Acme\n    polices: [Firewall]\n",
      ['h.yaml:3:5: unknown field "polices"; did you mean "policies"?'],
    ],
  ])("%s", (_title, source, expected) => {
    expect(problemsOf(source)).toEqual(expected);
  });

  it("names the property path in an object given to the component", () => {
    expect(() =>
      validateHierarchy({ groups: [{ name: "Acme", policies: ["A", "A"] }] }, 'Hierarchy "msp"'),
    ).toThrow(
      'Hierarchy "msp" groups[0].policies[1]: policy "A" is listed twice (first at groups[0].policies[0])',
    );
  });

  it("keeps omitted apart from empty: undefined is not managed, [] is managed and empty", () => {
    const declared = declareHierarchy(
      parseHierarchyYaml("groups:\n  - name: A\n  - name: B\n    policies: []\n").spec,
    );
    expect(declared.all.map((node) => node.policies)).toEqual([undefined, []]);
    expect(declaresPolicies(declared)).toBe(true);
    expect(declaresPolicyNames(declared)).toBe(false);
  });
});

const POLICIES: PolicySummary[] = [
  { uuid: "3b1c0000-0000-4000-8000-000000000001", displayName: "Antivirus - Balanced", builtIn: true },
  {
    uuid: "3b1c0000-0000-4000-8000-000000000002",
    displayName: "Antivirus - Maximum security",
    builtIn: true,
  },
  { uuid: "3b1c0000-0000-4000-8000-000000000003", displayName: "USB lockdown" },
  { uuid: "3b1c0000-0000-4000-8000-000000000004", displayName: "USB lockdown" },
];

const TREE = `
groups:
  - name: Acme
    key: acme
    policies:
      - Antivirus - Balanced
    children:
      - name: Servers
        policies:
          - Antivirus - Maximum securty
          - USB lockdown
          - 3B1C0000-0000-4000-8000-000000000001
          - 3b1c0000-0000-4000-8000-00000000dead
  - name: Globex
`;

describe("resolving policy names", () => {
  it("turns names and uuids into uuids, rank order kept", () => {
    const declared = declareHierarchy(
      parseHierarchyYaml(
        "groups:\n  - name: Acme\n    policies: [Antivirus - Maximum security, 3B1C0000-0000-4000-8000-000000000001]\n  - name: Globex\n",
      ).spec,
    );
    expect([...policyUuidsByKey(declared, POLICIES)]).toEqual([
      ["acme", ["3b1c0000-0000-4000-8000-000000000002", "3b1c0000-0000-4000-8000-000000000001"]],
    ]);
  });

  it("reports unknown, ambiguous, duplicate and missing policies at their node and entry, with a did-you-mean", () => {
    const file = parseHierarchyYaml(TREE, "h.yaml");
    const declared = declareHierarchy(file.spec);
    let error: unknown;
    try {
      policyUuidsByKey(declared, POLICIES, (path, target) => file.locate(path, target));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HierarchyPolicyError);
    expect((error as HierarchyPolicyError).lines).toEqual([
      'h.yaml:10:13: Acme/Servers: policies[0] "Antivirus - Maximum securty" matches no policy in ESET; did you mean "Antivirus - Maximum security"? Names are compared exactly, as ESET PROTECT shows them',
      'h.yaml:11:13: Acme/Servers: policies[1] "USB lockdown" names 2 policies in ESET (3b1c0000-0000-4000-8000-000000000003, 3b1c0000-0000-4000-8000-000000000004); write the uuid of the one you mean instead of the name',
      "h.yaml:13:13: Acme/Servers: policies[3] 3b1c0000-0000-4000-8000-00000000dead is not a policy in ESET (deleted there, or a wrong uuid); write the uuid of an existing policy, or its display name",
    ]);
    expect((error as Error).message).toMatch(
      /^The hierarchy's policies do not match ESET \(3 problems\):\n {2}h\.yaml:10:13/,
    );
  });

  it("finds a name and its uuid to be the same policy", () => {
    const declared = declareHierarchy(
      validateHierarchy({
        groups: [
          { name: "Acme", policies: ["Antivirus - Balanced", "3b1c0000-0000-4000-8000-000000000001"] },
        ],
      }),
    );
    expect(resolvePolicyNames(declared, POLICIES).problems.map((p) => p.what)).toEqual([
      'Acme: policies[1] "3b1c0000-0000-4000-8000-000000000001" is the same policy as policies[0] (3b1c0000-0000-4000-8000-000000000001)',
    ]);
  });

  it("takes uuids as written when nothing was listed, and asks for a listing for a name", () => {
    const declared = declareHierarchy(
      validateHierarchy({ groups: [{ name: "Acme", policies: ["3B1C0000-0000-4000-8000-000000000009"] }] }),
    );
    expect(declaresPolicyNames(declared)).toBe(false);
    expect([...resolvePolicyNames(declared, undefined).byKey]).toEqual([
      ["acme", ["3b1c0000-0000-4000-8000-000000000009"]],
    ]);
  });
});
