import { z } from "zod";
import { EXTERNAL_ASSET_TYPES, GROUP_ENTITY_TYPES } from "./entity-types";
import type { CloudStore } from "./cloud-store";
import type { Policy, PolicyAssignment } from "./policies";
import type { Deletion, DeviceRecord, GroupRecord } from "./types";
import type { UserRecord } from "./users";

/**
 * Everything the cloud holds, as plain JSON: what `--state FILE` stores. Users appear with a salted
 * password hash only.
 */
export interface CloudSnapshot {
  tenants: Array<{
    id: string;
    groups: GroupRecord[];
    devices: DeviceRecord[];
    deletions: Deletion[];
    /** Custom policies only: built-ins are seeded afresh in every tenant. */
    policies: Policy[];
    /** By target, then rank: restoring them in this order rebuilds every stack. */
    policyAssignments: PolicyAssignment[];
  }>;
  users: UserRecord[];
}

const policySchema = z.object({
  uuid: z.string().min(1),
  displayName: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  features: z.array(
    z.object({
      featureId: z.number().int(),
      configuration: z.record(z.string(), z.unknown()),
      flags: z.record(z.string(), z.object({ applyForcefully: z.boolean(), readOnly: z.boolean() })),
    }),
  ),
});

const assignmentSchema = z.object({
  uuid: z.string().min(1),
  policyUuid: z.string().min(1),
  target: z.union([
    z.object({ deviceGroupUuid: z.string().min(1) }).strict(),
    z.object({ deviceUuid: z.string().min(1) }).strict(),
    z.object({ subscriptionUuid: z.string().min(1) }).strict(),
  ]),
  rank: z.number().int().min(1),
});

const snapshotSchema = z.object({
  tenants: z.array(
    z.object({
      id: z.string().min(1),
      groups: z.array(
        z.object({
          uuid: z.string().min(1),
          displayName: z.string(),
          description: z.string(),
          parentGroupUuid: z.string().optional(),
          linkedEntityType: z.enum(GROUP_ENTITY_TYPES),
          // Absent in state files written before groups kept them.
          externalReference: z.string().default(""),
          externalType: z.enum(EXTERNAL_ASSET_TYPES).default("EXTERNAL_ASSET_TYPE_UNSPECIFIED"),
          version: z.number().int(),
        }),
      ),
      devices: z.array(
        z.object({
          uuid: z.string(),
          displayName: z.string(),
          groupUuid: z.string(),
          // Absent in state files written before devices could belong to several groups.
          otherGroupUuids: z.array(z.string()).default([]),
        }),
      ),
      deletions: z.array(
        z.object({
          groupUuid: z.string(),
          releaseConsumedUnits: z.boolean(),
          groupUuids: z.array(z.string()),
          deviceUuids: z.array(z.string()),
        }),
      ),
      // Absent in state files written before the emulator served policy management.
      policies: z.array(policySchema).default([]),
      policyAssignments: z.array(assignmentSchema).default([]),
    }),
  ),
  users: z.array(
    z.object({ username: z.string(), tenant: z.string(), salt: z.string(), passwordHash: z.string() }),
  ),
});

export function snapshotOf(cloud: CloudStore): CloudSnapshot {
  return {
    tenants: [...cloud.tenants.values()].map((t) => ({
      id: t.id,
      groups: [...t.groups.values()].map((g) => ({ ...g })),
      devices: [...t.devices.values()].map((d) => ({ ...d, otherGroupUuids: [...d.otherGroupUuids] })),
      deletions: t.deletions.map((d) => ({ ...d })),
      policies: t.policyBook.customPolicies(),
      policyAssignments: t.policyBook.list(),
    })),
    users: [...cloud.users.values()].map((u) => ({ ...u })),
  };
}

/** Replaces the cloud's content with a snapshot; throws a readable error if the snapshot is malformed. */
export function restoreSnapshot(cloud: CloudStore, input: unknown): void {
  const parsed = snapshotSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`not an emulator state: ${z.prettifyError(parsed.error)}`);
  }
  const snapshot = parsed.data;
  cloud.batch(() => {
    cloud.tenants.clear();
    cloud.users.clear();
    for (const saved of snapshot.tenants) {
      const tenant = cloud.addTenant(saved.id);
      tenant.restoreGroups(saved.groups.map((g) => ({ ...g, parentGroupUuid: g.parentGroupUuid })));
      for (const d of saved.devices) tenant.devices.set(d.uuid, d);
      tenant.restoreDeletions(saved.deletions);
      tenant.policyBook.restore(saved.policies, saved.policyAssignments);
    }
    for (const u of snapshot.users) cloud.users.set(u.username, u);
  });
}
