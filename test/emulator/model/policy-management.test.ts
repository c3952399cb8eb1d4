import {
  ANTIVIRUS_BALANCED_POLICY_UUID as BALANCED,
  DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID as USB_LOCKED,
} from "../../../emulator/model/built-in-policies";
import type { EsetCloud } from "../../../emulator/model/cloud";
import type { PolicyRules } from "../../../emulator/model/policies";
import { ALL_GROUP_UUID as ALL, LOST_AND_FOUND_UUID as LOST } from "../../../emulator/model/types";
import { uuidOf } from "../../support/uuids";
import { ACME, AZURE, BERLIN, EMEA, KIOSKS, PC1, SALES, SITE, exampleTree, outcome } from "./fixtures";

const NOPE = uuidOf("nope");

function cloudWith(rules: Partial<PolicyRules> = {}): EsetCloud {
  const cloud = exampleTree();
  cloud.policyRules = { ...cloud.policyRules, ...rules };
  cloud.addTenant("acme");
  return cloud;
}

const toGroup = (c: EsetCloud, policyUuid: string, groupUuid: string) =>
  c.policies.assignPolicy("demo", { policyUuid, target: { deviceGroupUuid: groupUuid } }, "api");
const custom = (c: EsetCloud, tenant = "demo", displayName = "Servers - strict USB") =>
  c.policies.createPolicy(tenant, { displayName }, "api");
const stack = (c: EsetCloud, groupUuid: string) =>
  c.policies
    .listAssignments("demo", { "target.deviceGroupUuid": groupUuid })
    .items.map((a) => [a.policyUuid, a.rank]);

