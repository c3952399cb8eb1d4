import type { FastifyInstance } from "fastify";
import { deviceView } from "../../model/state";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import { answer, consoleTarget as target, tenantOf } from "./console-shared";
import { jsonObjectBody, objectField, queryOf } from "./shared";

/**
 * `/_emulator/console/*`: what ESET or a person in the web console does outside the API (create a
 * linked group as customer onboarding does, rename/move/delete any group, add and move devices).
 * Like the rest of the control plane: no auth, no rate limit, no faults, not in the request log.
 */
export function consoleRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const esetConsole = ctx.cloud.console;

  app.post("/_emulator/console/groups", (request, reply) =>
    answer(reply, () => {
      const group = objectField(jsonObjectBody(request), "group");
      if (!group) throw new HttpError(400, 'group is required: send { "group": { "displayName", ... } }');
      return { group: esetConsole.createGroup(tenantOf(request), group) };
    }),
  );

  app.post<{ Params: { target: string } }>("/_emulator/console/groups/:target", (request, reply) =>
    answer(reply, () => {
      const { uuid, verb } = target(request.params.target, ["rename", "move"], "group");
      const body = jsonObjectBody(request);
      const tenant = tenantOf(request);
      return {
        group:
          verb === "rename"
            ? esetConsole.renameGroup(tenant, uuid, body.displayName)
            : esetConsole.moveGroup(tenant, uuid, body.newParentUuid),
      };
    }),
  );

  app.delete<{ Params: { groupUuid: string } }>("/_emulator/console/groups/:groupUuid", (request, reply) =>
    answer(reply, () => ({
      deletion: esetConsole.deleteGroup(
        tenantOf(request),
        request.params.groupUuid,
        queryOf(request).releaseConsumedUnits,
      ),
    })),
  );

  app.post("/_emulator/console/devices", (request, reply) =>
    answer(reply, () => {
      const device = objectField(jsonObjectBody(request), "device");
      if (!device)
        throw new HttpError(400, 'device is required: send { "device": { "displayName", "groupUuid" } }');
      const groupUuids = device.groupUuids;
      if (
        groupUuids !== undefined &&
        (!Array.isArray(groupUuids) || groupUuids.some((g) => typeof g !== "string"))
      ) {
        throw new HttpError(400, "device.groupUuids must be an array of group uuids");
      }
      const memberships = [
        ...(device.groupUuid === undefined ? [] : [device.groupUuid]),
        ...((groupUuids as string[] | undefined) ?? []),
      ].filter((g, i) => i === 0 || g !== device.groupUuid);
      if (memberships.length === 0 || typeof memberships[0] !== "string") {
        throw new HttpError(400, "device.groupUuid (or device.groupUuids) is required");
      }
      const [groupUuid, ...otherGroupUuids] = memberships as string[];
      const added = esetConsole.addDevice(tenantOf(request), {
        uuid: device.uuid as string | undefined,
        displayName: device.displayName as string,
        groupUuid,
        otherGroupUuids,
      });
      return { device: deviceView(added) };
    }),
  );

  app.post<{ Params: { target: string } }>("/_emulator/console/devices/:target", (request, reply) =>
    answer(reply, () => {
      const { uuid } = target(request.params.target, ["move"], "device");
      const moved = esetConsole.moveDevice(tenantOf(request), uuid, jsonObjectBody(request).groupUuid);
      return { device: deviceView(moved) };
    }),
  );
}
