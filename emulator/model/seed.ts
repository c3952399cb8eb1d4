import { z } from "zod";
import type { EsetCloud } from "./cloud";
import type { NewDevice } from "./cloud-store";
import { ModelError, isModelError } from "./errors";
import { restoreSnapshot, snapshotOf } from "./snapshot";
import { ALL_GROUP_UUID } from "./types";

const seedSchema = z
  .object({
    tenants: z
      .array(
        z
          .object({
            id: z.string().min(1),
            users: z
              .array(z.object({ username: z.string().min(1), password: z.string().min(1) }).strict())
              .optional(),
            groups: z
              .array(
                z
                  .object({
                    uuid: z.string().min(1).optional(),
                    displayName: z.string().min(1),
                    parentGroupUuid: z.string().min(1).optional(),
                    description: z.string().optional(),
                    linkedEntityType: z.string().optional(),
                    externalReference: z.string().optional(),
                    externalType: z.string().optional(),
                  })
                  .strict(),
              )
              .optional(),
            devices: z
              .array(
                z
                  .object({
                    uuid: z.string().min(1).optional(),
                    displayName: z.string().min(1),
                    /** The group that contains the device. */
                    groupUuid: z.string().min(1).optional(),
                    /** Every group the device is a member of; the first contains it (if no groupUuid). */
                    groupUuids: z.array(z.string().min(1)).min(1).optional(),
                  })
                  .strict()
                  .refine((d) => d.groupUuid !== undefined || d.groupUuids !== undefined, {
                    message: "give groupUuid or groupUuids",
                  }),
              )
              .optional(),
            /** Custom policies, made as in the console (built-ins are always there). */
            policies: z
              .array(
                z
                  .object({
                    uuid: z.string().min(1).optional(),
                    displayName: z.string().min(1),
                    description: z.string().optional(),
                  })
                  .strict(),
              )
              .optional(),
            /** Assignments in rank order per target, made as in the console. */
            policyAssignments: z
              .array(
                z
                  .object({
                    policyUuid: z.string().min(1),
                    target: z
                      .object({
                        deviceGroupUuid: z.string().min(1).optional(),
                        deviceUuid: z.string().min(1).optional(),
                      })
                      .strict(),
                  })
                  .strict(),
              )
              .optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/**
 * What `POST /_emulator/seed` and `--seed FILE` take. Groups are created in order, so a group may
 * name an earlier one of the same seed as its parent (default parent: All). Groups, devices, custom
 * policies and policy assignments (each target's in rank order) are added as ESET's console would
 * (linked groups allowed); uuids in ESET's format.
 */
export type SeedInput = z.input<typeof seedSchema>;

/**
 * Adds tenants, users, groups and devices to the current content under the normal tree rules.
 * All or nothing: on any error the cloud is left as it was.
 */
export function applySeed(cloud: EsetCloud, input: unknown): void {
  const parsed = seedSchema.safeParse(input);
  if (!parsed.success) throw new ModelError("invalid", `seed: ${z.prettifyError(parsed.error)}`);
  const before = snapshotOf(cloud);
  try {
    cloud.batch(() => {
      (parsed.data.tenants ?? []).forEach((t, ti) => {
        const where = (what: string, i: number) => `seed: tenants[${ti}].${what}[${i}]`;
        cloud.addTenant(t.id);
        (t.users ?? []).forEach((u, i) =>
          prefixed(where("users", i), () => cloud.addUser(t.id, u.username, u.password)),
        );
        (t.groups ?? []).forEach((g, i) =>
          prefixed(where("groups", i), () =>
            cloud.console.createGroup(t.id, { ...g, parentGroupUuid: g.parentGroupUuid ?? ALL_GROUP_UUID }),
          ),
        );
        (t.devices ?? []).forEach((d, i) =>
          prefixed(where("devices", i), () => cloud.addDevice(t.id, deviceOf(d))),
        );
        (t.policies ?? []).forEach((p, i) =>
          prefixed(where("policies", i), () => cloud.policies.createPolicy(t.id, p, "console")),
        );
        (t.policyAssignments ?? []).forEach((a, i) =>
          prefixed(where("policyAssignments", i), () => cloud.policies.assignPolicy(t.id, a, "console")),
        );
      });
    });
  } catch (e) {
    restoreSnapshot(cloud, before);
    throw e;
  }
}

function deviceOf(d: {
  uuid?: string;
  displayName: string;
  groupUuid?: string;
  groupUuids?: string[];
}): NewDevice {
  const memberships = [...(d.groupUuid === undefined ? [] : [d.groupUuid]), ...(d.groupUuids ?? [])];
  const [groupUuid, ...others] = memberships.filter((g, i) => i === 0 || g !== d.groupUuid);
  return { uuid: d.uuid, displayName: d.displayName, groupUuid, otherGroupUuids: others };
}

function prefixed(where: string, work: () => unknown): void {
  try {
    work();
  } catch (e) {
    if (isModelError(e)) throw new ModelError("invalid", `${where}: ${e.message}`);
    throw e;
  }
}