describe("policies", () => {
  // [spec] v2Policy.builtIn: built-in policies cannot be created or deleted; POST creates a custom one.
  test("a create makes a custom policy with a server uuid, listed after the built-ins", () => {
    const cloud = cloudWith();
    const made = cloud.policies.createPolicy("demo", { displayName: "Baseline", uuid: NOPE }, "api");
    expect(made).toEqual({
      uuid: expect.any(String),
      displayName: "Baseline",
      description: "",
      builtIn: false,
      features: [],
    });
    // [spec] v2Policy.uuid is read-only: the API ignores a client's [assumed: ignored, not refused].
    expect(made.uuid).not.toBe(NOPE);
    const listed = cloud.policies.listPolicies("demo", 1000, "").items;
    expect(listed.at(-1)).toEqual(made);
    expect(listed.filter((p) => p.builtIn)).toHaveLength(10);
  });

  test("the console keeps a given unused uuid", () => {
    const cloud = cloudWith();
    expect(cloud.policies.createPolicy("demo", { displayName: "By hand", uuid: NOPE }, "console").uuid).toBe(
      NOPE,
    );
    expect(
      outcome(() => cloud.policies.createPolicy("acme", { displayName: "Again", uuid: NOPE }, "console")),
    ).toBe(`already-exists: policy ${NOPE} already exists`);
  });

  const refusals: Array<[string, (c: EsetCloud) => unknown, string]> = [
    // [spec] v2Policy.builtIn "read-only"; built-ins "cannot be created".
    [
      "a create asking for a built-in policy",
      (c) => c.policies.createPolicy("demo", { displayName: "Mine", builtIn: true }, "api"),
      "refused: a built-in policy cannot be created: leave builtIn out (it is read-only)",
    ],
    // [assumed] a display name is required.
    [
      "a create without a name",
      (c) => c.policies.createPolicy("demo", { description: "x" }, "api"),
      "invalid: policy.displayName is required and must be a non-empty string",
    ],
    // [spec] POST /v2/policies: every feature must be valid, else 400; protobufAny @type has a "/".
    [
      "a feature whose configuration is not a protobuf Any",
      (c) =>
        c.policies.createPolicy(
          "demo",
          { displayName: "Bad", features: [{ featureId: 7, configuration: { "@type": "nothing" } }] },
          "api",
        ),
      'invalid: policy.features[0].configuration must be a protobuf Any: an object whose "@type" names its type, e.g. "type.googleapis.com/package.Message"',
    ],
    [
      "a feature id that is not a whole number",
      (c) =>
        c.policies.createPolicy(
          "demo",
          { displayName: "Bad", features: [{ featureId: 1.5, configuration: { "@type": "x/y" } }] },
          "api",
        ),
      "invalid: policy.features[0].featureId must be a whole number (got 1.5)",
    ],
    // [spec] v2SettingFlags: applyForcefully and readOnly, booleans.
    [
      "an unknown flag",
      (c) =>
        c.policies.createPolicy(
          "demo",
          {
            displayName: "Bad",
            features: [{ featureId: 1, configuration: { "@type": "x/y" }, flags: { a: { sticky: true } } }],
          },
          "api",
        ),
      'invalid: policy.features[0].flags["a"] has unknown flags sticky: use applyForcefully, readOnly',
    ],
    // [spec] v2Policy.builtIn: built-ins cannot be deleted.
    [
      "deleting a built-in policy",
      (c) => c.policies.deletePolicy("demo", BALANCED, "api"),
      `refused: policy "Antivirus - Balanced" (${BALANCED}) is built in and cannot be deleted`,
    ],
    [
      "deleting a built-in policy in the console",
      (c) => c.policies.deletePolicy("demo", BALANCED, "console"),
      `refused: policy "Antivirus - Balanced" (${BALANCED}) is built in and cannot be deleted`,
    ],
    // [spec] path policyUuid: format uuid.
    [
      "a policy path that is no uuid",
      (c) => c.policies.getPolicy("demo", "balanced"),
      'invalid: policyUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "balanced")',
    ],
    ["an unknown policy", (c) => c.policies.getPolicy("demo", NOPE), `not-found: policy ${NOPE} not found`],
  ];
  test.each(refusals)("refuses %s", (_name, work, expected) => {
    expect(outcome(() => work(cloudWith()))).toBe(expected);
  });

  test("keeps valid features as sent, flags filled in", () => {
    const cloud = cloudWith();
    const made = cloud.policies.createPolicy(
      "demo",
      {
        displayName: "Featured",
        features: [
          {
            featureId: "4294967295",
            configuration: { "@type": "x/y", v: 1 },
            flags: { "a.b": { readOnly: true } },
          },
        ],
      },
      "api",
    );
    expect(made.features).toEqual([
      {
        featureId: 4294967295,
        configuration: { "@type": "x/y", v: 1 },
        flags: { "a.b": { applyForcefully: false, readOnly: true } },
      },
    ]);
  });

  test("another tenant's custom policy is refused as such; built-ins are everyone's", () => {
    const cloud = cloudWith();
    const theirs = custom(cloud, "acme");
    expect(outcome(() => cloud.policies.getPolicy("demo", theirs.uuid))).toBe(
      `other-tenant: policy ${theirs.uuid} belongs to another tenant`,
    );
    expect(cloud.policies.getPolicy("acme", BALANCED).displayName).toBe("Antivirus - Balanced");
  });

  // [assumed] switch deleteAssignedPolicy: refuse (412 failed precondition) or cascade.
  test.each([
    ["refuse", "failed-precondition", [[USB_LOCKED, 1]]],
    ["cascade", "ok", [[USB_LOCKED, 1]]],
  ] as const)("deleteAssignedPolicy %s: deleting a policy still assigned", (rule, expected, left) => {
    const cloud = cloudWith({ deleteAssignedPolicy: rule });
    const mine = custom(cloud);
    toGroup(cloud, mine.uuid, SALES);
    toGroup(cloud, USB_LOCKED, SALES);
    const answer = outcome(() => cloud.policies.deletePolicy("demo", mine.uuid, "api"));
    expect(answer.split(":")[0]).toBe(expected);
    expect(stack(cloud, SALES)).toEqual(
      rule === "refuse" ? [[mine.uuid, 1], ...left.map(([p]) => [p, 2])] : left,
    );
    if (rule === "refuse") {
      expect(answer).toBe(
        `failed-precondition: policy "Servers - strict USB" (${mine.uuid}) is still assigned (1 assignment, e.g. ${cloud.policies.listAssignments("demo", {}).items[0].uuid}): unassign it first`,
      );
    }
  });

  // [assumed] the console asks, then deletes the policy with its assignments, whatever the switch.
  test("the console deletes an assigned policy with its assignments", () => {
    const cloud = cloudWith({ deleteAssignedPolicy: "refuse" });
    const mine = custom(cloud);
    toGroup(cloud, mine.uuid, SALES);
    expect(outcome(() => cloud.policies.deletePolicy("demo", mine.uuid, "console"))).toBe("ok");
    expect(stack(cloud, SALES)).toEqual([]);
  });
});

