import { ANTIVIRUS_BALANCED_POLICY_UUID } from "../../../emulator/model/built-in-policies";
import { EsetCloud } from "../../../emulator/model/cloud";
import { applySeed } from "../../../emulator/model/seed";
import { uuidOf } from "../../support/uuids";
import { outcome } from "./fixtures";

const C = uuidOf("c");
const P = uuidOf("p");
const OK = uuidOf("ok");
const NOPE = uuidOf("nope");

describe("seed", () => {
  test("refuses unknown fields, naming them", () => {
    expect(outcome(() => applySeed(new EsetCloud(), { tenants: [{ id: "x", groupz: [] }] }))).toMatch(
      /^invalid: seed: .*groupz/s,
    );
  });

  test("is all or nothing: a bad group leaves the cloud untouched", () => {
    const cloud = new EsetCloud();
    const bad = {
      tenants: [
        {
          id: "new",
          groups: [
            { uuid: OK, displayName: "Ok" },
            { displayName: "Orphan", parentGroupUuid: NOPE },
          ],
        },
      ],
    };
    expect(outcome(() => applySeed(cloud, bad))).toBe(
      `invalid: seed: tenants[0].groups[1]: parent group ${NOPE} not found`,
    );
    expect([...cloud.tenants.keys()]).toEqual(["demo"]);
  });

  test("adds to what is there and can name earlier groups as parents", () => {
    const cloud = new EsetCloud();
    applySeed(cloud, {
      tenants: [
        {
          id: "demo",
          groups: [
            { uuid: P, displayName: "P" },
            { uuid: C, displayName: "C", parentGroupUuid: P },
          ],
        },
      ],
    });
    expect(cloud.tenant("demo").group(C).parentGroupUuid).toBe(P);
  });
});

describe("policies in a seed", () => {
  const servers = uuidOf("seeded-servers");
  const strict = uuidOf("seeded-strict");

  test("adds custom policies and assignments in rank order, as the console would", () => {
    const cloud = new EsetCloud();
    applySeed(cloud, {
      tenants: [
        {
          id: "demo",
          groups: [{ uuid: servers, displayName: "Servers" }],
          policies: [{ uuid: strict, displayName: "Strict" }],
          policyAssignments: [
            { policyUuid: strict, target: { deviceGroupUuid: servers } },
            { policyUuid: ANTIVIRUS_BALANCED_POLICY_UUID, target: { deviceGroupUuid: servers } },
          ],
        },
      ],
    });
    expect(cloud.policies.listAssignments("demo", {}).items.map((a) => [a.policyUuid, a.rank])).toEqual([
      [strict, 1],
      [ANTIVIRUS_BALANCED_POLICY_UUID, 2],
    ]);
  });

  test("a bad assignment names its place and leaves nothing behind", () => {
    const cloud = new EsetCloud();
    const bad = () =>
      applySeed(cloud, {
        tenants: [
          {
            id: "demo",
            groups: [{ uuid: servers, displayName: "Servers" }],
            policyAssignments: [{ policyUuid: strict, target: { deviceGroupUuid: servers } }],
          },
        ],
      });
    expect(bad).toThrow(`seed: tenants[0].policyAssignments[0]: policy ${strict} not found`);
    expect(cloud.tenant("demo").groups.has(servers)).toBe(false);
  });
});