describe("assignments", () => {
  const refusals: Array<[string, (c: EsetCloud) => unknown, string]> = [
    // [spec] v2PolicyTarget: one target per assignment.
    [
      "two target kinds",
      (c) =>
        c.policies.assignPolicy(
          "demo",
          { policyUuid: BALANCED, target: { deviceGroupUuid: SALES, deviceUuid: PC1 } },
          "api",
        ),
      "invalid: assignment.target must name exactly one of deviceGroupUuid, deviceUuid, subscriptionUuid (got deviceGroupUuid and deviceUuid)",
    ],
    [
      "no target",
      (c) => c.policies.assignPolicy("demo", { policyUuid: BALANCED }, "api"),
      'invalid: assignment.target is required: give exactly one of { "deviceGroupUuid" }, { "deviceUuid" }, { "subscriptionUuid" }',
    ],
    [
      "no policy",
      (c) => c.policies.assignPolicy("demo", { target: { deviceGroupUuid: SALES } }, "api"),
      "invalid: assignment.policyUuid is required and must be a non-empty string",
    ],
    [
      "an unknown policy",
      (c) => c.policies.assignPolicy("demo", { policyUuid: NOPE, target: { deviceGroupUuid: SALES } }, "api"),
      `not-found: policy ${NOPE} not found`,
    ],
    // [assumed] the target must exist in the caller's tenant, as a group's parent must.
    ["an unknown group", (c) => toGroup(c, BALANCED, NOPE), `not-found: group ${NOPE} not found`],
    [
      "an unknown device",
      (c) => c.policies.assignPolicy("demo", { policyUuid: BALANCED, target: { deviceUuid: NOPE } }, "api"),
      `not-found: device ${NOPE} not found`,
    ],
    // [assumed] the emulator has no subscriptions.
    [
      "a subscription",
      (c) =>
        c.policies.assignPolicy("demo", { policyUuid: BALANCED, target: { subscriptionUuid: NOPE } }, "api"),
      `not-found: subscription ${NOPE} not found (the emulator has no subscriptions)`,
    ],
    // [spec] updateRanking rank: 0 -> 400 (a missing rank is 0 on the wire).
    [
      "rank 0",
      (c) => c.policies.rankAssignment("demo", toGroup(c, BALANCED, SALES).uuid, 0),
      "invalid: rank is required and cannot be 0: rank 1 is the highest priority",
    ],
    [
      "no rank",
      (c) => c.policies.rankAssignment("demo", toGroup(c, BALANCED, SALES).uuid, undefined),
      "invalid: rank is required and cannot be 0: rank 1 is the highest priority",
    ],
    [
      "a rank that is no number",
      (c) => c.policies.rankAssignment("demo", toGroup(c, BALANCED, SALES).uuid, "first"),
      'invalid: rank must be a whole number (got "first")',
    ],
    // [spec] updateRanking rank: above the target's count -> 412.
    [
      "a rank above the target's count",
      (c) => c.policies.rankAssignment("demo", toGroup(c, BALANCED, SALES).uuid, 2),
      `failed-precondition: rank 2 is above the number of assignments to group ${SALES} (1)`,
    ],
    [
      "an unknown assignment",
      (c) => c.policies.unassignPolicy("demo", NOPE),
      `not-found: policy assignment ${NOPE} not found`,
    ],
    // [spec] path assignmentUuid: format uuid, maxLength 100.
    [
      "an assignment path that is no uuid",
      (c) => c.policies.getAssignment("demo", "x".repeat(101)),
      "invalid: assignmentUuid must be at most 100 characters (got 101)",
    ],
    [
      "a filter that is no uuid",
      (c) => c.policies.listAssignments("demo", { "target.deviceGroupUuid": "sales" }),
      'invalid: target.deviceGroupUuid must be a uuid such as 123e4567-e89b-12d3-a456-426614174000 (got "sales")',
    ],
  ];
  test.each(refusals)("refuses %s", (_name, work, expected) => {
    expect(outcome(() => work(cloudWith()))).toBe(expected);
  });

  test("a device target is served; a rank may come as a decimal string (int64 on the wire)", () => {
    const cloud = cloudWith();
    const first = cloud.policies.assignPolicy(
      "demo",
      { policyUuid: BALANCED, target: { deviceUuid: PC1 } },
      "api",
    );
    cloud.policies.assignPolicy("demo", { policyUuid: USB_LOCKED, target: { deviceUuid: PC1 } }, "api");
    expect(cloud.policies.rankAssignment("demo", first.uuid, "2").rank).toBe(2);
  });

  test("another tenant's group, device, policy and assignment are refused as such", () => {
    const cloud = cloudWith();
    cloud.console.createGroup("acme", { uuid: uuidOf("theirs"), displayName: "Theirs" });
    const theirs = cloud.policies.assignPolicy(
      "acme",
      { policyUuid: BALANCED, target: { deviceGroupUuid: uuidOf("theirs") } },
      "api",
    );
    expect(
      outcome(() =>
        cloud.policies.assignPolicy("acme", { policyUuid: BALANCED, target: { deviceUuid: PC1 } }, "api"),
      ),
    ).toBe(`other-tenant: device ${PC1} belongs to another tenant`);
    expect(outcome(() => toGroup(cloud, BALANCED, uuidOf("theirs")))).toBe(
      `other-tenant: group ${uuidOf("theirs")} belongs to another tenant`,
    );
    expect(outcome(() => cloud.policies.unassignPolicy("demo", theirs.uuid))).toBe(
      `other-tenant: policy assignment ${theirs.uuid} belongs to another tenant`,
    );
    expect(cloud.policies.listAssignments("demo", {}).items).toEqual([]);
  });

  // [spec] GET /v2/policy-assignments: policyUuid is merged with policyUuids.
  test("filters: policyUuid merged with policyUuids, target filters all apply", () => {
    const cloud = cloudWith();
    const mine = custom(cloud);
    toGroup(cloud, BALANCED, SALES);
    toGroup(cloud, USB_LOCKED, SALES);
    toGroup(cloud, mine.uuid, EMEA);
    const list = (query: Record<string, unknown>) =>
      cloud.policies
        .listAssignments("demo", query)
        .items.map((a) => [a.policyUuid, a.target.deviceGroupUuid]);
    expect(list({ policyUuid: BALANCED, policyUuids: [mine.uuid] })).toEqual([
      [BALANCED, SALES],
      [mine.uuid, EMEA],
    ]);
    expect(list({ policyUuids: USB_LOCKED })).toEqual([[USB_LOCKED, SALES]]);
    expect(list({ "target.deviceGroupUuid": EMEA })).toEqual([[mine.uuid, EMEA]]);
    expect(list({ "target.deviceGroupUuid": EMEA, policyUuid: BALANCED })).toEqual([]);
    expect(list({ "target.deviceUuid": PC1 })).toEqual([]);
    expect(list({ policyUuid: NOPE })).toEqual([]);
  });

  // [assumed] switch duplicatePolicyAssignment.
  test.each([
    ["refuse", "already-exists", [[BALANCED, 1]]],
    [
      "allow",
      "ok",
      [
        [BALANCED, 1],
        [BALANCED, 2],
      ],
    ],
  ] as const)("duplicatePolicyAssignment %s: the same policy twice on one group", (rule, expected, left) => {
    const cloud = cloudWith({ duplicatePolicyAssignment: rule });
    const first = toGroup(cloud, BALANCED, SALES);
    const again = outcome(() => toGroup(cloud, BALANCED, SALES));
    expect(again.split(":")[0]).toBe(expected);
    if (rule === "refuse") {
      expect(again).toBe(
        `already-exists: policy ${BALANCED} is already assigned to group ${SALES} (assignment ${first.uuid}, rank 1)`,
      );
    }
    expect(stack(cloud, SALES)).toEqual(left);
    // The same policy on another group is never a duplicate.
    expect(outcome(() => toGroup(cloud, BALANCED, EMEA))).toBe("ok");
  });

  // [assumed] switch policiesOnSpecialGroups: All and linked groups; Lost & found and static
  // groups under a linked one are ordinary targets; the console is never refused.
  test.each([
    ["allow", ALL, "ok"],
    ["allow", ACME, "ok"],
    [
      "refuse",
      ALL,
      `refused: no policy can be assigned to group "All" (${ALL}) through the API: it is the All group`,
    ],
    [
      "refuse",
      ACME,
      `refused: no policy can be assigned to group "Acme" (${ACME}) through the API: it is linked to an entity (GROUP_ENTITY_TYPE_CUSTOMER)`,
    ],
    [
      "refuse",
      SITE,
      `refused: no policy can be assigned to group "Site" (${SITE}) through the API: it is linked to an entity (GROUP_ENTITY_TYPE_SITE)`,
    ],
    [
      "refuse",
      AZURE,
      `refused: no policy can be assigned to group "Azure" (${AZURE}) through the API: it is linked to an entity (GROUP_ENTITY_TYPE_EXTERNAL_CONTAINER)`,
    ],
    ["refuse", LOST, "ok"],
    ["refuse", KIOSKS, "ok"],
  ] as const)("policiesOnSpecialGroups %s: assigning to %s", (rule, group, expected) => {
    const cloud = cloudWith({ policiesOnSpecialGroups: rule });
    expect(outcome(() => toGroup(cloud, BALANCED, group))).toBe(expected);
    const byHand = () =>
      cloud.policies.assignPolicy(
        "demo",
        { policyUuid: USB_LOCKED, target: { deviceGroupUuid: group } },
        "console",
      );
    expect(outcome(byHand)).toBe("ok");
  });

  // [assumed] switch policyAssignmentsOnGroupDelete, API and console deletes, subtree included.
  test.each([
    ["drop", "api"],
    ["drop", "console"],
    ["keep", "api"],
    ["keep", "console"],
  ] as const)("policyAssignmentsOnGroupDelete %s: a %s delete of a group above", (rule, by) => {
    const cloud = cloudWith({ policyAssignmentsOnGroupDelete: rule });
    toGroup(cloud, BALANCED, SALES);
    toGroup(cloud, USB_LOCKED, BERLIN);
    toGroup(cloud, BALANCED, LOST);
    cloud.policies.assignPolicy("demo", { policyUuid: USB_LOCKED, target: { deviceUuid: PC1 } }, "api");
    if (by === "api") cloud.deleteGroup("demo", SALES, false);
    else cloud.console.deleteGroup("demo", SALES, false);
    const left = cloud.policies.listAssignments("demo", {}).items.map((a) => a.target);
    expect(left).toEqual(
      rule === "drop"
        ? [{ deviceGroupUuid: LOST }]
        : [
            { deviceGroupUuid: SALES },
            { deviceGroupUuid: BERLIN },
            { deviceGroupUuid: LOST },
            { deviceUuid: PC1 },
          ],
    );
    if (rule === "keep") {
      // A kept assignment can still be read, reordered and removed; a new one needs the group.
      const kept = cloud.policies.listAssignments("demo", { "target.deviceGroupUuid": BERLIN }).items[0];
      expect(cloud.policies.getAssignment("demo", kept.uuid).rank).toBe(1);
      expect(outcome(() => cloud.policies.unassignPolicy("demo", kept.uuid))).toBe("ok");
      expect(outcome(() => toGroup(cloud, BALANCED, BERLIN))).toBe(`not-found: group ${BERLIN} not found`);
    }
  });

  test("listing is by target (first assigned first), then rank, and pages like every listing", () => {
    const cloud = cloudWith();
    const sales1 = toGroup(cloud, BALANCED, SALES);
    toGroup(cloud, BALANCED, EMEA);
    const sales2 = toGroup(cloud, USB_LOCKED, SALES);
    cloud.policies.rankAssignment("demo", sales2.uuid, 1);
    const page = cloud.policies.listAssignments("demo", { pageSize: 2 });
    expect(page.items.map((a) => [a.uuid, a.rank])).toEqual([
      [sales2.uuid, 1],
      [sales1.uuid, 2],
    ]);
    const next = cloud.policies.listAssignments("demo", { pageSize: 2, pageToken: page.nextPageToken });
    expect([next.items.map((a) => a.target.deviceGroupUuid), next.nextPageToken]).toEqual([[EMEA], ""]);
  });
});
